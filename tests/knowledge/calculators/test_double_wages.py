"""二倍工资差额: month boundaries, part months by working days, the eleven-month ceiling."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.knowledge.calculators.base import CalcError
from app.knowledge.calculators.double_wages import double_wages
from app.workflow.calendar import HolidayCalendar


def test_never_signed_a_full_year_is_eleven_months() -> None:
    # 2025-01-01 start: 2025-02-01 … 2025-12-31, eleven whole calendar months, 6,000 × 11.
    result = double_wages("2025-01-01", "2026-03-31", "6000")
    assert result.months == 11 and result.amount == Decimal("66000.00")
    assert (result.period_start, result.period_end) == (date(2025, 2, 1), date(2025, 12, 31))
    assert "第八十二条" in result.basis and "解释（二）" in result.basis


def test_a_part_month_counts_by_the_working_days_of_that_month() -> None:
    # Signed 2025-06-16: period 2025-02-01 … 2025-06-15. Feb-May whole (4). June 2025 has 21
    # weekdays less 端午 on Mon 2 June = 20 working days; 1-15 June holds 3,4,5,6,9,10,11,12,13
    # = 9. 6,000 × (4 + 9/20) = 26,700.
    result = double_wages("2025-01-01", "2026-03-31", "6000", signed_on="2025-06-16")
    assert result.period_end == date(2025, 6, 15)
    assert result.amount == Decimal("26700.00")
    assert result.months == Decimal("4.45")


def test_a_start_mid_month_splits_the_first_and_last_month() -> None:
    # Start 2025-01-15, left 2025-12-31: 2025-02-15 … 2025-12-31. February 2025: 20 weekdays,
    # less 3-4 Feb (春节), plus Sat 8 Feb (调休) = 19; 15-28 Feb: 17-21, 24-28 = 10 days.
    # March-December whole: 10. 6,000 × (10 + 10/19) = 60,000 + 3,157.894… = 63,157.89.
    result = double_wages("2025-01-15", "2025-12-31", "6000")
    assert result.amount == Decimal("63157.89")
    assert any("19天中的10天" in s for s in result.steps)


def test_the_administrators_calendar_is_used() -> None:
    # The administrator marks Mon 2 June 2025 as a working day: June has 21 working days,
    # 1-15 June 10. 6,000 × (4 + 10/21) = 24,000 + 2,857.142… = 26,857.14.
    calendar = HolidayCalendar({date(2025, 6, 2): True})
    result = double_wages("2025-01-01", "2026-03-31", "6000", signed_on="2025-06-16",
                          calendar=calendar)
    assert result.amount == Decimal("26857.14")


def test_signed_within_the_first_month_owes_nothing() -> None:
    result = double_wages("2026-03-10", "2026-09-30", "5000", signed_on="2026-04-05")
    assert result.amount == Decimal("0.00") and result.months == 0


def test_left_before_the_first_month_ended_owes_nothing() -> None:
    assert double_wages("2026-03-10", "2026-04-01", "5000").amount == Decimal("0.00")


def test_limitation_is_noted() -> None:
    result = double_wages("2024-01-01", "2024-12-31", "5000", today=date(2026, 12, 1))
    assert any("调解仲裁法第二十七条" in w and "超过时效" in w for w in result.warnings)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"start": "2026-05-01", "end": "2026-04-01", "monthly_wage": "5000"}, "早于入职日期"),
    ({"start": "2026-05-01", "end": "2026-09-01", "monthly_wage": "0"}, "月工资必须大于0"),
    ({"start": "2026-05-01", "end": "2026-09-01", "monthly_wage": "5000",
      "signed_on": "2026-04-01"}, "入职前已签合同"),
])
def test_bad_input(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(CalcError) as caught:
        double_wages(**kwargs)
    assert message in caught.value.message
