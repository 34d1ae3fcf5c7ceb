"""A read-only table model over a list of frozen dataclasses, one column spec per column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.models.enums import label

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 10  # the dataclass behind the row


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def day(value: date | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d")


def minute(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M")


def enum_label(enum: type[StrEnum], value: str) -> str:
    try:
        return label(enum(value))
    except ValueError:
        return value


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    right: bool = False  # amounts line up on the right
    tooltip: Callable[[Any], str] | None = None


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], rows: Sequence[Any] = (),
                 parent: object = None, colour: Callable[[Any], str | None] | None = None,
                 struck: Callable[[Any], bool] | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.columns = list(columns)
        self._rows = list(rows)
        self._colour = colour  # a row's text colour (overdue red, due-soon amber), or None
        self._struck = struck  # a withdrawn or voided row: struck through and grey

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.FontRole and self._struck is not None and self._struck(row):
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and self._struck is not None \
                and self._struck(row):
            return QBrush(QColor("#808080"))
        if role == Qt.ItemDataRole.ForegroundRole and self._colour is not None:
            colour = self._colour(row)
            return QBrush(QColor(colour)) if colour else None
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None
