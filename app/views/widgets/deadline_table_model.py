"""Item model over a case's deadlines (plain data from the workflow service)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.workflow.case_deadlines import CaseDeadline, DeadlineState

HEADERS = ["届满日", "状态", "期限", "依据", "说明"]
Index = QModelIndex | QPersistentModelIndex
OVERDUE = QColor("#c62828")
WARNING = QColor("#8a6d00")


class DeadlineTableModel(QAbstractTableModel):
    def __init__(self, deadlines: list[CaseDeadline] | None = None, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows = list(deadlines or [])

    def set_deadlines(self, deadlines: list[CaseDeadline]) -> None:
        self.beginResetModel()
        self._rows = list(deadlines)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        d = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            notes = "；".join(x for x in (d.note, *d.warnings) if x)
            values = [d.due.strftime("%Y-%m-%d") if d.due else "—", d.state_label, d.title,
                      d.basis, notes]
            return values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if d.pending and d.state == DeadlineState.MISSED:
                return QBrush(OVERDUE)
            if d.warnings:
                return QBrush(WARNING)
        if role == Qt.ItemDataRole.ToolTipRole and d.warnings:
            return "\n".join(d.warnings)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None
