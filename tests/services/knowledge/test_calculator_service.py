"""The calculators with the administrator's local figures, and a calculated claim saved to a case."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from sqlmodel import select

from app.bootstrap import Services
from app.errors import AppError, ConflictError, ValidationFailed
from app.knowledge.calculators.local import AVERAGE_WAGE, MEDICAL_SUBSIDY, YUAN, LocalFigure
from app.models import AuditEntry
from app.services.cases.dto import ClaimInput
from app.services.knowledge.calculator_service import CalculatorService
from app.services.knowledge.local_parameters import LocalParameterService
from app.services.security.accounts import PermissionDenied
from tests.factories import case_input

SHAOXING_2025 = LocalFigure("绍兴市", AVERAGE_WAGE, 2025, Decimal("9000.00"), YUAN,
                            source="某统计公报（测试）", verified=False)


def test_the_city_figure_of_the_previous_year_caps_compensation(services: Services) -> None:
    LocalParameterService(services.ctx).save(SHAOXING_2025)
    calc = CalculatorService(services.ctx)
    # ended 2026: the 2025 figure. 2012-01-01 … 2026-06-30 is 14 years 6 months → 15, but the
    # wage 30,000 is above 3 × 9,000 = 27,000: 27,000 × 12 = 324,000.
    result = calc.calculate("compensation", start="2012-01-01", end="2026-06-30",
                            monthly_wage="30000", city="绍兴")
    assert (result.amount, result.months) == (Decimal("324000.00"), Decimal(12))
    assert any("未经核实" in w and "某统计公报" in w for w in result.warnings)


def test_an_older_figure_is_used_and_flagged(services: Services) -> None:
    LocalParameterService(services.ctx).save(dataclasses.replace(SHAOXING_2025, verified=True,
                                                                 year=2023))
    result = CalculatorService(services.ctx).calculate(
        "compensation", start="2020-01-01", end="2026-03-31", monthly_wage="5000", city="绍兴市")
    assert any("最近年度" in w for w in result.warnings)


def test_unknown_city_without_an_average_wage_is_refused(services: Services) -> None:
    with pytest.raises(AppError, match="没有“某县”的上年度职工月平均工资"):
        CalculatorService(services.ctx).calculate(
            "compensation", start="2020-01-01", end="2026-03-31", monthly_wage="5000",
            city="某县")


def test_bad_input_becomes_an_app_error(services: Services) -> None:
    with pytest.raises(AppError, match="早于入职日期"):
        CalculatorService(services.ctx).calculate("double_wages", start="2026-05-01",
                                                  end="2026-01-01", monthly_wage="5000")


def test_local_subsidies_from_the_table(services: Services) -> None:
    table = LocalParameterService(services.ctx)
    table.save(LocalFigure("淄博市", MEDICAL_SUBSIDY, 2024, Decimal("50000"), YUAN, 9,
                           source="省办法（测试）", verified=True))
    calc = CalculatorService(services.ctx)
    # grade 9: 9 × 4,000 = 36,000, plus the 50,000 medical subsidy once the relationship ended
    ended = calc.calculate("injury", grade="9", monthly_wage="4000", city="淄博", ended=True,
                           average_wage="5000")
    assert ended.amount == Decimal("86000.00")


def test_local_figures_are_an_administrators_table(services: Services) -> None:
    table = LocalParameterService(services.ctx)
    with pytest.raises(ValidationFailed, match="已有绍兴"):
        table.save(SHAOXING_2025)
        table.save(dataclasses.replace(SHAOXING_2025, city="绍兴"))
    mediator = LocalParameterService(dataclasses.replace(services.ctx, role="mediator"))
    with pytest.raises(PermissionDenied):
        mediator.save(dataclasses.replace(SHAOXING_2025, year=2024))
    assert [f.year for _, f in mediator.figures()] == [2025]


def test_a_calculated_claim_is_added_to_the_case_and_audited(services: Services) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    before = services.case_detail.detail(case_no)
    result = CalculatorService(services.ctx).calculate("notice_pay", monthly_wage="6100")
    seq, version = services.case_edit.add_claim(
        case_no, ClaimInput(result.kind, result.claim_text, result.amount), before.version,
        facts=result.basis)
    after = services.case_detail.detail(case_no)
    assert seq == len(before.claims) + 1 and version == before.version + 1
    claim = after.claims[-1]
    assert (claim.claim_type, claim.description, claim.amount) == (
        "economic_compensation", result.claim_text, Decimal("6100.00"))
    assert after.facts.endswith(result.basis)
    with services.ctx.session() as s:
        created = s.exec(select(AuditEntry).where(AuditEntry.entity == "claim",
                                                  AuditEntry.action == "create")).all()
        assert any(result.claim_text in (e.new_value or "") for e in created)
    # the same basis twice is appended once; a stale version is refused
    services.case_edit.add_claim(case_no, ClaimInput("economic_compensation", "再一项", "1"),
                                 version, facts=result.basis)
    assert services.case_detail.detail(case_no).facts.count(result.basis) == 1
    with pytest.raises(ConflictError):
        services.case_edit.add_claim(case_no, ClaimInput("wages", "x", "1"), version)


def test_a_bad_claim_is_refused_and_nothing_saved(services: Services) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    detail = services.case_detail.detail(case_no)
    with pytest.raises(ValidationFailed, match="金额不能为负数"):
        services.case_edit.add_claim(case_no, ClaimInput("wages", "x", "-1"), detail.version)
    assert len(services.case_detail.detail(case_no).claims) == len(detail.claims)


def test_the_city_minimum_wage_is_the_floor(services: Services) -> None:
    from app.services.workflow.wages import WageInput, WageService

    wages = WageService(services.ctx)
    wages.save(WageInput("浙江省", "绍兴市", "2490", "24", "2025-01-01",
                         source="浙江省人社厅公告（测试）", verified=True))
    wages.save(WageInput("浙江省", "绍兴市", "2280", "22", "2021-08-01",
                         source="旧公告（测试，未核实）", verified=False))
    calc = CalculatorService(services.ctx)
    # 2024-07-01 … 2026-06-30: 2 years → 2 months at 2,490 instead of 1,500: 4,980.00.
    result = calc.calculate("compensation", start="2024-07-01", end="2026-06-30",
                            monthly_wage="1500", city="绍兴市", average_wage="9000")
    assert result.amount == Decimal("4980.00")
    assert "低于当地最低工资标准" in result.basis and "第二十七条" in result.basis
    # Ended before the 2025 standard: the one in force on the last day (2,280, unverified);
    # 2023-01-01 … 2024-12-31 is 2 years → 2 months: 2,280 × 2 × 2 for damages = 9,120.00.
    older = calc.calculate("illegal_termination", start="2023-01-01", end="2024-12-31",
                           monthly_wage="1500", city="绍兴市", average_wage="9000")
    assert older.amount == Decimal("9120.00")
    assert any("未经核实" in w and "旧公告" in w for w in older.warnings)
    # A city without any standard: computed on the wage typed, and said so.
    none = calc.calculate("compensation", start="2025-01-01", end="2025-12-31",
                          monthly_wage="1500", city="某县", average_wage="9000")
    assert none.amount == Decimal("1500.00")
    assert any("没有“某县”" in w and "第二十七条" in w for w in none.warnings)
    # No city: the typed wage, as before.
    plain = calc.calculate("compensation", start="2025-01-01", end="2025-12-31",
                           monthly_wage="1500", average_wage="9000")
    assert plain.amount == Decimal("1500.00")
