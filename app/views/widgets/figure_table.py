"""A settings tab over a table of official figures an administrator keeps (最低工资, 地方参数):
the rows with unverified ones in red, a form to add or correct one (select a row to edit it),
a verified tick with its source, and delete with a question first. Subclasses say which
fields the form has and which service stores the rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, ValidationFailed
from app.views.widgets.messages import Dialogs

UNVERIFIED = QColor("#b00020")


class FigureTableEditor(QWidget):
    """Rows are (id, figure) pairs; an id of 0 or None is a shipped row that cannot be deleted."""

    numeric_columns: tuple[int, ...] = ()
    table_title = "数值表"  # named in the message when the rows cannot be read

    def __init__(self, columns: list[str], note: str, verified_caption: str,
                 dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialogs = dialogs
        self.editing: int | None = None
        self.rows: list[tuple[int, Any]] = []
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in columns])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        box = QGroupBox(self.tr("新增或修改（选中表中一行即可修改）"))
        form = QFormLayout(box)
        self.build_fields(form)
        self.verified = QCheckBox(self.tr(verified_caption))
        form.addRow("", self.verified)
        self.after_verified(form)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新增"))
        self.save_button = QPushButton(self.tr("保存"))
        self.delete_button = QPushButton(self.tr("删除选中"))
        for button in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        label = QLabel(self.tr(note))
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(label)
        layout.addWidget(box)
        self.table.itemSelectionChanged.connect(self._selected)
        self.new_button.clicked.connect(self.clear_form)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete_selected)
        # The subclass calls load() once its service is set.

    # --- what a subclass provides ----------------------------------------------------------
    def build_fields(self, form: QFormLayout) -> None:
        raise NotImplementedError

    def after_verified(self, form: QFormLayout) -> None:
        """Rows under the verified tick (e.g. a line for problems); none by default."""

    def fetch(self) -> list[tuple[int, Any]]:
        raise NotImplementedError

    def cells(self, figure: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def fill(self, figure: Any) -> None:
        raise NotImplementedError

    def store(self, editing: int | None) -> None:
        """Save the form (raises ValidationFailed or AppError)."""
        raise NotImplementedError

    def remove(self, figure_id: int) -> None:
        raise NotImplementedError

    def describe(self, figure: Any) -> str:
        raise NotImplementedError

    def clear_fields(self) -> None:
        raise NotImplementedError

    def show_problems(self, exc: ValidationFailed) -> None:
        raise NotImplementedError

    # --- the shared behaviour --------------------------------------------------------------
    def load(self) -> None:
        try:
            self.rows = self.fetch()
        except AppError as exc:
            self.rows = []
            self.dialogs.error(self, self.tr(self.table_title), exc.message)
        self.table.setRowCount(len(self.rows))
        for r, (_id, figure) in enumerate(self.rows):
            for c, text in enumerate(self.cells(figure)):
                item = QTableWidgetItem(self.tr(text))
                if c in self.numeric_columns:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not figure.verified:
                    item.setForeground(QBrush(UNVERIFIED))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _selected(self) -> None:
        r = self.table.currentRow()
        if r < 0 or r >= len(self.rows):
            return
        figure_id, figure = self.rows[r]
        self.editing = figure_id or None
        self.fill(figure)
        self.verified.setChecked(figure.verified)

    def clear_form(self) -> None:
        self.editing = None
        self.table.clearSelection()
        self.clear_fields()
        self.verified.setChecked(False)

    def save(self) -> bool:
        try:
            self.store(self.editing)
        except ValidationFailed as exc:
            self.show_problems(exc)
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
        figure_id, figure = self.rows[r]
        if not self.dialogs.confirm(self, self.tr("删除"), self.describe(figure)):
            return False
        try:
            self.remove(figure_id)
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法删除"), exc.message)
            return False
        self.load()
        self.clear_form()
        return True
