"""Any typed text: a result or a Chinese CalcError, never another exception (no traceback)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.knowledge.calculators.base import CalcError
from app.knowledge.calculators.compensation import economic_compensation, illegal_termination
from app.knowledge.calculators.double_wages import double_wages
from app.knowledge.calculators.injury import disability_benefit
from app.knowledge.calculators.pay import annual_leave_pay, overtime_pay

dates = st.one_of(st.dates().map(str), st.text(max_size=12), st.sampled_from(
    ["2008-01-01", "2007-12-31", "2024-02-29", "2100-12-31", "1950-01-01", ""]))
money = st.one_of(st.decimals(allow_nan=True, allow_infinity=True).map(str),
                  st.text(max_size=10), st.sampled_from(["0", "-1", "1e30", "1,000.5", "NaN"]))


def outcome(call) -> None:  # type: ignore[no-untyped-def]
    try:
        result = call()
    except CalcError as exc:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.message)  # said in Chinese
        return
    assert result.amount == result.amount.quantize(Decimal("0.01")) and result.amount >= 0


@settings(max_examples=60, deadline=None)
@given(dates, dates, money, dates)
def test_dates_and_wages(start: str, end: str, wage: str, signed: str) -> None:
    outcome(lambda: economic_compensation(start, end, wage))
    outcome(lambda: illegal_termination(start, end, wage))
    outcome(lambda: double_wages(start, end, wage, signed_on=signed))


@settings(max_examples=60, deadline=None)
@given(money, money, money, money, st.one_of(st.integers(-5, 15).map(str), st.text(max_size=3)))
def test_hours_days_and_grades(wage: str, a: str, b: str, c: str, grade: str) -> None:
    outcome(lambda: overtime_pay(wage, weekday_hours=a, restday_hours=b, holiday_hours=c))
    outcome(lambda: annual_leave_pay(wage, a, years=b))
    outcome(lambda: disability_benefit(grade, wage))
