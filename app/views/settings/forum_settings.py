"""设置 → 受理机关: the registry of forums filings go to — arbitration commissions, basic and
intermediate courts, legal-aid centres, labour inspection — with their full official names,
where they sit, address and phone, the source and whether an administrator verified them.
Unverified rows are red; documents addressed to one say so. The service refuses anyone but an
administrator."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from app.errors import ValidationFailed
from app.services.admin.forums import ForumService
from app.views.widgets.figure_table import FigureTableEditor
from app.views.widgets.inline_error import InlineError
from app.views.widgets.messages import Dialogs
from app.workflow.filing.forums import KIND_LABELS, ForumEntry

COLUMNS = ["类别", "名称", "城市", "区县", "地址", "电话", "核实", "来源"]
TEXTS = [("name", "名称（全称）"), ("province", "省份"), ("city", "城市"), ("district", "区县"),
         ("address", "地址"), ("phone", "电话"), ("source", "来源")]


class ForumSettings(FigureTableEditor):
    table_title = "受理机关表"

    def __init__(self, forums: ForumService, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, "申请书、起诉状等文书按管辖规则从本表推荐受理机关（仲裁：劳动合同履行地或用人单位"
                                  "所在地；诉讼：用人单位所在地或劳动合同履行地的基层人民法院；司法确认：调解组织所在地；"
                                  "支付令：债务人住所地），每次申请仍可改选。红色为未核实的名称和地址。",
                         "名称和地址已按官方来源核实", dialogs, parent)
        self.forums = forums
        self.load()

    def build_fields(self, form: QFormLayout) -> None:
        self.kind = QComboBox()
        for key, caption in KIND_LABELS.items():
            self.kind.addItem(self.tr(caption), key.value)
        form.addRow(self.tr("类别"), self.kind)
        self.edits: dict[str, QLineEdit] = {}
        for name, caption in TEXTS:
            self.edits[name] = QLineEdit()
            form.addRow(self.tr(caption), self.edits[name])
        self.edits["name"].setPlaceholderText(self.tr("如：绍兴市越城区人民法院"))
        self.edits["district"].setPlaceholderText(self.tr("基层人民法院必填，如：越城区"))
        self.edits["source"].setPlaceholderText(self.tr("核实所依据的官方网站或公告"))

    def after_verified(self, form: QFormLayout) -> None:
        self.problem = InlineError()
        form.addRow("", self.problem)

    def fetch(self) -> list[tuple[int, ForumEntry]]:
        return self.forums.entries()

    def cells(self, f: ForumEntry) -> tuple[str, ...]:
        kind = next((v for k, v in KIND_LABELS.items() if k.value == f.kind), f.kind)
        return (kind, f.name, f.city, f.district, f.address, f.phone,
                "已核实" if f.verified else "未核实", f.source)

    def fill(self, f: ForumEntry) -> None:
        self.kind.setCurrentIndex(self.kind.findData(f.kind))
        for name, _caption in TEXTS:
            self.edits[name].setText(getattr(f, name))

    def store(self, editing: int | None) -> None:
        data: dict[str, object] = {name: edit.text().strip() for name, edit in self.edits.items()}
        data.update(kind=self.kind.currentData(), verified=self.verified.isChecked())
        self.forums.save(data, editing)

    def remove(self, figure_id: int) -> None:
        self.forums.delete(figure_id)

    def describe(self, f: ForumEntry) -> str:
        return self.tr("从受理机关表中删除“") + f.name + self.tr("”？已登记的申请不受影响。")

    def clear_fields(self) -> None:
        for edit in self.edits.values():
            edit.clear()
        self.problem.clear_problem()

    def show_problems(self, exc: ValidationFailed) -> None:
        self.problem.show_problems(exc.errors)
