"""设置 → 地方参数: the figures the claim calculators use — each city's previous-year average
monthly wage (the 3× cap of 劳动合同法 art 47) and the province's one-off injury subsidies by
grade (工伤保险条例 arts 36-37) — with the source and whether an administrator verified them.
Unverified rows are red, and every result computed from one says so."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from app.errors import ValidationFailed
from app.knowledge.calculators.local import AVERAGE_WAGE, KINDS, UNITS, YUAN, LocalFigure
from app.services.knowledge.local_parameters import LocalParameterService
from app.views.widgets.figure_table import UNVERIFIED, FigureTableEditor
from app.views.widgets.inline_error import InlineError
from app.views.widgets.messages import Dialogs

COLUMNS = ["省份", "城市", "参数", "年度", "等级", "数值", "核实", "来源"]
TEXTS = [("province", "省份"), ("city", "城市"), ("year", "年度"), ("grade", "伤残等级"),
         ("value", "数值"), ("source", "来源")]
__all__ = ["UNVERIFIED", "LocalFigureSettings"]


class LocalFigureSettings(FigureTableEditor):
    numeric_columns = (5,)
    table_title = "地方参数表"

    def __init__(self, figures: LocalParameterService, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, "请求金额计算（经济补偿三倍封顶、工伤待遇）使用本表；红色为未核实的数值，"
                                  "计算结果会注明“未经核实”。", "已按原文核实", dialogs, parent)
        self.figures = figures
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.load()

    def build_fields(self, form: QFormLayout) -> None:
        self.kind = QComboBox()
        for key, caption in KINDS.items():
            self.kind.addItem(self.tr(caption), key)
        self.unit = QComboBox()
        for key, caption in UNITS.items():
            self.unit.addItem(self.tr(caption), key)
        form.addRow(self.tr("参数"), self.kind)
        self.edits: dict[str, QLineEdit] = {}
        for name, caption in TEXTS:
            self.edits[name] = QLineEdit()
            form.addRow(self.tr(caption), self.edits[name])
        form.addRow(self.tr("单位"), self.unit)
        self.edits["year"].setPlaceholderText(self.tr("平均工资填所属年度（如 2025）；补助金填起执行年度"))
        self.edits["grade"].setPlaceholderText(self.tr("补助金填 5 至 10；平均工资留空"))
        self.edits["source"].setPlaceholderText(self.tr("发布机关和文件或公报名称"))

    def after_verified(self, form: QFormLayout) -> None:
        self.problem = InlineError()
        form.addRow("", self.problem)

    def fetch(self) -> list[tuple[int, LocalFigure]]:
        return self.figures.figures()

    def cells(self, f: LocalFigure) -> tuple[str, ...]:
        return (f.province, f.city, KINDS.get(f.kind, f.kind), str(f.year),
                f"{f.grade}级" if f.grade else "", f"{f.value:,.2f}{UNITS.get(f.unit, f.unit)}",
                "已核实" if f.verified else "未核实", f.source)

    def _kind_changed(self) -> None:
        average = self.kind.currentData() == AVERAGE_WAGE
        self.edits["grade"].setEnabled(not average)
        if average:
            self.unit.setCurrentIndex(self.unit.findData(YUAN))

    def fill(self, f: LocalFigure) -> None:
        self.kind.setCurrentIndex(self.kind.findData(f.kind))
        self.unit.setCurrentIndex(self.unit.findData(f.unit))
        for name, value in (("province", f.province), ("city", f.city), ("year", str(f.year)),
                            ("grade", str(f.grade or "")), ("value", f"{f.value}"),
                            ("source", f.source)):
            self.edits[name].setText(value)

    def store(self, editing: int | None) -> None:
        data: dict[str, object] = {name: edit.text().strip() for name, edit in self.edits.items()}
        data.update(kind=self.kind.currentData(), unit=self.unit.currentData(),
                    verified=self.verified.isChecked())
        self.figures.save(data, editing)

    def remove(self, figure_id: int) -> None:
        self.figures.delete(figure_id)

    def describe(self, f: LocalFigure) -> str:
        return self.tr("删除") + f.describe() + "？"

    def clear_fields(self) -> None:
        for edit in self.edits.values():
            edit.clear()
        self.problem.clear_problem()

    def show_problems(self, exc: ValidationFailed) -> None:
        self.problem.show_problems(exc.errors)
