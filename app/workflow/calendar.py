"""Working days and rest days: official data where it exists, an explicit warning where not."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import chinese_calendar

from app.workflow import statutory_holidays
from app.workflow.statutory_holidays import statutory_holidays as holidays_of

NO_DATA_WARNING = ("{year}年无官方节假日数据，期限按普通周末推算，可能不准确；"
                   "请在“设置—节假日”中补充{year}年的放假和调休安排后复核")
# A year after chinesecalendar's last one, before the State Council's notice: the statutory
# days are known (art 2), the 补假 weekdays (art 6) and the make-up working days are not.
NO_ARRANGEMENT_WARNING = ("{year}年无官方节假日数据（国务院放假安排尚未录入）：已按"
                          + statutory_holidays.BASIS + "计入法定节日，但周末补假日和调休上班日"
                          "尚不确定，期限可能不准确；请在“设置—节假日”中录入{year}年的放假和调休"
                          "安排后复核")
ADMIN_SOURCE = "管理员录入"
# chinesecalendar names its holidays in English; the clerk reads Chinese.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "中国人民抗日战争胜利70周年纪念日",
}


@dataclass(frozen=True)
class DayInfo:
    """What one date is, and how sure we are."""

    working: bool   # an official working day (调休 make-up weekend days included)
    holiday: bool   # a statutory holiday (not merely an ordinary weekend)
    official: bool  # False: no official arrangement covered this date
    name: str = ""


def date_zh(day: date) -> str:
    """2026年03月09日, built from the numbers (strftime goes through the locale on Windows)."""
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def month_day_zh(day: date) -> str:
    """03月09日, built from the numbers like date_zh."""
    return f"{day.month:02d}月{day.day:02d}日"


@lru_cache(maxsize=64)
def has_official_data(year: int) -> bool:
    """Whether the bundled chinesecalendar carries `year`'s State Council arrangement."""
    try:
        chinese_calendar.is_workday(date(year, 7, 1))
    except NotImplementedError:
        return False
    return True


class HolidayCalendar:
    """Decides working and rest days.

    Sources, first match wins: the administrator's table (`overrides`, date → working day?),
    chinesecalendar (official State Council arrangements 2004-2026), the fixed statutory
    holidays of 全国年节及纪念日放假办法 art 2 for the years after it (`statutory_holidays`), then
    ordinary weekends — official only for `official_years` (years the administrator entered
    completely), otherwise flagged so every date computed from it carries a warning
    (`NO_ARRANGEMENT_WARNING` where art 2 was applied, `NO_DATA_WARNING` where nothing was).

    `roll_weekends` (DOMAIN §6, a setting) says whether an ordinary weekend at the end of a
    period moves the end to the next working day. Statutory holidays always do, and counting
    in working days always skips weekends: a weekend is never a 工作日.
    """

    def __init__(self, overrides: Mapping[date, bool] | None = None,
                 official_years: Collection[int] = (), *, roll_weekends: bool = True) -> None:
        self.overrides = dict(overrides or {})
        self.official_years = frozenset(official_years)
        self.roll_weekends = roll_weekends
        # Each date decided once: chinesecalendar's lookup costs ~0.1 ms, and the demo or an
        # import derives tens of deadlines per case from the same few hundred dates.
        self._decided: dict[date, DayInfo] = {}

    def day(self, d: date) -> DayInfo:
        info = self._decided.get(d)
        if info is None:
            info = self._decided[d] = self._decide(d)
        return info

    def _decide(self, d: date) -> DayInfo:
        weekend = d.weekday() >= 5
        if d in self.overrides:
            working = self.overrides[d]
            # Ordinary weekends need no entry, so a rest day the administrator entered is part
            # of a holiday arrangement even when it falls on a weekend.
            return DayInfo(working, not working, True, ADMIN_SOURCE)
        try:
            on_holiday, name = chinese_calendar.get_holiday_detail(d)
        except NotImplementedError:
            # The package raises for years it does not know (before 2004, after 2026).
            official = d.year in self.official_years
            statutory = holidays_of(d.year).get(d)
            if statutory:
                return DayInfo(False, True, official, statutory)
            return DayInfo(not weekend, False, official)
        label = HOLIDAY_NAMES.get(str(name), str(name)) if name else ""
        if not on_holiday:
            return DayInfo(True, False, True, f"{label}调休上班" if label else "")
        return DayInfo(False, bool(name), True, label)

    def is_working_day(self, d: date) -> bool:
        return self.day(d).working

    def is_official(self, d: date) -> bool:
        return self.day(d).official

    def ends_period(self, d: date) -> bool:
        """May a period end on `d`? (Otherwise it moves to the next day that may.)"""
        info = self.day(d)
        if info.working:
            return True
        return not info.holiday and not self.roll_weekends

    def warning_for(self, d: date) -> str | None:
        if self.day(d).official:
            return None
        known = statutory_holidays.covers(d.year) and not has_official_data(d.year)
        return (NO_ARRANGEMENT_WARNING if known else NO_DATA_WARNING).format(year=d.year)
