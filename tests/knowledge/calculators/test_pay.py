"""加班费, 未休年休假工资, 拖欠工资: hourly and daily rates worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.knowledge.calculators.arrears import wage_arrears
from app.knowledge.calculators.base import CalcError
from app.knowledge.calculators.pay import annual_leave_pay, leave_entitlement, overtime_pay


def test_overtime_rates() -> None:
    # 6,525 ÷ 21.75 ÷ 8 = 37.50 an hour; 10 h × 150 % = 562.50, 8 h × 200 % = 600,
    # 8 h × 300 % = 900; total 2,062.50.
    result = overtime_pay("6525", weekday_hours="10", restday_hours="8", holiday_hours="8")
    assert result.amount == Decimal("2062.50")
    assert result.kind == "overtime_pay" and "第四十四条" in result.basis
    assert any("补休" in w for w in result.warnings)


def test_overtime_is_rounded_once_at_the_end() -> None:
    # 5,000 ÷ 21.75 ÷ 8 = 28.7356… an hour; 36 weekday hours × 1.5 = 54 hours' pay:
    # 5,000 × 54 ÷ 174 = 1,551.724… → 1,551.72 (rounding the hourly first would give 1,551.78).
    assert overtime_pay("5000", weekday_hours=36).amount == Decimal("1551.72")


def test_holiday_work_alone_is_holiday_pay() -> None:
    # 4,350 ÷ 21.75 ÷ 8 = 25 an hour × 300 % × 16 h = 1,200.
    result = overtime_pay("4350", holiday_hours="16")
    assert (result.amount, result.kind) == (Decimal("1200.00"), "holiday_pay")


@pytest.mark.parametrize(("years", "days"), [
    (Decimal("0.9"), 0), (Decimal(1), 5), (Decimal("9.99"), 5), (Decimal(10), 10),
    (Decimal("19.5"), 10), (Decimal(20), 15), (Decimal(35), 15),
])
def test_leave_entitlement(years: Decimal, days: int) -> None:
    assert leave_entitlement(years) == days


def test_annual_leave_pays_200_percent_more() -> None:
    # 6,000 ÷ 21.75 = 275.862… a day; 5 days × 200 % = 60,000 ÷ 21.75 = 2,758.6206… → 2,758.62.
    result = annual_leave_pay("6000", 5, years="3")
    assert result.amount == Decimal("2758.62")
    assert any("每年应休年休假5天" in s for s in result.steps)
    assert "第五条" in result.basis and "第十条" in result.basis


def test_annual_leave_more_days_than_a_year_warns() -> None:
    result = annual_leave_pay("4350", 12, years=12)  # 200 a day × 2 × 12 = 4,800
    assert result.amount == Decimal("4800.00")
    assert any("多于一年的应休天数10天" in w for w in result.warnings)


def test_arrears_note_the_additional_compensation_but_do_not_claim_it() -> None:
    result = wage_arrears("9000")
    assert result.amount == Decimal("9000.00")
    assert any("4,500.00元至9,000.00元" in s for s in result.steps)
    assert "第八十五条" in result.basis


@pytest.mark.parametrize(("call", "message"), [
    (lambda: overtime_pay("5000"), "请至少填写一类加班时长"),
    (lambda: overtime_pay("5000", weekday_hours="-2"), "不能为负数"),
    (lambda: overtime_pay("-5000", weekday_hours="2"), "月工资必须大于0"),
    (lambda: annual_leave_pay("5000", 3, years="0.5"), "累计工作不满一年"),
    (lambda: annual_leave_pay("5000", 0), "请填写应休未休的年休假天数"),
    (lambda: annual_leave_pay("5000", "2.5x"), "不是数字"),
])
def test_bad_input(call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CalcError) as caught:
        call()
    assert message in caught.value.message
