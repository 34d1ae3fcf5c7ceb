"""工伤 one-off benefits: the months of each grade, the wage cap and floor, local subsidies."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.knowledge.calculators.base import CalcError
from app.knowledge.calculators.compensation import AverageWage
from app.knowledge.calculators.injury import disability_benefit
from app.knowledge.calculators.local import (
    AVERAGE_MONTHS,
    EMPLOYMENT_SUBSIDY,
    MEDICAL_SUBSIDY,
    OWN_WAGE_MONTHS,
    YUAN,
    LocalFigure,
    check_figure,
    subsidies_for,
)

# 工伤保险条例 arts 35-37, typed here from the articles, not from the code.
BY_GRADE = [(1, 27), (2, 25), (3, 23), (4, 21), (5, 18), (6, 16), (7, 13), (8, 11), (9, 9),
            (10, 7)]


@pytest.mark.parametrize(("grade", "months"), BY_GRADE)
def test_months_of_each_grade(grade: int, months: int) -> None:
    result = disability_benefit(grade, "5000")
    assert result.months == months
    assert result.amount == Decimal(5000 * months).quantize(Decimal("0.01"))


def test_wage_cap_and_floor() -> None:
    average = AverageWage(Decimal("7000"), "淄博市", 2025, "", verified=True)
    # 25,000 > 3 × 7,000 → 21,000 × 9 (grade 9) = 189,000
    assert disability_benefit(9, "25000", average_wage=average).amount == Decimal("189000.00")
    # 3,000 < 60 % × 7,000 = 4,200 → 4,200 × 7 (grade 10) = 29,400
    assert disability_benefit(10, "3000", average_wage=average).amount == Decimal("29400.00")


def test_local_subsidies_when_the_relationship_ended() -> None:
    medical = LocalFigure("绍兴市", MEDICAL_SUBSIDY, 2024, Decimal("120000"), YUAN, 7,
                          source="省办法", verified=True)
    employment = LocalFigure("绍兴市", EMPLOYMENT_SUBSIDY, 2024, Decimal("6"), OWN_WAGE_MONTHS, 7,
                             source="省办法", verified=False)
    # grade 7: 13 × 6,000 = 78,000; medical 120,000; employment 6 × 6,000 = 36,000 → 234,000
    result = disability_benefit(7, "6000", subsidies=[medical, employment], ended=True)
    assert result.amount == Decimal("234000.00")
    assert "一次性工伤医疗补助金" in result.claim_text
    assert any("未经核实" in w for w in result.warnings)
    # not ended: only the disability benefit
    assert disability_benefit(7, "6000", subsidies=[medical, employment]).amount == \
        Decimal("78000.00")


def test_subsidy_in_months_of_the_average_wage() -> None:
    figure = LocalFigure("西宁", MEDICAL_SUBSIDY, 2024, Decimal("10"), AVERAGE_MONTHS, 8)
    average = AverageWage(Decimal("8000"), verified=True)
    # grade 8: 11 × 5,000 = 55,000; medical 10 × 8,000 = 80,000 → 135,000
    result = disability_benefit(8, "5000", average_wage=average, subsidies=[figure], ended=True)
    assert result.amount == Decimal("135000.00")


def test_subsidies_for_picks_the_latest_of_the_grade_and_city() -> None:
    old = LocalFigure("绍兴市", MEDICAL_SUBSIDY, 2020, Decimal(1), YUAN, 7)
    new = LocalFigure("绍兴", MEDICAL_SUBSIDY, 2024, Decimal(2), YUAN, 7)
    other = LocalFigure("绍兴", MEDICAL_SUBSIDY, 2024, Decimal(3), YUAN, 8)
    assert subsidies_for([old, new, other], "绍兴市", 7) == [new]


@pytest.mark.parametrize(("grade", "message"), [
    (11, "伤残等级应为一至十级"), (0, "伤残等级应为一至十级"), ("七", "应为1至10的整数"),
])
def test_bad_grade(grade: object, message: str) -> None:
    with pytest.raises(CalcError) as caught:
        disability_benefit(grade, "5000")
    assert message in caught.value.message


def test_a_local_figure_is_checked() -> None:
    entry = {"city": "绍兴市", "kind": MEDICAL_SUBSIDY, "year": 2024, "value": "100", "unit": YUAN,
             "grade": 4, "source": "", "verified": False}
    with pytest.raises(CalcError, match="五至十级"):
        check_figure(entry)
    with pytest.raises(CalcError, match="请填写来源"):
        check_figure({**entry, "grade": 5, "verified": True})
    with pytest.raises(CalcError, match="数值必须大于0"):
        check_figure({**entry, "grade": 5, "value": "1e30"})
