"""Validation of a whole case as entered: parties, claims, dates, choices."""

from __future__ import annotations

from datetime import date

from stdnum.cn import ric

from app.errors import FieldError
from app.models.enums import (
    CaseStatus,
    ClaimType,
    IdType,
    IntakeChannel,
    PartyKind,
    PartyRole,
    PartyType,
    RelationshipCategory,
    Sex,
)
from app.services.cases import field_checks as v
from app.services.cases.dto import CaseInput, ClaimInput, PartyInput
from app.services.knowledge.classification import check_answers
from app.workflow.calendar import date_zh

COLLECTIVE_MINIMUM = 10  # 调解仲裁法 art 7: ten or more workers may elect representatives


def validate_party(p: PartyInput, where: str, today: date) -> list[FieldError]:
    problems = v.require(p.name, f"{where}.name", "当事人姓名或名称")
    problems += v.check_choice(p.role, PartyRole, f"{where}.role", "当事人身份")
    problems += v.check_choice(p.party_type, PartyType, f"{where}.party_type", "当事人类型")
    problems += v.check_choice(p.kind, PartyKind, f"{where}.kind", "当事人类别")
    problems += v.check_phone(p.phone, f"{where}.phone")
    if p.party_type == PartyType.PERSON:
        if p.sex:
            problems += v.check_choice(p.sex, Sex, f"{where}.sex", "性别")
        if p.id_type:
            problems += v.check_choice(p.id_type, IdType, f"{where}.id_type", "证件类型")
        if p.id_number and p.id_type in ("", IdType.RESIDENT_ID):
            id_problems = v.check_resident_id(p.id_number, f"{where}.id_number", today)
            problems += id_problems
            if not any(not e.warning for e in id_problems):
                problems += _birth_matches_id(p, where)
        problems += v.check_not_future(p.birth_date, f"{where}.birth_date", "出生日期", today)
        if p.credit_code:
            problems.append(FieldError(f"{where}.credit_code", "自然人不填写统一社会信用代码"))
    else:
        problems += v.check_credit_code(p.credit_code, f"{where}.credit_code")
    return problems


def _birth_matches_id(p: PartyInput, where: str) -> list[FieldError]:
    if p.birth_date is None or not p.id_number:
        return []
    in_id = ric.get_birth_date(p.id_number.strip().upper())
    if in_id == p.birth_date:
        return []
    return [FieldError(f"{where}.birth_date",
                       f"出生日期（{date_zh(p.birth_date)}）与身份证号码中的出生日期"
                       f"（{date_zh(in_id)}）不一致，请核对")]


def validate_claim(c: ClaimInput, where: str, party_count: int) -> list[FieldError]:
    problems = v.check_choice(c.claim_type, ClaimType, f"{where}.claim_type", "请求类型")
    _, amount_problems = v.parse_amount(c.amount, f"{where}.amount")
    problems += amount_problems
    problems += v.check_not_before(c.period_end, c.period_start, f"{where}.period_end",
                                   "请求期间结束日", "请求期间开始日")
    if c.party_index is not None and not 0 <= c.party_index < party_count:
        problems.append(FieldError(f"{where}.party_index", "请求所属的当事人不存在"))
    if c.claim_type == ClaimType.OTHER and not c.description.strip():
        problems.append(FieldError(f"{where}.description", "请求类型为“其他”时请写明请求内容"))
    return problems


def validate_case(data: CaseInput, today: date) -> list[FieldError]:
    """Every problem of a new case at once; warnings are flagged, not fatal."""
    problems = v.require(data.received_on, "received_on", "收到申请日期")
    problems += v.check_choice(data.intake_channel, IntakeChannel, "intake_channel", "申请方式")
    problems += v.check_choice(data.category, RelationshipCategory, "category", "用工关系类别")
    problems += [FieldError("classification_answers", text)
                 for text in check_answers(dict(data.classification_answers))]
    problems += v.check_not_future(data.received_on, "received_on", "收到申请日期", today)
    problems += v.check_not_future(data.accepted_on, "accepted_on", "受理日期", today)
    problems += v.check_not_before(data.accepted_on, data.received_on, "accepted_on",
                                   "受理日期", "收到申请日期")
    roles = [p.role for p in data.parties]
    if PartyRole.APPLICANT not in roles:
        problems.append(FieldError("parties", "至少需要一名申请人"))
    if PartyRole.RESPONDENT not in roles:
        problems.append(FieldError("parties", "至少需要一名被申请人"))
    for i, party in enumerate(data.parties):
        problems += validate_party(party, f"parties[{i}]", today)
    problems += _duplicate_ids(data.parties)
    for i, claim in enumerate(data.claims):
        problems += validate_claim(claim, f"claims[{i}]", len(data.parties))
    workers = sum(1 for p in data.parties
                  if p.role == PartyRole.APPLICANT and p.kind == PartyKind.WORKER)
    if data.collective and workers < COLLECTIVE_MINIMUM:
        problems.append(FieldError(
            "collective", f"集体争议通常有{COLLECTIVE_MINIMUM}名以上劳动者，当前申请人为{workers}名",
            warning=True))
    return problems


def _duplicate_ids(parties: list[PartyInput]) -> list[FieldError]:
    seen: dict[str, int] = {}
    problems = []
    for i, p in enumerate(parties):
        key = p.id_number.strip().upper()
        if not key:
            continue
        if key in seen:
            problems.append(FieldError(f"parties[{i}].id_number",
                                       f"证件号码与第{seen[key] + 1}名当事人重复"))
        seen.setdefault(key, i)
    return problems


def validate_status(value: str) -> list[FieldError]:
    return v.check_choice(value, CaseStatus, "status", "案件状态")
