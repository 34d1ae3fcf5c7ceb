"""The workbench's reminder to enter next year's holiday notice, and the statutory days the
holiday settings list for a year without one (全国年节及纪念日放假办法 art 2)."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.workflow.holidays import HolidayRow
from app.views.main_window import MainWindow
from app.views.settings.settings_tabs import SettingsTabs


def test_workbench_shows_the_reminder_until_the_year_is_complete(
        window: MainWindow, qtbot: QtBot, sqlite_services: Services) -> None:
    # The test clock says 2026-11-23: after 1 November, and 2027 is not entered yet.
    reminder = window.dashboard.reminder
    assert reminder.isVisible() and reminder.text().startswith("提醒：2027年的放假安排尚未录入")
    sqlite_services.holidays.set_days([HolidayRow(date(2027, 2, 20), True, "春节调休", "")],
                                      complete_years=[2027])
    window.dashboard.refresh()
    assert not reminder.isVisible() and reminder.text() == ""


def test_holiday_settings_list_the_statutory_days_of_2027(window: MainWindow,
                                                          sqlite_services: Services) -> None:
    tabs = window.settings_tabs
    assert isinstance(tabs, SettingsTabs)
    holidays = tabs.holidays
    assert holidays.year.value() == 2027
    text = holidays.statutory.text()
    assert text.startswith("已自动计入的法定节日") and "春节 02-05至02-08" in text
    assert "元旦 01-01" in text and "国庆节 10-01至10-03" in text
    assert "已自动计入法定节日" in holidays.year_state.text()
    holidays.year.setValue(2026)
    assert holidays.statutory.text() == ""  # built in: the official arrangement is listed
