"""The statutory holidays of 全国年节及纪念日放假办法 (revised 2024) computed with lunar_python.

The lunar dates are checked against chinesecalendar wherever it holds the State Council's
arrangement: every statutory day must be one of its holidays (and not a swapped 调休 rest day),
and the only other weekday holidays must be the 补假 days art 6 gives for a statutory day that
fell on a weekend.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from app.workflow.calendar import HOLIDAY_NAMES, HolidayCalendar
from app.workflow.deadline_rules import RULES_BY_ID
from app.workflow.deadlines import compute_due
from app.workflow.statutory_holidays import BASIS, RULES, covers, statutory_holidays
from tests.workflow.conftest import d


def _year(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


@pytest.mark.parametrize("year", [2025, 2026])
def test_computed_days_are_the_statutory_days_of_the_official_arrangement(year: int) -> None:
    computed = statutory_holidays(year)
    assert len(computed) == 13  # art 2: 1 + 4 + 1 + 2 + 1 + 1 + 3 days
    for day, name in computed.items():
        on_holiday, english = chinese_calendar.get_holiday_detail(day)
        assert on_holiday and not chinese_calendar.is_in_lieu(day), day
        assert HOLIDAY_NAMES[str(english)] == name, day
    # Any other weekday off that is not a swap (调休) is art 6's 补假 for a statutory day
    # falling on a weekend: as many of them as there are such days.
    extra = [day for day in _year(year) if chinese_calendar.is_holiday(day)
             and day.weekday() < 5 and not chinese_calendar.is_in_lieu(day)
             and day not in computed]
    on_weekends = [day for day in computed if day.weekday() >= 5]
    assert len(extra) == len(on_weekends), (extra, on_weekends)


@pytest.mark.parametrize("year", range(2008, 2027))
def test_lunar_dates_match_every_official_year_since_2008(year: int) -> None:
    # Before 2025 the rules differed (除夕 was off only until 2013, 劳动节 had 1 day), so only
    # the lunar-calendar and solar-term days are compared: 正月初一-初三, 清明, 端午, 中秋.
    for rule in RULES:
        if rule.name in ("元旦", "劳动节", "国庆节"):
            continue
        first = rule.start(year)
        days = [first + timedelta(days=i) for i in range(rule.days)]
        for day in days[1:] if rule.name == "春节" else days:
            on_holiday, english = chinese_calendar.get_holiday_detail(day)
            assert on_holiday, (rule.name, day)
            # 2012-06-23 has no name in the package; 2020-10-01 was 中秋 and 国庆 at once.
            assert english is None or HOLIDAY_NAMES[str(english)] in (rule.name, "国庆节")


@pytest.mark.parametrize("year", [2027, 2028, 2029])
def test_qingming_is_the_solar_term_chinesecalendar_also_computes(year: int) -> None:
    terms = dict((name, day) for day, name in chinese_calendar.get_solar_terms(
        date(year, 4, 1), date(year, 4, 30)))
    assert statutory_holidays(year)[terms["清明"]] == "清明节"


EXPECTED = {  # by hand from published lunar calendars; 除夕 is the day before 正月初一
    2027: {"元旦": ["2027-01-01"], "春节": ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"],
           "清明节": ["2027-04-05"], "劳动节": ["2027-05-01", "2027-05-02"],
           "端午节": ["2027-06-09"], "中秋节": ["2027-09-15"],
           "国庆节": ["2027-10-01", "2027-10-02", "2027-10-03"]},
    2028: {"元旦": ["2028-01-01"], "春节": ["2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28"],
           "清明节": ["2028-04-04"], "劳动节": ["2028-05-01", "2028-05-02"],
           "端午节": ["2028-05-28"], "国庆节": ["2028-10-01", "2028-10-02"],
           "中秋节、国庆节": ["2028-10-03"]},
    2029: {"元旦": ["2029-01-01"], "春节": ["2029-02-12", "2029-02-13", "2029-02-14", "2029-02-15"],
           "清明节": ["2029-04-04"], "劳动节": ["2029-05-01", "2029-05-02"],
           "端午节": ["2029-06-16"], "中秋节": ["2029-09-22"],
           "国庆节": ["2029-10-01", "2029-10-02", "2029-10-03"]},
}


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_years_without_a_notice(year: int) -> None:
    expected = {d(day): name for name, days in EXPECTED[year].items() for day in days}
    assert statutory_holidays(year) == expected


def test_the_rule_table_cites_article_2_item_by_item() -> None:
    assert [r.name for r in RULES] == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节",
                                      "国庆节"]
    assert [r.days for r in RULES] == [1, 4, 1, 2, 1, 1, 3]
    for number, rule in zip("一二三四五六七", RULES, strict=True):
        assert rule.basis == f"{BASIS}第（{number}）项"


def test_only_years_the_revised_rules_govern() -> None:
    assert not covers(2024) and statutory_holidays(2024) == {}
    assert covers(2025) and covers(2100) and statutory_holidays(2101) == {}


def test_five_days_from_2026_12_27_end_after_new_year_2027(cal: HolidayCalendar) -> None:
    # 调解仲裁法 art 29 (5 days); 民诉法 art 85: the end on 2027-01-01 (元旦, 放假办法 art 2(一))
    # moves past the weekend to Monday 2027-01-04, and the date says it rests on no notice.
    result = compute_due(RULES_BY_ID["arbitration.accept"], d("2026-12-27"), cal)
    assert result.due == d("2027-01-04") and result.rolled_from == d("2027-01-01")
    assert any("2027年无官方节假日数据" in w and "调休" in w for w in result.warnings)


def test_the_administrators_table_wins_over_the_computed_days() -> None:
    # Say the notice made 1 January a working day: the table's entry is what counts.
    admin = HolidayCalendar({d("2027-01-01"): True})
    result = compute_due(RULES_BY_ID["arbitration.accept"], d("2026-12-27"), admin)
    assert result.due == d("2027-01-01") and result.warnings == ()  # the entered day is known
    # A year entered completely keeps the statutory days nobody overrode, and stops warning.
    complete = HolidayCalendar({}, official_years={2027})
    info = complete.day(d("2027-10-01"))
    assert (info.working, info.holiday, info.official, info.name) == (False, True, True, "国庆节")
