"""经济补偿, 违法解除赔偿金, 代通知金: worked examples computed by hand in each test."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.knowledge.calculators.base import CalcError, span
from app.knowledge.calculators.compensation import (
    AverageWage,
    economic_compensation,
    illegal_termination,
    notice_pay,
)


@pytest.mark.parametrize(("first", "last", "months", "days"), [
    ("2020-03-15", "2021-03-14", 12, 0),   # exactly one year, both ends counted
    ("2020-03-15", "2021-03-15", 12, 1),
    ("2020-03-15", "2020-09-14", 6, 0),
    ("2020-03-15", "2020-09-13", 5, 30),   # 2020-08-15 … 2020-09-13 is 30 days
    ("2020-01-31", "2020-02-28", 0, 29),   # from 31 January a month is full on 29 February
    ("2020-01-31", "2020-02-29", 1, 0),
    ("2021-01-30", "2021-02-28", 1, 0),    # no 30 February: full on the month's last day
])
def test_span_counts_whole_months_by_corresponding_days(first: str, last: str, months: int,
                                                        days: int) -> None:
    length = span(date.fromisoformat(first), date.fromisoformat(last))
    assert (length.months, length.days) == (months, days)


@pytest.mark.parametrize(("start", "end", "months"), [
    # 3 full years and 5 months 30 days left: less than six months → half a month.
    ("2021-03-15", "2024-09-13", Decimal("3.5")),
    # 3 full years and exactly 6 months: six months or more → one month.
    ("2021-03-15", "2024-09-14", Decimal(4)),
    # one day short of a year: 11 months 30 days ≥ 6 months → one month.
    ("2023-01-01", "2023-12-30", Decimal(1)),
    # ten days only: less than six months → half a month.
    ("2026-01-05", "2026-01-14", Decimal("0.5")),
    # exactly two years: no remainder.
    ("2024-01-01", "2025-12-31", Decimal(2)),
])
def test_the_six_month_rule(start: str, end: str, months: Decimal) -> None:
    result = economic_compensation(start, end, "7000.00")
    assert result.months == months
    assert result.amount == (Decimal("7000.00") * months).quantize(Decimal("0.01"))
    assert "第四十七条" in result.basis and result.kind == "economic_compensation"


def test_the_3x_cap_with_twelve_years() -> None:
    # 2010-07-01 … 2026-06-30 is 16 full years; wage 36,000 > 3 × 10,000 → 30,000 × 12.
    average = AverageWage(Decimal("10000.00"), "绍兴市", 2025, "统计公报", verified=True)
    result = economic_compensation("2010-07-01", "2026-06-30", "36000", average_wage=average)
    assert result.months == 12
    assert result.amount == Decimal("360000.00")
    assert result.warnings == ()
    assert any("30,000.00元" in s for s in result.steps)


def test_the_cap_lowers_the_wage_but_not_short_service() -> None:
    # 5 years 2 months: 5.5 months; 3 × 8,000 = 24,000 < 25,000 → 24,000 × 5.5 = 132,000.
    average = AverageWage(Decimal("8000"), "西宁市", 2025, "", verified=False)
    result = economic_compensation("2021-01-01", "2026-02-28", "25000", average_wage=average)
    assert result.months == Decimal("5.5")
    assert result.amount == Decimal("132000.00")
    assert any("未经核实" in w for w in result.warnings)  # the unverified figure is said so


def test_a_wage_at_the_cap_is_not_capped() -> None:
    # wage equal to 3 × average is not "higher than" it: 14 years stay 14 months.
    average = AverageWage(Decimal("9000"), verified=True)
    result = economic_compensation("2012-01-01", "2025-12-31", "27000", average_wage=average)
    assert (result.months, result.amount) == (Decimal(14), Decimal("378000.00"))


def test_service_before_2008_follows_the_old_rules() -> None:
    # 2006-09-01 … 2007-12-31: 1 year 4 months → old rules count a part year as a year: 2.
    # 2008-01-01 … 2026-03-31: 18 years 3 months → 18.5. Wage 50,000 above 3 × 12,000:
    # new part capped at 36,000 × 12; old part uncapped 50,000 × 2.
    average = AverageWage(Decimal("12000"), verified=True)
    result = economic_compensation("2006-09-01", "2026-03-31", "50000", average_wage=average)
    assert result.months == Decimal(14)
    assert result.amount == Decimal("100000.00") + Decimal("432000.00")
    assert "第九十七条第三款" in result.basis and "劳部发〔1994〕481号" in result.basis


def test_service_before_2008_left_out_when_the_old_rules_paid_nothing() -> None:
    # contract expiry paid nothing before 2008: only 2008-01-01 … 2009-03-31 counts (1y3m → 1.5)
    result = economic_compensation("2005-01-01", "2009-03-31", "4000", pre_2008_payable=False)
    assert (result.months, result.amount) == (Decimal("1.5"), Decimal("6000.00"))


def test_no_average_wage_is_warned() -> None:
    result = economic_compensation("2024-01-01", "2024-12-31", "5000")
    assert any("三倍封顶" in w for w in result.warnings)


def test_illegal_termination_is_twice_art_47_from_the_first_day() -> None:
    # 2004-03-01 … 2026-02-28: 22 full years → 22 months, art 47 throughout (实施条例 art 25);
    # 6,000 × 22 × 2 = 264,000.
    result = illegal_termination("2004-03-01", "2026-02-28", "6000")
    assert result.months == Decimal(44)
    assert result.amount == Decimal("264000.00")
    assert result.kind == "termination_damages" and "第八十七条" in result.basis


def test_illegal_termination_rounds_half_up_to_the_fen() -> None:
    # 1 year 7 months → 2 months; 3333.33 × 2 × 2 = 13,333.32.
    assert illegal_termination("2024-05-01", "2025-11-30", "3333.33").amount == Decimal("13333.32")


def test_notice_pay_is_one_month() -> None:
    result = notice_pay("8123.45")
    assert (result.amount, result.months) == (Decimal("8123.45"), Decimal(1))
    assert "第四十条" in result.basis


@pytest.mark.parametrize(("args", "message"), [
    (("2026-05-01", "2026-04-30", "5000"), "离职日期（2026年4月30日）早于入职日期"),
    (("2026-01-01", "2026-04-30", "-5000"), "月平均工资必须大于0"),
    (("2026-01-01", "2026-04-30", "五千"), "不是金额"),
    (("2026-01-01", "2026-04-30", "5000.123"), "最多两位小数"),
    (("2026/01/01", "2026-04-30", "5000"), "应写作 2026-03-15"),
    (("2026-01-01", "2026-04-30", ""), "请填写月平均工资"),
    (("", "2026-04-30", "5000"), "请填写入职日期"),
    (("2026-01-01", "9999-12-31", "5000"), "不在1950年至2100年之间"),
])
def test_bad_input_says_what_to_fix(args: tuple[str, str, str], message: str) -> None:
    with pytest.raises(CalcError) as caught:
        economic_compensation(*args)
    assert message in caught.value.message


# --- 实施条例 art 27: the minimum wage is the floor of the wage used ---------------------------

def _minimum(monthly: str, verified: bool = True) -> object:
    from app.workflow.final_award import MinimumWage

    return MinimumWage("浙江省", "绍兴市", Decimal(monthly), Decimal("22"), date(2025, 1, 1),
                       "浙江省人社厅公告（测试）", verified)


def test_a_wage_below_the_minimum_wage_is_raised_to_it() -> None:
    # 2024-01-01 … 2026-06-30: 2 years 6 months → 3 months. Average 1,800 < 2,490:
    # 2,490 × 3 = 7,470.00 (not 1,800 × 3 = 5,400).
    result = economic_compensation("2024-01-01", "2026-06-30", "1800",
                                   minimum_wage=_minimum("2490"))  # type: ignore[arg-type]
    assert (result.amount, result.months) == (Decimal("7470.00"), Decimal(3))
    assert "低于当地最低工资标准" in result.basis and "第二十七条" in result.basis
    assert "2,490.00" in result.basis or "2490.00" in result.basis
    assert any("低于绍兴市月最低工资标准" in step for step in result.steps)
    assert not any("未经核实" in w for w in result.warnings)
    damages = illegal_termination("2024-01-01", "2026-06-30", "1800",
                                  minimum_wage=_minimum("2490"))  # type: ignore[arg-type]
    assert damages.amount == Decimal("14940.00")  # 7,470 × 2
    assert "第二十七条" in damages.basis


def test_a_wage_at_or_above_the_minimum_is_kept_and_an_unverified_one_is_flagged() -> None:
    # 2025-01-01 … 2025-12-31: one full year → 1 month; 2,490 is not below 2,490.
    result = economic_compensation("2025-01-01", "2025-12-31", "2490",
                                   minimum_wage=_minimum("2490", verified=False))  # type: ignore[arg-type]
    assert result.amount == Decimal("2490.00")
    assert "最低工资" not in result.basis
    assert any("不低于" in step for step in result.steps)
    assert any("未经核实" in w and "测试" in w for w in result.warnings)


def test_the_floor_comes_before_the_three_times_cap() -> None:
    # Floor 2,490, cap 3 × 800 = 2,400 (an odd table): the raised wage is then capped at 2,400;
    # 1 year → 1 month: 2,400.00.
    result = economic_compensation("2025-01-01", "2025-12-31", "1000",
                                   average_wage=AverageWage(Decimal(800), verified=True),
                                   minimum_wage=_minimum("2490"))  # type: ignore[arg-type]
    assert result.amount == Decimal("2400.00")
