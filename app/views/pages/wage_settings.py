"""设置 → 最低工资: each city's standard with its effective date, source and whether verified.

The shipped figures are unverified; the table says so in red until an administrator checks
a row against the bureau's notice, fills the source and ticks 已核实.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
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
from app.services.workflow.wages import WageInput, WageService
from app.views.widgets.inline_error import InlineError, add_field
from app.views.widgets.messages import Dialogs

COLUMNS = ["省份", "城市", "月最低工资", "小时最低工资", "生效日期", "核实", "来源"]
FIELDS = [("province", "省份"), ("city", "城市"), ("monthly", "月最低工资（元）"),
          ("hourly", "小时最低工资（元）"), ("effective_on", "生效日期"), ("source", "来源")]
UNVERIFIED = QColor("#b00020")


class WageSettings(QWidget):
    def __init__(self, wages: WageService, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wages, self.dialogs = wages, dialogs
        self.editing: int | None = None
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        form_box = QGroupBox(self.tr("新增或修改（选中表中一行即可修改）"))
        form = QFormLayout(form_box)
        self.edits: dict[str, QLineEdit] = {}
        self.messages: dict[str, InlineError] = {}
        for name, caption in FIELDS:
            edit = QLineEdit()
            self.edits[name] = edit
            self.messages[name] = add_field(form, self.tr(caption), edit)
        self.edits["effective_on"].setPlaceholderText("2026-01-01")
        self.edits["source"].setPlaceholderText(self.tr("发文机关、文号，如 浙政发〔2025〕x号"))
        self.verified = QCheckBox(self.tr("已按当地现行公告核实"))
        form.addRow("", self.verified)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新增"))
        self.save_button = QPushButton(self.tr("保存"))
        self.delete_button = QPushButton(self.tr("删除选中"))
        for button in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        note = QLabel(self.tr("一裁终局（小额）判断和权益核查使用本表；红色为未核实的出厂数值，"
                              "使用前请按当地人社部门公告核对。"))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(form_box)
        self.table.itemSelectionChanged.connect(self._selected)
        self.new_button.clicked.connect(self.clear_form)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete_selected)
        self.load()

    def load(self) -> None:
        try:
            self.rows = self.wages.standards()
        except AppError as exc:
            self.rows = []
            self.dialogs.error(self, self.tr("最低工资表"), exc.message)
        self.table.setRowCount(len(self.rows))
        for r, (_id, w) in enumerate(self.rows):
            values = (w.province, w.city, f"{w.monthly:,.2f}", f"{w.hourly:,.2f}",
                      w.effective_on.isoformat(), "已核实" if w.verified else "未核实", w.source)
            for c, text in enumerate(values):
                item = QTableWidgetItem(self.tr(text))
                if c in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not w.verified:
                    item.setForeground(QBrush(UNVERIFIED))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _selected(self) -> None:
        r = self.table.currentRow()
        if r < 0 or r >= len(self.rows):
            return
        wage_id, w = self.rows[r]
        self.editing = wage_id or None
        for name, value in (("province", w.province), ("city", w.city), ("monthly", f"{w.monthly}"),
                            ("hourly", f"{w.hourly}"), ("effective_on", w.effective_on.isoformat()),
                            ("source", w.source)):
            self.edits[name].setText(value)
        self.verified.setChecked(w.verified)

    def clear_form(self) -> None:
        self.editing = None
        self.table.clearSelection()
        for edit in self.edits.values():
            edit.clear()
        self.verified.setChecked(False)
        for message in self.messages.values():
            message.clear_problem()

    def save(self) -> bool:
        data = WageInput(**{name: edit.text() for name, edit in self.edits.items()},
                         verified=self.verified.isChecked())
        try:
            self.wages.save(data, self.editing)
        except ValidationFailed as exc:
            for name, message in self.messages.items():
                message.show_problems([p for p in exc.errors if p.field == name])
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
        wage_id, w = self.rows[r]
        if not self.dialogs.confirm(self, self.tr("删除"), self.tr("删除{c} {d} 起执行的标准？")
                                    .replace("{c}", w.city)
                                    .replace("{d}", w.effective_on.isoformat())):
            return False
        try:
            self.wages.delete(wage_id)
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法删除"), exc.message)
            return False
        self.load()
        self.clear_form()
        return True
