"""A case tab that lists records in a table, with action buttons above and a note below."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.views.widgets.record_table_model import Column, RecordTableModel


class RecordListTab(QWidget):
    def __init__(self, columns: Sequence[Column], widths: Sequence[int] = (),
                 parent: QWidget | None = None, wrap: bool = True,
                 colour: Callable[[Any], str | None] | None = None,
                 struck: Callable[[Any], bool] | None = None) -> None:
        super().__init__(parent)
        self.model = RecordTableModel(columns, parent=self, colour=colour, struck=struck)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(wrap)
        self._wrap = wrap
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    def add_button(self, text: str) -> QPushButton:
        button = QPushButton(text)
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        return button

    def set_rows(self, rows: Sequence[Any], note: str = "") -> None:
        self.model.set_rows(rows)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        if self._wrap:  # long texts wrap; a one-line list keeps rows even
            self.table.resizeRowsToContents()
