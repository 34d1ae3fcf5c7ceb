"""The administrator's holiday table and its CSV import."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.errors import AppError, ValidationFailed
from app.services.workflow.holidays import HolidayRow, HolidayService, read_holiday_csv


def test_import_gbk_csv_with_header_and_mark_year(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "2027.csv"
    path.write_bytes("日期,是否上班,名称\n2027-01-01,休息,元旦\n2027-02-06,上班,春节调休\n"
                     .encode("gbk"))
    holidays = HolidayService(services.ctx)
    assert holidays.import_csv(path, complete_years=[2027]) == 2
    assert holidays.overrides() == {date(2027, 1, 1): False, date(2027, 2, 6): True}
    assert holidays.official_years() == {2027}
    assert holidays.days(2027)[0].source == "2027.csv"


@pytest.mark.parametrize("content, fragment", [
    ("2027-13-01,休息,x\n", "第1行"), ("2027-01-01,maybe\n", "上班 或 休息"),
    ("2027-01-01\n", "至少需要"), ("2027-01-01,休息\n2027-01-01,上班\n", "不止一次"),
])
def test_bad_csv_is_refused_whole(content: str, fragment: str) -> None:
    with pytest.raises(ValidationFailed, match=fragment):
        read_holiday_csv(content.encode("utf-8"))


def test_year_cannot_be_marked_complete_without_days(services: Services) -> None:
    with pytest.raises(ValidationFailed, match="还没有任何节假日记录"):
        HolidayService(services.ctx).set_days([], complete_years=[2028])
    assert HolidayService(services.ctx).official_years() == set()


def _with_today(services: Services, today: date) -> HolidayService:
    services.ctx.today = lambda: today
    return HolidayService(services.ctx)


def test_reminder_from_1_november_until_the_year_is_entered(services: Services) -> None:
    assert _with_today(services, date(2026, 10, 31)).reminders() == []  # 2026 is built in
    reminders = _with_today(services, date(2026, 11, 1)).reminders()
    assert len(reminders) == 1 and reminders[0].startswith("2027年的放假安排尚未录入")
    assert "第二条" in reminders[0] and "设置—节假日" in reminders[0]
    holidays = _with_today(services, date(2026, 12, 1))
    holidays.set_days([HolidayRow(date(2027, 2, 20), True, "春节调休", "")],
                      complete_years=[2027])
    assert holidays.reminders() == []  # entered and marked complete
    # In a year nobody entered, the reminder stays all year, and from November names the next.
    late = _with_today(services, date(2028, 11, 2)).reminders()
    assert [r[:6] for r in late] == ["2028年的", "2029年的"]
    assert [r[:6] for r in _with_today(services, date(2028, 3, 1)).reminders()] == ["2028年的"]


def test_year_view_lists_the_statutory_days_and_the_administrators_entries(
        services: Services) -> None:
    holidays = HolidayService(services.ctx)
    view = holidays.year_view(2027)
    assert not view.official and len(view.days) == 13  # 放假办法 art 2: 13 days
    assert view.days[0] == HolidayRow(date(2027, 1, 1), False, "元旦",
                                      "《全国年节及纪念日放假办法》（2024年修订）第二条第（一）项")
    assert any("2027年无官方节假日数据" in w for w in view.warnings)
    # The table wins: a make-up Saturday and a bridging Monday the notice might bring.
    holidays.set_days([HolidayRow(date(2027, 2, 20), True, "春节调休", "国办发明电"),
                       HolidayRow(date(2027, 10, 4), False, "国庆节", "国办发明电")])
    entered = {r.day: r for r in holidays.year_view(2027).days}
    assert entered[date(2027, 2, 20)].is_workday and entered[date(2027, 10, 4)].source == "国办发明电"
    assert len(entered) == 15
    built_in = holidays.year_view(2026)
    assert built_in.official and built_in.warnings == ()
    assert {r.day for r in built_in.days if r.is_workday} == {
        date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9),
        date(2026, 9, 20), date(2026, 10, 10)}


@pytest.mark.parametrize("year", [2003, 2101])
def test_year_view_outside_the_data_is_refused_in_chinese(services: Services, year: int) -> None:
    with pytest.raises(AppError, match="年份应在2004到2100之间") as caught:
        HolidayService(services.ctx).year_view(year)
    assert caught.value.code == "bad_input"


def test_limitation_service_refuses_dates_out_of_order(services: Services) -> None:
    with pytest.raises(AppError, match="早于起算日") as caught:
        services.limitation.compute(date(2026, 1, 10), [date(2026, 1, 9)])
    assert caught.value.code == "bad_input"
    # The office's own table decides the end: 2027-10-08 entered as a rest day moves it.
    services.holidays.set_days([HolidayRow(date(2027, 10, 8), False, "国庆节", "")])
    result = services.limitation.compute(date(2025, 10, 1), [date(2026, 10, 8)])
    assert result.due == date(2027, 10, 11)  # Friday 10-08 off, weekend → Monday


def test_holiday_data_that_never_ends_a_period_is_a_message(services: Services) -> None:
    start = date(2027, 3, 1)
    services.holidays.set_days([HolidayRow(start + timedelta(days=i), False, "错误数据", "")
                                for i in range(70)])
    with pytest.raises(AppError, match="节假日数据有误"):
        services.limitation.compute(date(2026, 3, 1))
