"""Reads for the desktop screens: case detail, audit lines, party search, classification,
organisation settings."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from app.bootstrap import Services
from app.errors import StorageError, ValidationFailed
from app.models import Party
from app.models.enums import RelationshipCategory
from app.services.cases.records import AgreementInput, TermInput
from app.services.knowledge.classification import QUESTIONS, suggest_category
from tests.factories import case_input


def test_detail_has_every_record(services: Services, tmp_path: Path) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    proof = tmp_path / "合同.txt"
    proof.write_text("劳动合同", encoding="utf-8")
    services.records.add_evidence(case_no, "劳动合同", file_path=proof)
    services.records.add_session(case_no, datetime(2026, 11, 10, 9, 30), place="调解室")
    services.records.add_agreement(case_no, AgreementInput(date(2026, 11, 12), [TermInput(
        "迅达即配科技有限公司", "张三", "8000", date(2026, 11, 30))]))
    services.records.add_filing(case_no, "judicial_confirmation", forum="越城区人民法院")
    detail = services.case_detail.detail(case_no)
    assert [p.name for p in detail.parties] == ["张三", "迅达即配科技有限公司"]
    assert detail.claim_total == Decimal("12845.67")
    assert detail.evidence[0].file_name == "合同.txt" and len(detail.evidence[0].file_sha256) == 64
    assert services.case_detail.evidence_bytes(detail.evidence[0].file_sha256) == proof.read_bytes()
    assert detail.sessions[0].place == "调解室"
    assert detail.agreements[0].terms[0].amount == Decimal("8000.00")
    assert not detail.agreements[0].performed
    assert detail.filings[0].kind == "judicial_confirmation"
    assert detail.events[0].label == "收到调解申请"
    assert detail.state_label


def test_tampered_evidence_is_refused(sqlite_services: Services, tmp_path: Path) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    proof = tmp_path / "a.txt"
    proof.write_text("x")
    sqlite_services.records.add_evidence(case_no, "截图", file_path=proof)
    sha = sqlite_services.case_detail.detail(case_no).evidence[0].file_sha256
    assert sha is not None
    sqlite_services.case_detail.files.path_for(sha).write_text("y")
    with pytest.raises(StorageError, match="哈希"):
        sqlite_services.case_detail.evidence_bytes(sha)


def test_audit_lines_in_plain_chinese(sqlite_services: Services) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    with sqlite_services.ctx.session() as s:
        party = s.exec(select(Party).where(Party.name == "张三")).one()
        party.phone = "13911112222"
        s.commit()
    lines = [line.text for line in sqlite_services.case_history.audit_lines(case_no)]
    assert any(line.endswith("tester 新增 当事人 张三") for line in lines)
    assert any("tester 修改 当事人 张三 的 电话：13800138000 → 13911112222" in line
               for line in lines)
    assert not any("search_text" in line or "期限" in line for line in lines)


def test_the_audit_log_names_choices_states_and_answers_in_chinese(
        sqlite_services: Services) -> None:
    from datetime import date as day

    s = sqlite_services
    case_no = s.cases.create_case(case_input(category="1")).case_no
    s.workflow.advance(case_no, "mediation.accept", day(2026, 11, 3))
    s.rights.save_answers(case_no, {"pay_cycle_days": 45})
    text = "\n".join(line.text for line in s.case_history.audit_lines(case_no))
    assert "修改 案件的 办理状态：已收到申请 → 已受理调解" in text
    assert "阶段：收案 → 调解" in text
    assert "新增 核查与认定 权益核查答案" in text
    # No internal names anywhere: tables, states, choices.
    for internal in ("case_answers", "intake.received", "mediation.accepted", "dispute_case",
                     "→ mediation", "active", "rights "):
        assert internal not in text, internal


def test_party_search_by_prefix(sqlite_services: Services) -> None:
    sqlite_services.cases.create_case(case_input())
    sqlite_services.cases.create_case(case_input())
    found = sqlite_services.parties.search("张")
    assert [p.name for p in found] == ["张三"]  # the same person once
    assert found[0].phone == "13800138000" and found[0].birth_date == date(1990, 3, 7)
    assert sqlite_services.parties.search("3306")[0].name == "张三"
    assert sqlite_services.parties.search("迅达", party_type="organisation")[0].credit_code
    assert sqlite_services.parties.search("李") == [] and sqlite_services.parties.search(" ") == []


def test_active_by_stage_and_filter_choices(sqlite_services: Services) -> None:
    sqlite_services.demo.generate(40, seed=2)
    counts = sqlite_services.case_detail.active_by_stage()
    assert sum(counts.values()) <= 40 and counts
    choices = sqlite_services.case_detail.filter_choices()
    assert choices.cities and choices.occupations and list(choices.cities) == sorted(choices.cities)


@pytest.mark.parametrize(("answers", "expected"), [
    ({"capacity": True, "managed": True, "integral": True}, RelationshipCategory.LABOUR),
    ({"time_control": True, "process": True, "rules": True}, RelationshipCategory.LABOUR),
    ({"rules": True, "sets_price": True}, RelationshipCategory.MANAGED),
    ({"managed": False, "time_control": False, "process": False, "rules": False,
      "continuity": False, "sets_price": True}, RelationshipCategory.CIVIL),
    ({"capacity": False}, RelationshipCategory.UNDETERMINED),
    ({}, RelationshipCategory.UNDETERMINED),
])
def test_classification_suggestion(answers: dict[str, bool], expected: str) -> None:
    suggestion = suggest_category(answers)
    assert suggestion.category == expected and suggestion.reasons
    assert len(QUESTIONS) == 8


def test_organisation_update(services: Services) -> None:
    org_id = services.organisations.default_id()
    updated = services.organisations.update(org_id, name="绍兴市某平台调委会", address="人民路1号",
                                            phone="0575-88001234",
                                            case_no_pattern="绍调〔{year}〕{seq:05d}号")
    assert updated.case_no_pattern == "绍调〔{year}〕{seq:05d}号" and updated.address == "人民路1号"
    assert services.cases.create_case(case_input()).case_no == "绍调〔2026〕00001号"
    with pytest.raises(ValidationFailed) as caught:
        services.organisations.update(org_id, name="", phone="12", case_no_pattern="无序号")
    assert {e.field for e in caught.value.errors} == {"name", "phone", "case_no_pattern"}
    assert services.organisations.details(org_id).name == "绍兴市某平台调委会"
