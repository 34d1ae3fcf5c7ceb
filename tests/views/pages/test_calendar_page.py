"""期限日历 and the workbench's deadline list: real widgets over real stored deadlines."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.main_window import MainWindow
from app.views.pages.calendar_page import CalendarPage, day_has_mark, item_colour
from tests.factories import case_input

ACCEPT_RULE = "mediation.accept"


def _case(services: Services, received: date, mediator_id: int | None = None) -> str:
    case_no = services.cases.create_case(case_input(received_on=received)).case_no
    if mediator_id is not None:
        version = services.case_detail.detail(case_no).version
        services.case_edit.update_case(case_no, {"mediator_id": mediator_id}, version)
    return case_no


def _accept_due(services: Services, case_no: str) -> date:
    return next(d.due for d in services.workflow.calendar(date(2026, 1, 1), date(2027, 12, 31))
                if d.case_no == case_no and d.rule_id == ACCEPT_RULE)


def test_month_marks_days_lists_them_and_filters_by_person(
        qtbot: QtBot, window: MainWindow, sqlite_services: Services) -> None:
    s = sqlite_services
    li = s.roster.add_mediator("李调解", organisation_id=s.organisations.default_id())
    wang = s.roster.add_mediator("王调解", organisation_id=s.organisations.default_id())
    late = _case(s, date(2026, 11, 2), li)       # the 5-day acceptance decision is overdue
    soon = _case(s, date(2026, 11, 23), wang)    # due later this month or early next
    late_due, soon_due = _accept_due(s, late), _accept_due(s, soon)
    assert late_due < date(2026, 11, 23) <= soon_due
    window.refresh_all()
    page = window.show_named("期限日历")
    assert isinstance(page, CalendarPage) and page is window.calendar_page
    page.calendar.setCurrentPage(2026, 11)
    assert day_has_mark(page, late_due)
    assert not day_has_mark(page, date(2026, 11, 1))
    assert "已逾期 1 项" in page.summary.text()
    page.calendar.setSelectedDate(QDate(late_due.year, late_due.month, late_due.day))
    rows = page.list.model.rows()
    assert [(r.case_no, r.mediator, r.overdue) for r in rows] == [(late, "李调解", True)]
    assert item_colour(rows[0]) == "#c62828"
    # The person filter: 王调解 sees only his case, in whichever month it falls.
    page.person.setCurrentIndex(page.person.findText("王调解"))
    page.calendar.setCurrentPage(soon_due.year, soon_due.month)
    page.whole_month.setChecked(True)
    assert {r.case_no for r in page.list.model.rows()} == {soon}
    assert not day_has_mark(page, late_due) or late_due.month != soon_due.month
    page.person.setCurrentIndex(0)
    page.calendar.setCurrentPage(2026, 11)
    assert {r.case_no for r in page.list.model.rows()} >= {late}
    # Double-click opens the case.
    page.list.table.doubleClicked.emit(page.list.model.index(0, 0))
    assert window.stack.currentWidget() is window.cases_page
    assert window.cases_page.currentWidget().case_no == page.list.model.rows()[0].case_no  # type: ignore[attr-defined]


def test_empty_month_says_so(qtbot: QtBot, window: MainWindow) -> None:
    page = window.calendar_page
    assert page._stale  # nothing read while the window opened
    window.show_named("期限日历")
    assert not page._stale
    page.calendar.setCurrentPage(2026, 3)
    page.whole_month.setChecked(True)
    assert page.list.model.rowCount() == 0
    assert page.list.note.text() == "本月没有期限届满。"
    assert "到期待办 0 项" in page.summary.text()


def test_workbench_lists_due_and_overdue(qtbot: QtBot, window: MainWindow,
                                         sqlite_services: Services) -> None:
    late = _case(sqlite_services, date(2026, 11, 2))
    window.refresh_all()
    due = window.dashboard.due
    assert [r.case_no for r in due.model.rows()] == [late]
    assert due.model.data(due.model.index(0, 3)) == "已逾期"
    assert "其中已逾期 1 项" in due.note.text()
    due.table.doubleClicked.emit(due.model.index(0, 0))
    assert window.cases_page.currentWidget().case_no == late  # type: ignore[attr-defined]
