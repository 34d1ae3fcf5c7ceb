"""设置 → 最低工资: each city's standard with its effective date, source and whether verified.

The shipped figures are unverified; the table says so in red until an administrator checks
a row against the bureau's notice, fills the source and ticks 已核实.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from app.errors import ValidationFailed
from app.services.workflow.wages import WageInput, WageService
from app.views.widgets.figure_table import UNVERIFIED, FigureTableEditor
from app.views.widgets.inline_error import InlineError, add_field
from app.views.widgets.messages import Dialogs
from app.workflow.final_award import MinimumWage

COLUMNS = ["省份", "城市", "月最低工资", "小时最低工资", "生效日期", "核实", "来源"]
FIELDS = [("province", "省份"), ("city", "城市"), ("monthly", "月最低工资（元）"),
          ("hourly", "小时最低工资（元）"), ("effective_on", "生效日期"), ("source", "来源")]
__all__ = ["UNVERIFIED", "WageSettings"]


class WageSettings(FigureTableEditor):
    numeric_columns = (2, 3)
    table_title = "最低工资表"

    def __init__(self, wages: WageService, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, "一裁终局（小额）判断和权益核查使用本表；红色为未核实的出厂数值，"
                                  "使用前请按当地人社部门公告核对。",
                         "已按当地现行公告核实", dialogs, parent)
        self.wages = wages
        self.load()

    def build_fields(self, form: QFormLayout) -> None:
        self.edits: dict[str, QLineEdit] = {}
        self.messages: dict[str, InlineError] = {}
        for name, caption in FIELDS:
            edit = QLineEdit()
            self.edits[name] = edit
            self.messages[name] = add_field(form, self.tr(caption), edit)
        self.edits["effective_on"].setPlaceholderText("2026-01-01")
        self.edits["source"].setPlaceholderText(self.tr("发文机关、文号，如 浙政发〔2025〕x号"))

    def fetch(self) -> list[tuple[int, MinimumWage]]:
        return self.wages.standards()

    def cells(self, w: MinimumWage) -> tuple[str, ...]:
        return (w.province, w.city, f"{w.monthly:,.2f}", f"{w.hourly:,.2f}",
                w.effective_on.isoformat(), "已核实" if w.verified else "未核实",
                w.source)

    def fill(self, w: MinimumWage) -> None:
        for name, value in (("province", w.province), ("city", w.city),
                            ("monthly", f"{w.monthly}"), ("hourly", f"{w.hourly}"),
                            ("effective_on", w.effective_on.isoformat()),
                            ("source", w.source)):
            self.edits[name].setText(value)

    def store(self, editing: int | None) -> None:
        self.wages.save(WageInput(**{name: edit.text() for name, edit in self.edits.items()},
                                  verified=self.verified.isChecked()), editing)

    def remove(self, figure_id: int) -> None:
        self.wages.delete(figure_id)

    def describe(self, w: MinimumWage) -> str:
        return self.tr("删除{c} {d} 起执行的标准？").replace("{c}", w.city).replace(
            "{d}", w.effective_on.isoformat())

    def clear_fields(self) -> None:
        for edit in self.edits.values():
            edit.clear()
        for message in self.messages.values():
            message.clear_problem()

    def show_problems(self, exc: ValidationFailed) -> None:
        for name, message in self.messages.items():
            message.show_problems([p for p in exc.errors if p.field == name])
