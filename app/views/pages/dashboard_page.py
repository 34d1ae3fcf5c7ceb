"""工作台: active cases by stage, the latest cases, the deadlines due this week or overdue, and
the reminder to enter the coming year's holiday arrangement. An office with no case yet sees
what to do first (新建案件, 导入台账, 设置) instead of empty tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import Stage, label
from app.services.cases.dto import CasePage, CaseQuery
from app.services.workflow.workflow_service import DUE_COUNT_CAP, DueCounts, DueItem
from app.views.case.record_list_tab import RecordListTab
from app.views.widgets.record_table_model import ROW_ROLE, Column, day, enum_label

LATEST = 15
LATEST_COLUMNS = [
    Column("案号", lambda r: r.case_no), Column("收到日期", lambda r: day(r.received_on)),
    Column("申请人", lambda r: r.applicants), Column("被申请人", lambda r: r.respondents),
    Column("阶段", lambda r: enum_label(Stage, r.stage)),
]
DUE_DAYS = 7
DUE_LIMIT = 500  # the earliest ones; the calendar shows the rest
LOADING = "正在载入…"
__all__ = ["DUE_COUNT_CAP", "DUE_DAYS", "DUE_LIMIT", "DashboardData", "DashboardPage"]
DUE_COLUMNS = [
    Column("届满日", lambda r: day(r.due)), Column("案号", lambda r: r.case_no),
    Column("期限", lambda r: r.title),
    Column("状态", lambda r: "已逾期" if r.overdue else "待办"),
]


@dataclass(frozen=True)
class DashboardData:
    """What the workbench shows, read in one go (on a worker thread at the start)."""

    reminders: list[str]
    counts: dict[str, int]
    latest: CasePage
    due: list[DueItem] | None
    due_counts: DueCounts | None


class DashboardPage(QWidget):
    case_opened = Signal(str)
    # The first steps of an empty office (the main window connects them).
    new_case_requested = Signal()
    import_requested = Signal()
    settings_requested = Signal()

    def __init__(self, stage_counts: Callable[[], dict[str, int]],
                 list_cases: Callable[[CaseQuery], CasePage],
                 due_items: Callable[[], list[DueItem]] | None = None,
                 holiday_reminders: Callable[[], list[str]] | None = None,
                 parent: QWidget | None = None, *,
                 due_counts: Callable[[], DueCounts] | None = None,
                 fill: bool = True) -> None:
        super().__init__(parent)
        self._stage_counts, self._list_cases = stage_counts, list_cases
        self._due_items, self._holiday_reminders = due_items, holiday_reminders
        self._due_counts = due_counts  # (all, overdue) counted by the database, past the list
        # The start's state (正在载入…) or a read that failed, above the figures.
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        # Deadlines in a year without the State Council's notice are only estimates: say so
        # where everyone looks first, until an administrator enters the arrangement.
        self.reminder = QLabel()
        self.reminder.setWordWrap(True)
        self.reminder.setStyleSheet("background: #fff4ce; border: 1px solid #e0b400;"
                                    " padding: 6px; color: #5c4400;")
        self.reminder.setVisible(False)
        self.count_labels: dict[str, QLabel] = {}
        counts = QGroupBox(self.tr("办理中的案件（按阶段）"))
        grid = QGridLayout(counts)
        open_stages = [s for s in Stage if s != Stage.CLOSED]
        for i, stage in enumerate(open_stages):
            number = QLabel("0")
            number.setStyleSheet("font-size: 22px; font-weight: bold; color: #1a5fb4;")
            cell = QVBoxLayout()
            cell.addWidget(number)
            cell.addWidget(QLabel(label(stage)))
            grid.addLayout(cell, i // 5, i % 5)
            self.count_labels[stage.value] = number
        self.total = QLabel()
        grid.addWidget(self.total, 2, 0, 1, 5)
        self.latest = RecordListTab(LATEST_COLUMNS, (190, 90, 180, 260), wrap=False)
        self.latest.table.doubleClicked.connect(self._open)
        latest_box = QGroupBox(self.tr("最近收到的案件"))
        QVBoxLayout(latest_box).addWidget(self.latest)
        deadlines_box = QGroupBox(self.tr("期限提醒：7日内到期和已逾期"))
        self.due = RecordListTab(DUE_COLUMNS, (90, 170, 200), wrap=False,
                                 colour=lambda r: "#c62828" if r.overdue else None)
        self.due.table.doubleClicked.connect(self._open_due)
        QVBoxLayout(deadlines_box).addWidget(self.due)
        lower = QHBoxLayout()
        lower.addWidget(latest_box, 3)
        lower.addWidget(deadlines_box, 2)
        self.welcome = self._welcome()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.welcome)
        layout.addWidget(self.reminder)
        layout.addWidget(counts)
        layout.addLayout(lower, 1)
        if fill:  # else the window reads for it once it is on screen (a quick start)
            self.refresh()
        else:
            self.welcome.setVisible(False)  # until the count says whether there are cases

    def _welcome(self) -> QGroupBox:
        box = QGroupBox(self.tr("开始使用"))
        text = QLabel(self.tr("还没有案件。先在“设置”中核对本单位信息和调解员名册，然后登记第一件案件；"
                              "已有 Excel 台账的，可以直接导入。"))
        text.setWordWrap(True)
        self.start_new = QPushButton(self.tr("新建案件…"))
        self.start_import = QPushButton(self.tr("导入案件台账…"))
        self.start_settings = QPushButton(self.tr("打开设置"))
        row = QHBoxLayout()
        for button, signal in ((self.start_new, self.new_case_requested),
                               (self.start_import, self.import_requested),
                               (self.start_settings, self.settings_requested)):
            button.setMinimumHeight(36)
            button.clicked.connect(signal.emit)
            row.addWidget(button)
        row.addStretch(1)
        column = QVBoxLayout(box)
        column.addWidget(text)
        column.addLayout(row)
        return box

    def refresh(self) -> None:
        self.show_data(self.read())

    def read(self) -> DashboardData:
        """The workbench's figures from the services only (no widget): safe on a worker."""
        reminders = self._holiday_reminders() if self._holiday_reminders is not None else []
        counts = self._stage_counts()
        latest = self._list_cases(CaseQuery(limit=LATEST))
        items = self._due_items() if self._due_items is not None else None
        totals = None
        if items is not None and len(items) >= DUE_LIMIT and self._due_counts is not None:
            totals = self._due_counts()
        return DashboardData(reminders, counts, latest, items, totals)

    def set_loading(self) -> None:
        """The window is on screen and its figures are being read: say so, show no zeros."""
        self.status.setText(self.tr(LOADING))
        self.status.setStyleSheet("color: #555; padding: 4px;")
        self.status.setVisible(True)
        for number in self.count_labels.values():
            number.setText("…")
        self.total.setText(self.tr(LOADING))
        self.latest.set_rows([], self.tr(LOADING))
        self.due.set_rows([], self.tr(LOADING))

    def show_failure(self, text: str) -> None:
        """The read failed: what went wrong in Chinese, and how to try again."""
        self.status.setText(self.tr("工作台数据载入失败：") + text + self.tr("（可按 F5 刷新重试）"))
        self.status.setStyleSheet("color: #c62828; padding: 4px;")
        self.status.setVisible(True)
        for number in self.count_labels.values():
            number.setText("—")
        self.total.setText("")
        self.latest.set_rows([], "")
        self.due.set_rows([], "")

    def show_data(self, data: DashboardData) -> None:
        self.status.setVisible(False)
        self.reminder.setText("\n".join(self.tr("提醒：") + r for r in data.reminders))
        self.reminder.setVisible(bool(data.reminders))
        for stage, number in self.count_labels.items():
            number.setText(f"{data.counts.get(stage, 0):,}")
        active = sum(n for s, n in data.counts.items() if s != Stage.CLOSED)
        self.total.setText(self.tr("办理中合计：") + f"{active:,}" + self.tr(" 件"))
        self.latest.set_rows(data.latest.rows)
        self.welcome.setVisible(data.latest.total == 0)
        if data.due is not None:
            self.due.set_rows(data.due, self._due_note(data.due, data.due_counts)
                              if data.due else self.tr("7日内没有到期的期限。"))

    def _due_note(self, items: list[DueItem], totals: DueCounts | None) -> str:
        overdue = sum(1 for i in items if i.overdue)
        if len(items) < DUE_LIMIT:
            return self.tr("共 {n} 项，其中已逾期 {o} 项").replace(
                "{n}", str(len(items))).replace("{o}", str(overdue))
        totals = totals or DueCounts(len(items), overdue)
        rest = self.tr("仅列出最早的 {n} 项，其余见“期限日历”").replace("{n}", str(len(items)))
        if totals.overdue_capped:  # then the whole list is past the cap too: one short line
            return self.tr("已逾期 {o} 项以上，").replace("{o}", f"{totals.overdue:,}") + rest
        total = f"{totals.total:,}" + self.tr(" 项以上" if totals.total_capped else " 项")
        return self.tr("共 {t}（其中已逾期 {o} 项），").replace("{t}", total).replace(
            "{o}", f"{totals.overdue:,}") + rest

    def _open(self, index: object) -> None:
        row = self.latest.model.data(index, ROW_ROLE)  # type: ignore[arg-type]
        if row is not None:
            self.case_opened.emit(row.case_no)

    def _open_due(self, index: object) -> None:
        row = self.due.model.data(index, ROW_ROLE)  # type: ignore[arg-type]
        if row is not None:
            self.case_opened.emit(row.case_no)
