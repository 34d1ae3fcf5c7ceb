"""The holiday calendar: 2026 as chinesecalendar knows it, 2027 without data, admin overrides."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from app.workflow.calendar import HolidayCalendar
from tests.workflow.conftest import d

# The State Council's 2026 arrangement as chinesecalendar 1.11 holds it (checked in this venv).
# Note National Day: 10-01..10-07 off, 10-08 (Thursday) is a working day.
HOLIDAYS_2026 = {
    "元旦": ("2026-01-01", "2026-01-03"), "春节": ("2026-02-15", "2026-02-23"),
    "清明节": ("2026-04-04", "2026-04-06"), "劳动节": ("2026-05-01", "2026-05-05"),
    "端午节": ("2026-06-19", "2026-06-21"), "中秋节": ("2026-09-25", "2026-09-27"),
    "国庆节": ("2026-10-01", "2026-10-07"),
}
MAKE_UP_2026 = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
                "2026-10-10"]


def _days(first: str, last: str) -> list[date]:
    start, end = d(first), d(last)
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def test_the_package_still_holds_the_2026_arrangement_we_test_against() -> None:
    for first, last in HOLIDAYS_2026.values():
        for day in _days(first, last):
            assert chinese_calendar.is_holiday(day), day
    for day in MAKE_UP_2026:
        assert chinese_calendar.is_workday(d(day)), day
    assert chinese_calendar.is_workday(d("2026-10-08"))


@pytest.mark.parametrize("name", sorted(HOLIDAYS_2026))
def test_statutory_holidays_are_rest_days_with_chinese_names(cal: HolidayCalendar,
                                                             name: str) -> None:
    for day in _days(*HOLIDAYS_2026[name]):
        info = cal.day(day)
        assert (info.working, info.holiday, info.official, info.name) == (False, True, True, name)


@pytest.mark.parametrize("day", MAKE_UP_2026)
def test_make_up_days_are_working_days(cal: HolidayCalendar, day: str) -> None:
    info = cal.day(d(day))
    assert info.working and info.official and info.name.endswith("调休上班")
    assert d(day).weekday() >= 5  # every 2026 make-up day is a Saturday or Sunday


def test_ordinary_weekend_and_weekday(cal: HolidayCalendar) -> None:
    assert cal.day(d("2026-03-07")) == cal.day(d("2026-03-08"))  # Sat, Sun
    assert not cal.is_working_day(d("2026-03-07"))
    assert not cal.day(d("2026-03-07")).holiday
    assert cal.is_working_day(d("2026-03-09"))


def test_years_without_a_notice_know_the_statutory_days_and_warn(cal: HolidayCalendar) -> None:
    # 放假办法 art 2(一): 1 January is a holiday whether or not the notice is out yet.
    new_year = cal.day(d("2027-01-01"))
    assert (new_year.working, new_year.holiday, new_year.official, new_year.name) == \
        (False, True, False, "元旦")
    assert not cal.is_working_day(d("2027-01-02"))  # Saturday
    assert cal.is_working_day(d("2027-01-05"))
    warning = cal.warning_for(d("2027-01-01"))
    assert warning is not None and "2027年无官方节假日数据" in warning
    assert "第二条" in warning and "调休上班日" in warning and "设置—节假日" in warning
    assert cal.warning_for(d("2027-06-15")) == warning  # an ordinary day of that year too
    assert cal.warning_for(d("2026-12-31")) is None


def test_years_beyond_every_source_fall_back_to_weekends_and_warn(cal: HolidayCalendar) -> None:
    before = cal.warning_for(d("2003-05-01"))  # before chinesecalendar, before the 2024 rules
    assert before is not None and "按普通周末推算" in before
    assert cal.is_working_day(d("2003-05-01")) and not cal.day(d("2003-05-01")).official
    assert "按普通周末推算" in (cal.warning_for(d("2101-01-01")) or "")
    for year in (2027, 2030, 2099, 2101):
        cal.day(date(year, 2, 1))  # never raises


def test_admin_overrides_win_and_official_years_silence_the_warning() -> None:
    admin = HolidayCalendar({d("2027-01-01"): False, d("2027-02-20"): True,
                             d("2026-10-08"): False}, official_years={2027})
    assert not admin.is_working_day(d("2027-01-01")) and admin.day(d("2027-01-01")).holiday
    assert admin.is_working_day(d("2027-02-20"))  # a Saturday entered as a make-up day
    assert not admin.is_working_day(d("2026-10-08"))  # overrides beat the package too
    assert admin.warning_for(d("2027-06-15")) is None  # complete year: ordinary day, official
    assert not admin.is_working_day(d("2027-06-19"))  # a Saturday
    partial = HolidayCalendar({d("2028-01-03"): False})
    assert partial.warning_for(d("2028-01-03")) is None  # the entered day itself is known
    assert partial.warning_for(d("2028-01-04")) is not None  # the rest of 2028 is not


def test_roll_weekends_setting_affects_period_ends_only() -> None:
    rolling, fixed = HolidayCalendar(), HolidayCalendar(roll_weekends=False)
    sunday, holiday = d("2026-05-31"), d("2026-10-03")
    assert not rolling.ends_period(sunday) and fixed.ends_period(sunday)
    assert not fixed.ends_period(holiday)  # statutory holidays always move the end
    assert not fixed.is_working_day(sunday)  # a weekend is still no 工作日
    assert fixed.ends_period(d("2026-02-14"))  # make-up Saturday
