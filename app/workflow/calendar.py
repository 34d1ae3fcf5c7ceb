"""Working days and rest days: official data where it exists, an explicit warning where not.

Sources, in order: the administrator's holiday table (overrides), chinesecalendar (official
State Council arrangements 2004-2026), and for any other year plain weekends — flagged as not
official so every date computed from it carries a warning instead of a silent guess.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

import chinese_calendar

NO_DATA_WARNING = ("{year}年没有官方节假日安排数据，期限按普通周末推算，可能不准确；"
                   "请在“设置—节假日”中录入{year}年的放假和调休安排后复核")


@dataclass(frozen=True)
class DayInfo:
    working: bool
    official: bool  # False when no official data covered this date (weekend fallback)
    name: str = ""


class HolidayCalendar:
    def __init__(self, overrides: Mapping[date, bool] | None = None,
                 official_years: Collection[int] = (), *, roll_weekends: bool = True) -> None:
        """`overrides`: date → working day? from the administrator's table (wins over the
        package); `official_years`: years the administrator entered completely;
        `roll_weekends`: whether ordinary weekends count as rest days (DOMAIN §6 setting)."""
        self.overrides = dict(overrides or {})
        self.official_years = set(official_years)
        self.roll_weekends = roll_weekends

    def day(self, d: date) -> DayInfo:
        if d in self.overrides:
            return DayInfo(self.overrides[d], True, "管理员录入")
        if d.year in self.official_years:
            return DayInfo(self._weekday_rule(d), True)
        try:
            on_holiday, name = chinese_calendar.get_holiday_detail(d)
        except NotImplementedError:
            return DayInfo(self._weekday_rule(d), False)
        if on_holiday and name is None:  # an ordinary weekend
            return DayInfo(not self.roll_weekends, True)
        return DayInfo(not on_holiday, True, name or "")

    def _weekday_rule(self, d: date) -> bool:
        return d.weekday() < 5 or not self.roll_weekends

    def is_working_day(self, d: date) -> bool:
        return self.day(d).working

    def warning_for(self, d: date) -> str | None:
        return None if self.day(d).official else NO_DATA_WARNING.format(year=d.year)
