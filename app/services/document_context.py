"""The plain context a document template reads, built from the case record (typed once)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import cn2an
from sqlmodel import Session, col, select
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric

from app.models import (
    Agent,
    Case,
    CaseEvent,
    Claim,
    Evidence,
    Filing,
    GeneratedDocument,
    MediationAgreement,
    MediationSession,
    Organisation,
    Party,
    PerformanceTerm,
)
from app.models.enums import (
    AgentAuthority,
    AgentType,
    ClaimType,
    EvidenceForm,
    IdType,
    IntakeChannel,
    PartyKind,
    PartyRole,
    RelationshipCategory,
    Sex,
    Stage,
    label,
)
from app.workflow.transitions import state_label


def _label(enum: type, value: str) -> str:
    try:
        return label(enum(value)) if value else ""
    except ValueError:
        return value


def _from_id(p: Party) -> tuple[date | None, str]:
    """Birth date and sex read from an 18-digit resident ID (typed once, used everywhere)."""
    if p.party_type != "person" or len(p.id_number) != 18 or p.id_type not in ("", "resident_id"):
        return None, ""
    try:
        birth = ric.get_birth_date(p.id_number)
    except (ValueError, stdnum_errors.ValidationError):
        return None, ""
    return birth, ("男" if int(p.id_number[16]) % 2 else "女")


def _party(p: Party, agents: list[Agent]) -> dict[str, Any]:
    id_birth, id_sex = _from_id(p)
    return {
        "name": p.name, "role": p.role, "role_label": _label(PartyRole, p.role),
        "is_person": p.party_type == "person", "kind_label": _label(PartyKind, p.kind),
        "sex_label": _label(Sex, p.sex) or id_sex, "birth_date": p.birth_date or id_birth,
        "ethnicity": p.ethnicity,
        "id_type_label": _label(IdType, p.id_type) if p.id_type else "",
        "id_number": p.id_number, "domicile": p.domicile,
        "mailing_address": p.mailing_address, "phone": p.phone, "occupation": p.occupation,
        "workplace": p.workplace, "credit_code": p.credit_code,
        "legal_representative": p.legal_representative,
        "representative_title": p.representative_title,
        "agents": [{"name": a.name, "type_label": _label(AgentType, a.agent_type),
                    "authority": a.authority, "authority_label": _label(AgentAuthority, a.authority),
                    "authority_detail": a.authority_detail, "phone": a.phone,
                    "id_number": a.id_number, "workplace": a.workplace}
                   for a in agents if a.party_id == p.id],
    }


def _count_cn(n: int) -> str:
    return str(cn2an.an2cn(n)) if n > 0 else "零"


def build_context(s: Session, case: Case, today: date) -> dict[str, Any]:
    org = s.get(Organisation, case.organisation_id)
    assert org is not None and case.id is not None
    agents = list(s.exec(select(Agent).where(Agent.case_id == case.id)))
    parties = list(s.exec(select(Party).where(Party.case_id == case.id).order_by(col(Party.seq))))
    by_role: dict[str, list[dict[str, Any]]] = {"applicant": [], "respondent": [], "third_party": []}
    for p in parties:
        by_role.setdefault(p.role, []).append(_party(p, agents))
    claims = [{"seq": c.seq, "type": c.claim_type, "type_label": _label(ClaimType, c.claim_type),
               "text": c.description or _label(ClaimType, c.claim_type), "amount": c.amount,
               "period_start": c.period_start, "period_end": c.period_end}
              for c in s.exec(select(Claim).where(Claim.case_id == case.id).order_by(col(Claim.seq)))]
    evidence = [{"seq": e.seq, "name": e.name, "source": e.source, "proves": e.proves,
                 "pages": e.pages, "form_label": _label(EvidenceForm, e.form),
                 "sha256": e.file_sha256 or ""}
                for e in s.exec(select(Evidence).where(Evidence.case_id == case.id)
                                .order_by(col(Evidence.seq)))]
    sessions = [{"held_at": x.held_at, "held_at_text": f"{x.held_at.year}年{x.held_at.month}月"
                 f"{x.held_at.day}日{x.held_at.hour}时{x.held_at.minute:02d}分",
                 "place": x.place, "mediators": x.mediators, "attendees": x.attendees,
                 "record": x.record, "record_lines": [ln for ln in x.record.splitlines() if ln.strip()],
                 "result": x.result}
                for x in s.exec(select(MediationSession).where(MediationSession.case_id == case.id)
                                .order_by(col(MediationSession.held_at)))]
    agreement = None
    latest = s.exec(select(MediationAgreement).where(MediationAgreement.case_id == case.id)
                    .order_by(col(MediationAgreement.id).desc())).first()
    if latest is not None:
        terms = [{"payer": t.payer, "payee": t.payee, "amount": t.amount, "due_on": t.due_on,
                  "method": t.method, "description": t.description, "performed": t.performed}
                 for t in s.exec(select(PerformanceTerm).where(
                     PerformanceTerm.agreement_id == latest.id).order_by(col(PerformanceTerm.seq)))]
        agreement = {"signed_on": latest.signed_on, "effective_on": latest.effective_on,
                     "facts": latest.facts, "responsibility": latest.responsibility,
                     "content": latest.content, "copies": latest.copies,
                     "copies_cn": _count_cn(latest.copies), "terms": terms,
                     "total": sum((t["amount"] or Decimal(0) for t in terms), Decimal(0))}
    filings = {f.kind: f for f in s.exec(select(Filing).where(Filing.case_id == case.id))}
    city = case.city.removesuffix("市")
    arbitration = filings.get("arbitration")
    court_filing = filings.get("judicial_confirmation") or filings.get("lawsuit") or \
        filings.get("payment_order")
    closed = s.exec(select(CaseEvent.occurred_on).where(
        CaseEvent.case_id == case.id, col(CaseEvent.kind).in_(["case.closed", "case.withdrawn",
                                                               "agreement.performed"]))
        .order_by(col(CaseEvent.occurred_on).desc())).first()
    documents = list(s.exec(select(GeneratedDocument).where(GeneratedDocument.case_id == case.id)
                            .order_by(col(GeneratedDocument.created_at))))
    applicants, respondents = by_role["applicant"], by_role["respondent"]
    return {
        "case": {"case_no": case.case_no, "received_on": case.received_on,
                 "accepted_on": case.accepted_on, "city": case.city, "province": case.province,
                 "district": case.district, "category_label": _label(RelationshipCategory, case.category),
                 "occupation": case.occupation, "platform": case.platform,
                 "summary": case.summary, "facts": case.facts,
                 "intake_channel_label": _label(IntakeChannel, case.intake_channel),
                 "collective": case.collective, "representatives": case.representatives,
                 "stage_label": _label(Stage, case.stage), "state_label": state_label(case.state)},
        "org": {"name": org.name, "address": org.address, "phone": org.phone,
                "short_name": org.short_name},
        "applicants": applicants, "respondents": respondents,
        "third_parties": by_role["third_party"],
        "applicant": applicants[0] if applicants else None,
        "respondent": respondents[0] if respondents else None,
        "respondent_count_cn": _count_cn(max(len(respondents), 1)),
        "claims": claims,
        "claims_total": sum((c["amount"] or Decimal(0) for c in claims), Decimal(0)),
        "evidence": evidence, "witnesses": [],
        "sessions": sessions, "session": sessions[-1] if sessions else None,
        "agreement": agreement,
        "payment_order_amount": agreement["total"] if agreement else None,
        "arbitration_commission": (arbitration.forum if arbitration and arbitration.forum
                                   else f"{city}劳动人事争议仲裁委员会"),
        "court": (court_filing.forum if court_filing and court_filing.forum
                  else f"{city}{case.district}人民法院"),
        "inspection_authority": f"{city}人力资源和社会保障局劳动保障监察机构",
        "mediator_names": "、".join(sorted({x["mediators"] for x in sessions if x["mediators"]})),
        "closed_on": closed,
        "file_items": [{"title": d.kind, "date": d.created_at.date(), "pages": None, "note": ""}
                       for d in documents],
        "legal_basis": [], "refusal_reason": None, "failure_reason": None,
        "documents_served": None, "service_method": None, "award_text": None,
        "legal_aid_request": None, "hardship": None, "retention": None,
        "hardship_exemption": "农民工请求支付劳动报酬，免予核查经济困难状况（《中华人民共和国法律援助法》第四十二条）"
        if any(c["type"] in ("wages", "overtime_pay", "work_injury_medical",
                             "work_injury_benefits") for c in claims) else "",
        "today": today,
    }
