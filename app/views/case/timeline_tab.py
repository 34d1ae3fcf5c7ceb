"""时间线 tab: the case's events, then its audit log in plain Chinese sentences."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QSplitter, QVBoxLayout, QWidget

from app.services.cases.detail import EventView
from app.services.cases.history import AuditLine
from app.views.case.record_list_tab import RecordListTab
from app.views.widgets.record_table_model import Column, day

COLUMNS = [Column("日期", lambda e: day(e.occurred_on)),
           Column("事项", lambda e: f"{e.label}（{e.withdrawn}）" if e.withdrawn else e.label),
           Column("备注", lambda e: e.note), Column("登记人", lambda e: e.created_by)]


class TimelineTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = RecordListTab(COLUMNS, (100, 260, 300),
                                    struck=lambda e: bool(e.withdrawn))
        self.audit = QListWidget()
        self.audit.setWordWrap(True)
        lower = QWidget()
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("修改记录（审计日志，不可更改）")))
        column.addWidget(self.audit)
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.events)
        splitter.addWidget(lower)
        QVBoxLayout(self).addWidget(splitter)

    def set_timeline(self, events: tuple[EventView, ...], audit: list[AuditLine]) -> None:
        self.events.set_rows(events)
        self.audit.clear()
        self.audit.addItems([line.text for line in reversed(audit)])  # newest first
