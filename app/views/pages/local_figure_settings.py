"""设置 → 地方参数: the figures the claim calculators use — each city's previous-year average
monthly wage (the 3× cap of 劳动合同法 art 47) and the province's one-off injury subsidies by
grade (工伤保险条例 arts 36-37) — with the source and whether an administrator verified them.
Unverified rows are red, and every result computed from one says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, ValidationFailed
from app.knowledge.calculators.local import AVERAGE_WAGE, KINDS, UNITS, YUAN
from app.services.knowledge.local_parameters import LocalParameterService
from app.views.widgets.inline_error import InlineError
from app.views.widgets.messages import Dialogs

COLUMNS = ["省份", "城市", "参数", "年度", "等级", "数值", "核实", "来源"]
TEXTS = [("province", "省份"), ("city", "城市"), ("year", "年度"), ("grade", "伤残等级"),
         ("value", "数值"), ("source", "来源")]
UNVERIFIED = QColor("#b00020")


class LocalFigureSettings(QWidget):
    def __init__(self, figures: LocalParameterService, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures, self.dialogs = figures, dialogs
        self.editing: int | None = None
        self.rows: list = []  # type: ignore[type-arg]
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        box = QGroupBox(self.tr("新增或修改（选中表中一行即可修改）"))
        form = QFormLayout(box)
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
        self.verified = QCheckBox(self.tr("已按原文核实"))
        form.addRow("", self.verified)
        self.problem = InlineError()
        form.addRow("", self.problem)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新增"))
        self.save_button = QPushButton(self.tr("保存"))
        self.delete_button = QPushButton(self.tr("删除选中"))
        for button in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        note = QLabel(self.tr("请求金额计算（经济补偿三倍封顶、工伤待遇）使用本表；红色为未核实的数值，"
                              "计算结果会注明“未经核实”。"))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(box)
        self.table.itemSelectionChanged.connect(self._selected)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.new_button.clicked.connect(self.clear_form)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete_selected)
        self.load()

    def load(self) -> None:
        try:
            self.rows = self.figures.figures()
        except AppError as exc:
            self.rows = []
            self.dialogs.error(self, self.tr("地方参数表"), exc.message)
        self.table.setRowCount(len(self.rows))
        for r, (_id, f) in enumerate(self.rows):
            values = (f.province, f.city, KINDS.get(f.kind, f.kind), str(f.year),
                      f"{f.grade}级" if f.grade else "",
                      f"{f.value:,.2f}{UNITS.get(f.unit, f.unit)}",
                      "已核实" if f.verified else "未核实", f.source)
            for c, text in enumerate(values):
                item = QTableWidgetItem(self.tr(text))
                if c == 5:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not f.verified:
                    item.setForeground(QBrush(UNVERIFIED))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _kind_changed(self) -> None:
        average = self.kind.currentData() == AVERAGE_WAGE
        self.edits["grade"].setEnabled(not average)
        if average:
            self.unit.setCurrentIndex(self.unit.findData(YUAN))

    def _selected(self) -> None:
        r = self.table.currentRow()
        if r < 0 or r >= len(self.rows):
            return
        figure_id, f = self.rows[r]
        self.editing = figure_id or None
        self.kind.setCurrentIndex(self.kind.findData(f.kind))
        self.unit.setCurrentIndex(self.unit.findData(f.unit))
        for name, value in (("province", f.province), ("city", f.city), ("year", str(f.year)),
                            ("grade", str(f.grade or "")), ("value", f"{f.value}"),
                            ("source", f.source)):
            self.edits[name].setText(value)
        self.verified.setChecked(f.verified)

    def clear_form(self) -> None:
        self.editing = None
        self.table.clearSelection()
        for edit in self.edits.values():
            edit.clear()
        self.verified.setChecked(False)
        self.problem.clear_problem()

    def save(self) -> bool:
        data = {name: edit.text().strip() for name, edit in self.edits.items()}
        data.update(kind=self.kind.currentData(), unit=self.unit.currentData(),
                    verified=self.verified.isChecked())
        try:
            self.figures.save(data, self.editing)
        except ValidationFailed as exc:
            self.problem.show_problems(exc.errors)
            return False
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法保存"), exc.message)
            return False
        self.load()
        self.clear_form()
        return True

    def delete_selected(self) -> bool:
        r = self.table.currentRow()
        if r < 0 or r >= len(self.rows) or not self.rows[r][0]:
            self.dialogs.error(self, self.tr("删除"), self.tr("请先在表中选择要删除的一行"))
            return False
        figure_id, f = self.rows[r]
        if not self.dialogs.confirm(self, self.tr("删除"), self.tr("删除") + f.describe() + "？"):
            return False
        try:
            self.figures.delete(figure_id)
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法删除"), exc.message)
            return False
        self.load()
        self.clear_form()
        return True
