"""期限日历: every open deadline of the active cases on a month calendar, by person.

Days with deadlines are marked on the calendar (red: a duty already overdue; amber: due; blue:
only windows — periods in which a party may act, such as applying for judicial confirmation).
The table lists the selected day's deadlines, or the whole month (the first 2,000); double-click
opens the case. The marks are per-day counts made by the database (`calendar_days`) and the list
is read only for what is shown, so a busy office's month stays quick. The page reads nothing
until it is first shown.
"""

from __future__ import annotations

import calendar as month_days
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.services.admin.roster import MediatorRow
from app.services.workflow.workflow_service import DayCount, DueItem
from app.views.case.record_list_tab import RecordListTab
from app.views.widgets.record_table_model import ROW_ROLE, Column, day

CalendarQuery = Callable[..., list[DueItem]]
DaysQuery = Callable[..., dict[date, DayCount]]
MONTH_LIMIT = 2000
OVERDUE, DUE, WINDOW = "#c62828", "#8a6d00", "#1a5fb4"
BACKGROUND = {OVERDUE: "#fde0dc", DUE: "#fff3c4", WINDOW: "#dde9fb"}


def item_colour(item: DueItem) -> str:
    if item.overdue:
        return OVERDUE
    return WINDOW if item.kind == "window" else DUE


def item_state(item: DueItem) -> str:
    if item.overdue:
        return "已逾期"
    return {"window": "可行使期间", "term": "待履行"}.get(item.kind, "待办")


COLUMNS = [
    Column("届满日", lambda r: day(r.due)), Column("案号", lambda r: r.case_no),
    Column("期限", lambda r: r.title), Column("状态", item_state),
    Column("调解员", lambda r: r.mediator or "未指派"),
    Column("提示", lambda r: "；".join(r.warnings), tooltip=lambda r: "\n".join(r.warnings)),
]


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class CalendarPage(QWidget):
    case_opened = Signal(str)

    def __init__(self, query: CalendarQuery, days: DaysQuery,
                 mediators: Callable[[], Sequence[MediatorRow]],
                 today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._query, self._days_query = query, days
        self._mediators, self._today = mediators, today
        self._days: dict[date, DayCount] = {}
        self._marked: list[QDate] = []
        self._stale = True  # read on first show, not while the main window opens
        self.person = QComboBox()
        self.person.setMinimumWidth(160)
        self.whole_month = QCheckBox(self.tr("显示整月"))
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("调解员：")))
        top.addWidget(self.person)
        top.addWidget(self.whole_month)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)
        legend = QLabel(self.tr(
            f"<span style='background:{BACKGROUND[OVERDUE]}'>&nbsp;已逾期&nbsp;</span> "
            f"<span style='background:{BACKGROUND[DUE]}'>&nbsp;到期待办&nbsp;</span> "
            f"<span style='background:{BACKGROUND[WINDOW]}'>&nbsp;可行使期间届满&nbsp;</span>"))
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setMinimumWidth(420)
        left = QVBoxLayout()
        left.addWidget(self.calendar)
        left.addWidget(legend)
        left.addStretch(1)
        self.list = RecordListTab(COLUMNS, (90, 190, 330, 90, 80), wrap=False, colour=item_colour)
        self.list.table.doubleClicked.connect(self._open)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addWidget(self.list, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self._fill_people()
        self.calendar.setSelectedDate(_qdate(self._today()))
        self.person.currentIndexChanged.connect(self.refresh)
        self.whole_month.toggled.connect(self._show_list)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self.refresh())
        self.calendar.selectionChanged.connect(self._show_list)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def _fill_people(self) -> None:
        current = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(self.tr("全部"), None)
        for mediator in self._mediators():
            self.person.addItem(mediator.name, mediator.id)
        index = self.person.findData(current)
        self.person.setCurrentIndex(max(index, 0))
        self.person.blockSignals(False)

    def month(self) -> tuple[date, date]:
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        return date(year, month, 1), date(year, month, month_days.monthrange(year, month)[1])

    def refresh(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        first, last = self.month()
        self._days = self._days_query(first, last, mediator_id=self.person.currentData())
        self._mark_days()
        counts = self._days.values()
        self.summary.setText(self.tr("{y}年{m}月：到期待办 {d} 项（其中已逾期 {o} 项），可行使期间届满 {w} 项")
                             .replace("{y}", str(first.year)).replace("{m}", str(first.month))
                             .replace("{d}", f"{sum(c.duties for c in counts):,}")
                             .replace("{o}", f"{sum(c.overdue for c in counts):,}")
                             .replace("{w}", f"{sum(c.windows for c in counts):,}"))
        self._show_list()

    def refresh_people(self) -> None:
        self._fill_people()
        self.refresh()

    def _mark_days(self) -> None:
        for marked in self._marked:
            self.calendar.setDateTextFormat(marked, QTextCharFormat())
        self._marked = []
        for due, count in self._days.items():
            colour = OVERDUE if count.overdue else DUE if count.duties else WINDOW
            style = QTextCharFormat()
            style.setBackground(QBrush(QColor(BACKGROUND[colour])))
            style.setForeground(QBrush(QColor(colour)))
            style.setFontWeight(QFont.Weight.Bold)
            style.setToolTip(self.tr("待办 {d} 项，可行使期间届满 {w} 项").replace(
                "{d}", str(count.duties)).replace("{w}", str(count.windows)))
            self.calendar.setDateTextFormat(_qdate(due), style)
            self._marked.append(_qdate(due))

    def selected_day(self) -> date:
        return _pydate(self.calendar.selectedDate())

    def shown_items(self) -> list[DueItem]:
        person = self.person.currentData()
        if self.whole_month.isChecked():
            return self._query(*self.month(), mediator_id=person, limit=MONTH_LIMIT)
        selected = self.selected_day()
        if selected not in self._days:  # nothing due that day: no need to ask
            return []
        return self._query(selected, selected, mediator_id=person, limit=MONTH_LIMIT)

    def _show_list(self) -> None:
        if self._stale:
            return
        rows = self.shown_items()
        if self.whole_month.isChecked():
            note = "" if rows else self.tr("本月没有期限届满。")
            if len(rows) >= MONTH_LIMIT:
                note = self.tr("本月期限较多，仅列出最早的 {n} 项；请选择某一天查看。").replace(
                    "{n}", f"{MONTH_LIMIT:,}")
        else:
            note = self.tr("{d}：{n} 项期限").replace("{d}", day(self.selected_day())).replace(
                "{n}", str(len(rows))) if rows else self.tr("所选日期没有期限届满。")
        self.list.set_rows(rows, note)

    def _open(self, index: object) -> None:
        row = self.list.model.data(index, ROW_ROLE)  # type: ignore[arg-type]
        if row is not None:
            self.case_opened.emit(row.case_no)


def day_has_mark(page: CalendarPage, value: date) -> bool:
    """For tests and screenshots: whether the calendar marks this day."""
    return page.calendar.dateTextFormat(_qdate(value)).fontWeight() == QFont.Weight.Bold

