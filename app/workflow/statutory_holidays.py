"""Fixed statutory holidays (全国年节及纪念日放假办法, revised 2024, in force 2025-01-01).

Art 2 fixes, for everyone, which days are holidays; the State Council's annual notice adds only
the bridging days and the make-up working days (调休), and picks the weekdays that replace a
holiday falling on a weekend (art 6, 补假). Until that notice is out, a year's holidays are
therefore known but its arrangement is not: the calendar marks these days and keeps warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from lunar_python import Lunar

BASIS = "《全国年节及纪念日放假办法》（2024年修订）第二条"
BASIS_MAKE_UP = "《全国年节及纪念日放假办法》（2024年修订）第六条"
# The 2024 revision (春节 4 days, 劳动节 2 days) applies from this year on; earlier years
# followed other rules and chinesecalendar holds their official arrangements anyway.
FIRST_YEAR = 2025
# The lunar library computes well beyond this; nobody needs a deadline after it.
LAST_YEAR = 2100


def _day(solar: Any) -> date:  # lunar_python ships no type hints
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _solar(lunar: Any) -> date:
    return _day(lunar.getSolar())


def _new_year(year: int) -> date:
    return date(year, 1, 1)


def _new_year_eve(year: int) -> date:
    # 除夕 is the last day of the twelfth lunar month (the 29th or the 30th): the day before
    # 正月初一. The lunar year beginning in solar `year` never starts before 21 January.
    return _solar(Lunar.fromYmd(year, 1, 1)) - timedelta(days=1)


def _qingming(year: int) -> date:
    # The 清明 solar term of the lunar year that begins in solar `year` falls in its April.
    return _day(Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"])


def _labour_day(year: int) -> date:
    return date(year, 5, 1)


def _dragon_boat(year: int) -> date:
    return _solar(Lunar.fromYmd(year, 5, 5))


def _mid_autumn(year: int) -> date:
    return _solar(Lunar.fromYmd(year, 8, 15))


def _national_day(year: int) -> date:
    return date(year, 10, 1)


@dataclass(frozen=True)
class StatutoryHoliday:
    """One line of art 2: the holiday, how many days, from which day, and where it is written."""

    name: str
    days: int
    first_day: str  # in Chinese, as the article says it
    basis: str
    start: Callable[[int], date]


RULES: tuple[StatutoryHoliday, ...] = (
    StatutoryHoliday("元旦", 1, "1月1日", BASIS + "第（一）项", _new_year),
    StatutoryHoliday("春节", 4, "农历除夕、正月初一至初三", BASIS + "第（二）项", _new_year_eve),
    StatutoryHoliday("清明节", 1, "农历清明当日", BASIS + "第（三）项", _qingming),
    StatutoryHoliday("劳动节", 2, "5月1日、2日", BASIS + "第（四）项", _labour_day),
    StatutoryHoliday("端午节", 1, "农历端午当日", BASIS + "第（五）项", _dragon_boat),
    StatutoryHoliday("中秋节", 1, "农历中秋当日", BASIS + "第（六）项", _mid_autumn),
    StatutoryHoliday("国庆节", 3, "10月1日至3日", BASIS + "第（七）项", _national_day),
)


def covers(year: int) -> bool:
    """Whether the revised art 2 can be applied to `year` here."""
    return FIRST_YEAR <= year <= LAST_YEAR


@lru_cache(maxsize=256)
def _computed(year: int) -> tuple[tuple[date, str], ...]:
    names: dict[date, list[str]] = {}
    for rule in RULES:
        first = rule.start(year)
        for offset in range(rule.days):
            names.setdefault(first + timedelta(days=offset), []).append(rule.name)
    # 中秋 can fall on 1-3 October (2028): one day, two holidays, no extra day under art 2.
    return tuple(sorted((day, "、".join(n)) for day, n in names.items()))


def statutory_holidays(year: int) -> dict[date, str]:
    """Date → holiday name for every statutory holiday of `year` (empty outside `covers`)."""
    return dict(_computed(year)) if covers(year) else {}
