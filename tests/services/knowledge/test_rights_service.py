"""The rights check of a stored case: answers kept with the case, findings in the case's own
jurisdiction, a finding turned into a claim, wrong answers refused without saving anything."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.bootstrap import Services
from app.errors import AppError, ValidationFailed
from app.knowledge.rights import NO_LOCAL_POLICY
from tests.factories import case_input


def _case(services: Services, city: str = "绍兴市", province: str = "浙江省") -> str:
    return services.cases.create_case(case_input(city=city, province=province,
                                                 category="2")).case_no


def test_answers_are_checked_then_kept(services: Services) -> None:
    case_no = _case(services)
    with pytest.raises(ValidationFailed) as refused:
        services.rights.save_answers(case_no, {"deposit_amount": "-5", "pay_cycle_days": "abc",
                                               "hire_date": "2026-13-01", "no_such": "1"})
    assert {e.field for e in refused.value.errors} == {"deposit_amount", "pay_cycle_days",
                                                       "hire_date", "no_such"}
    assert all(e.message for e in refused.value.errors)
    assert services.rights.answers(case_no) == {}  # nothing saved
    saved = services.rights.save_answers(case_no, {"deposit_amount": "300.50",
                                                   "hire_date": "2026-09-01",
                                                   "si_registered": "no", "monthly_pay": ""})
    assert saved == {"deposit_amount": "300.50", "hire_date": "2026-09-01",
                     "si_registered": "no"}
    assert services.rights.answers(case_no) == saved
    services.rights.save_answers(case_no, {"deposit_amount": "0"})  # replaces, not merges
    assert services.rights.answers(case_no) == {"deposit_amount": "0"}


def test_breach_cites_the_cases_own_city_and_becomes_a_claim(services: Services) -> None:
    case_no = _case(services)
    services.rights.save_answers(case_no, {"deposit_amount": "500"})
    report = services.rights.check(case_no)
    assert report.jurisdiction == "绍兴市"
    deposits = next(f for f in report.findings if f.right == "deposits")
    assert deposits.status == "breach" and deposits.status_label == "违反"
    assert deposits.citations and all("绍兴" in c for c in deposits.citations)
    assert deposits.claim_amount == Decimal("500.00") and deposits.claim_text
    before = len(services.case_detail.detail(case_no).claims)
    seq = services.rights.finding_to_claim(case_no, "deposits")
    claims = services.case_detail.detail(case_no).claims
    assert len(claims) == before + 1 and claims[-1].seq == seq
    assert claims[-1].amount == Decimal("500.00") and claims[-1].party_name == "张三"
    with pytest.raises(AppError, match="已有这项请求"):
        services.rights.finding_to_claim(case_no, "deposits")
    with pytest.raises(AppError, match="没有可提出的请求事项"):
        services.rights.finding_to_claim(case_no, "rest_break")  # not enough data
    assert len(services.case_detail.detail(case_no).claims) == before + 1


def test_a_city_without_local_policy_says_so(services: Services) -> None:
    case_no = _case(services, city="杭州市")
    services.rights.save_answers(case_no, {"deposit_amount": "500"})
    deposits = next(f for f in services.rights.check(case_no).findings if f.right == "deposits")
    assert deposits.citations == () and deposits.note == NO_LOCAL_POLICY


def test_breaches_give_the_documents_legal_basis(services: Services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    case_no = _case(services)
    assert services.documents.context(case_no)["legal_basis"] == []  # nothing answered yet
    services.rights.save_answers(case_no, {"deposit_amount": "500", "pay_cycle_days": "10"})
    basis = services.rights.legal_basis(case_no)
    assert basis and all(text.startswith("《") for text in basis)
    assert any("绍兴" in text for text in basis) and len(basis) == len(set(basis))
    assert services.documents.context(case_no)["legal_basis"] == basis
    out = services.documents.render(case_no, "mediation_application", "pdf",
                                    tmp_path / "申请.pdf", draft=True)[0].path
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace("\n", "")
    assert "根据《" in text and "等规定" in text
