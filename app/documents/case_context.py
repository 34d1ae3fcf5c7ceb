"""CaseData → the plain dict the templates read (one shape for every document kind)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from app.documents.amounts import an2cn
from app.documents.data import (
    AddressData,
    AgentData,
    CaseData,
    ClaimData,
    EvidenceData,
    PartyData,
    ServedData,
    SessionData,
)
from app.documents.elements import claims_of, element_claims, more_context, workers_list
from app.models.enums import (
    ClaimType,
    FilingKind,
    IdType,
    PartyRole,
    RelationshipCategory,
    Stage,
    label,
)

# 法律援助法 art 42(三): migrant workers claiming pay or work-injury compensation skip the check.
EXEMPT_CLAIMS = {ClaimType.WAGES, ClaimType.OVERTIME_PAY, ClaimType.HOLIDAY_PAY,
                 ClaimType.MINIMUM_WAGE_SHORTFALL, ClaimType.WAGE_IOU,
                 ClaimType.WORK_INJURY_MEDICAL, ClaimType.WORK_INJURY_BENEFITS,
                 ClaimType.OCCUPATIONAL_INJURY}
EXEMPTION_TEXT = ("请求支付劳动报酬或者给予工伤赔偿，免予核查经济困难状况"
                  "（《中华人民共和国法律援助法》第四十二条第三项）")


# 《民事案件案由规定》(2020) 第六部分 劳动争议、人事争议: the cause each claim falls under.
CAUSES = {ClaimType.CONFIRM_RELATIONSHIP: "确认劳动关系纠纷", ClaimType.WAGES: "追索劳动报酬纠纷",
          ClaimType.OVERTIME_PAY: "追索劳动报酬纠纷", ClaimType.HOLIDAY_PAY: "追索劳动报酬纠纷",
          ClaimType.MINIMUM_WAGE_SHORTFALL: "追索劳动报酬纠纷", ClaimType.WAGE_IOU: "追索劳动报酬纠纷",
          ClaimType.DEDUCTION_REFUND: "追索劳动报酬纠纷", ClaimType.DOUBLE_WAGES: "劳动合同纠纷",
          ClaimType.DEPOSIT_REFUND: "劳动合同纠纷",
          ClaimType.TERMINATION_DAMAGES: "劳动合同纠纷",
          ClaimType.ECONOMIC_COMPENSATION: "经济补偿金纠纷",
          ClaimType.WORK_INJURY_MEDICAL: "工伤保险待遇纠纷",
          ClaimType.WORK_INJURY_BENEFITS: "工伤保险待遇纠纷", ClaimType.SOCIAL_INSURANCE: "社会保险纠纷"}


CAUSE_NAMES = {*CAUSES.values(), "劳动争议", "劳务派遣合同纠纷", "非全日制用工纠纷", "竞业限制纠纷",
               "集体合同纠纷", "福利待遇纠纷", "养老保险待遇纠纷", "医疗保险待遇纠纷",
               "失业保险待遇纠纷", "生育保险待遇纠纷", "劳务合同纠纷"}


def cause_of_action(data: CaseData) -> str:
    """案由: the summary when the clerk wrote a cause of the list there, else the one the
    claims fall under (one cause: that one; several: 劳动争议), 劳务合同纠纷 for a civil
    relationship (③)."""
    summary = data.summary.strip()
    if summary in CAUSE_NAMES:
        return summary
    if data.category == RelationshipCategory.CIVIL:
        return "劳务合同纠纷"
    causes = {CAUSES.get(c.type, "劳动争议") for c in data.claims}
    return causes.pop() if len(causes) == 1 else "劳动争议"


# The procedure a power of attorney is given for, by the case's stage, and who conducts it.
PROCEDURES = {Stage.ARBITRATION_REVIEW: ("仲裁审查", "commission"),
              Stage.ARBITRATION: ("仲裁", "commission"), Stage.COURT: ("诉讼", "court"),
              Stage.JUDICIAL_CONFIRMATION: ("司法确认", "court"),
              Stage.PAYMENT_ORDER: ("支付令申请", "court"), Stage.ENFORCEMENT: ("执行", "court")}


def procedure(stage: Stage, org: str, commission: str, court: str) -> dict[str, str]:
    """调解 before the organisation, 仲裁 before the commission, 诉讼 before the court…"""
    name, body = PROCEDURES.get(stage, ("调解", "org"))
    return {"name": name, "body": {"commission": commission, "court": court}.get(body, org)}


def _lbl(member: StrEnum | None) -> str:
    return label(member) if member is not None else ""


def count_cn(n: int) -> str:
    """3 → 三: counts of copies are written in Chinese numerals."""
    return an2cn(n) if n > 0 else "零"


def datetime_cn(value: datetime) -> str:
    return f"{value.year}年{value.month}月{value.day}日{value.hour}时{value.minute:02d}分"


def agent_dict(a: AgentData) -> dict[str, Any]:
    return {"name": a.name, "type_label": _lbl(a.type), "authority": str(a.authority),
            "authority_label": _lbl(a.authority), "authority_detail": a.authority_detail,
            "phone": a.phone, "id_number": a.id_number, "workplace": a.workplace}


def party_dict(p: PartyData) -> dict[str, Any]:
    return {
        "name": p.name, "role": str(p.role), "role_label": _lbl(p.role),
        "is_person": p.is_person, "kind_label": _lbl(p.kind),
        "sex_label": _lbl(p.sex), "birth_date": p.birth_date, "ethnicity": p.ethnicity,
        # A resident ID is the usual case; the label still names any other document.
        "id_type_label": _lbl(p.id_type or IdType.RESIDENT_ID) if p.is_person else "",
        "id_number": p.id_number, "domicile": p.domicile,
        "mailing_address": p.mailing_address, "phone": p.phone, "occupation": p.occupation,
        "workplace": p.workplace, "credit_code": p.credit_code,
        "legal_representative": p.legal_representative,
        "representative_title": p.representative_title,
        "agents": [agent_dict(a) for a in p.agents],
    }


def sign_label(p: dict[str, Any]) -> str:
    """Where a party signs: a person signs and presses a fingerprint; an organisation seals and
    its legal representative signs."""
    if p["is_person"]:
        return f"{p['name']}（签名、捺印）"
    return f"{p['name']}（盖章）　法定代表人或主要负责人（签名）"


def _number(parties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """一、二、三… within the role, so several respondents read 被申请人一、被申请人二."""
    for i, p in enumerate(parties, start=1):
        p["number_cn"] = count_cn(i) if len(parties) > 1 else ""
        p["sign_label"] = sign_label(p)
    return parties


def joint_parties(parties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every party of a joint application (仲裁审查、司法确认) as 申请人一、申请人二…, each with
    its own entry and signature place."""
    return [{**p, "joint_label": f"申请人{count_cn(i)}"} for i, p in enumerate(parties, start=1)]


def debtors(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The respondents who owe money under terms of the agreement not yet performed, each with
    what it owes (民诉法 arts 225-227: a payment order names its debtor and the sum)."""
    agreement = context.get("agreement")
    if not agreement:
        return []
    out = []
    for r in context["respondents"]:
        terms = [t for t in agreement["terms"] if t["payer"] == r["name"]
                 and not t["performed"] and t["amount"]]
        if terms:
            out.append({"party": r, "terms": terms,
                        "amount": sum((t["amount"] for t in terms), Decimal(0))})
    return out


def _claim(c: ClaimData) -> dict[str, Any]:
    return {"seq": c.seq, "type": str(c.type), "type_label": _lbl(c.type),
            "text": c.text or _lbl(c.type), "amount": c.amount,
            "period_start": c.period_start, "period_end": c.period_end,
            "claimant": c.claimant}


def cell(text: str) -> str:
    """Text printed in a table cell: "|" separates cells in the templates, so it prints as ／."""
    return text.replace("|", "／") if text else text


def _evidence(e: EvidenceData) -> dict[str, Any]:
    return {"seq": e.seq, "name": cell(e.name), "source": cell(e.source), "proves": cell(e.proves),
            "pages": e.pages, "form_label": _lbl(e.form), "sha256": e.sha256}


def _session(x: SessionData) -> dict[str, Any]:
    lines = [f"{speaker}：{text}" if speaker else text for speaker, text in x.statements]
    return {"held_at": x.held_at, "held_at_text": datetime_cn(x.held_at), "place": x.place,
            "mediators": "、".join(x.mediators), "attendees": "、".join(x.attendees),
            "record": "\n".join(lines), "record_lines": lines, "result": x.result,
            "recorder": x.recorder}


def _forums(data: CaseData) -> tuple[str, str, str]:
    # Official names keep the 市: 绍兴市劳动人事争议仲裁委员会, 绍兴市越城区人民法院 (defaults only:
    # a filing's own forum wins).
    city = data.city
    arbitration = data.filing(FilingKind.ARBITRATION)
    commission = data.arbitration_commission or (arbitration.forum if arbitration else "") or (
        f"{city}劳动人事争议仲裁委员会" if city else "")
    court_filing = next((f for k in (FilingKind.JUDICIAL_CONFIRMATION, FilingKind.LAWSUIT,
                                     FilingKind.PAYMENT_ORDER)
                         if (f := data.filing(k)) is not None and f.forum), None)
    # Without a district there is no basic court to name (never "绍兴市人民法院").
    court = data.court or (court_filing.forum if court_filing else "") or (
        f"{city}{data.district}人民法院" if city and data.district else "")
    inspection = data.inspection_authority or (
        f"{city}人力资源和社会保障局劳动保障监察机构" if city else "")
    return commission, court, inspection


def _agreement(data: CaseData) -> dict[str, Any] | None:
    a = data.agreement
    if a is None:
        return None
    terms = [{"payer": t.payer, "payee": t.payee, "amount": t.amount, "due_on": t.due_date,
              "method": t.method, "description": t.text, "performed": t.performed}
             for t in a.terms]
    applicants = len(data.applicants)
    respondents = len(data.respondents)
    copies = a.copies or applicants + respondents + 1  # one per party plus the organisation's
    return {"signed_on": a.signed_on, "effective_on": a.effective_on or a.signed_on,
            "facts": a.facts,
            "responsibility": a.responsibility, "content": a.content, "copies": copies,
            "copies_cn": count_cn(copies), "terms": terms,
            "total": sum((t.amount or Decimal(0) for t in a.terms), Decimal(0))}


def _served(x: ServedData) -> dict[str, Any]:
    return {"party": x.party, "document": cell(x.document), "method": cell(x.method),
            "served_on": x.served_on, "deemed_on": x.deemed_on, "tracking_no": cell(x.tracking_no),
            "address": cell(x.address), "server": cell(x.server), "signed_by": cell(x.signed_by),
            "note": cell(x.note)}


def _address(a: AddressData) -> dict[str, Any]:
    return {"party": a.party, "address": a.address, "recipient": a.recipient, "phone": a.phone,
            "email": a.email, "electronic_consent": a.electronic_consent,
            "confirmed_on": a.confirmed_on}


def build_context(data: CaseData, *, applicant: PartyData | None = None,
                  respondent: PartyData | None = None,
                  claimant: int | None = None) -> dict[str, Any]:
    """The template context; `applicant` / `respondent` pick the pair a per-party document uses.

    The claims are the chosen applicant's own (`claimant`, its index among the applicants,
    or found from `applicant`) plus those of every applicant: in a collective dispute each
    worker's application asks only what that worker claims.
    """
    applicants = _number([party_dict(p) for p in data.applicants])
    respondents = _number([party_dict(p) for p in data.respondents])
    third_parties = _number([party_dict(p) for p in data.by_role(PartyRole.THIRD_PARTY)])
    every_claim = [_claim(c) for c in data.claims]
    if claimant is None and applicant is not None and applicant in data.applicants:
        claimant = data.applicants.index(applicant)
    claims = claims_of(every_claim, claimant)
    sessions = [_session(x) for x in data.sessions]
    agreement = _agreement(data)
    commission, court, inspection = _forums(data)
    service = data.service
    aid = data.legal_aid
    exempt = any(c.type in EXEMPT_CLAIMS for c in data.claims)
    mediators = [m for x in data.sessions for m in x.mediators]
    context: dict[str, Any] = {
        "case": {"case_no": data.case_no, "received_on": data.received_on,
                 "accepted_on": data.accepted_on, "city": data.city, "province": data.province,
                 "district": data.district, "category_label": _lbl(data.category),
                 "occupation": data.occupation, "platform": data.platform,
                 "cause": cause_of_action(data),
                 "summary": data.summary, "facts": data.facts_and_reasons,
                 "intake_channel_label": _lbl(data.intake_channel),
                 "collective": data.collective,
                 "representatives": "、".join(data.representatives),
                 "stage_label": _lbl(data.stage), "state_label": data.closing_method,
                 "closing_method": data.closing_method},
        "org": {"name": data.org.name, "address": data.org.address, "phone": data.org.phone,
                "short_name": data.org.short_name,
                "seal_name": data.org.seal_name or data.org.name},
        "applicants": applicants, "respondents": respondents,
        "third_parties": third_parties,
        "joint_parties": joint_parties(applicants + respondents + third_parties),
        "applicant": _picked(applicant, applicants),
        "respondent": _picked(respondent, respondents),
        "respondent_count_cn": count_cn(max(len(respondents), 1)),
        "claims": claims,
        "claims_total": sum((c["amount"] or Decimal(0) for c in claims), Decimal(0)),
        "element_claims": element_claims(claims),
        "evidence": [_evidence(e) for e in data.evidence],
        "witnesses": [{"name": w.name, "address": w.address, "phone": w.phone,
                       "proves": w.proves} for w in data.witnesses],
        "service_records": [_served(x) for x in data.served],
        "service_addresses": {a.party: _address(a) for a in data.service_addresses},
        # Set per party served (api.jobs): that party's records on its 送达回证.
        "service_rows": [], "service_address": None,
        "sessions": sessions, "session": sessions[-1] if sessions else None,
        "agreement": agreement,
        # Set per debtor (api.jobs): a payment order asks only what that debtor owes.
        "payment_order_amount": None, "debtor_terms": [],
        "arbitration_commission": commission, "court": court,
        "procedure": procedure(data.stage, data.org.name, commission, court),
        "inspection_authority": inspection,
        "mediator_names": "、".join(dict.fromkeys(mediators)),
        "closed_on": data.closed_on,
        "file_items": [{"title": i.title, "date": i.date, "pages": i.pages, "note": i.note}
                       for i in data.file_items],
        "deadlines": [{"rule_id": d.rule_id, "label": d.label, "due_on": d.due_on}
                      for d in data.deadlines],
        "legal_basis": list(data.legal_basis),
        "refusal_reason": data.refusal_reason or None,
        "failure_reason": data.termination_reason or None,
        "documents_served": "、".join(service.documents) if service and service.documents
        else None,
        "service_method": service.method if service else None,
        "served_on": service.served_on if service else None,
        "server": service.server if service else "",
        "award_text": data.award_text or None,
        "legal_aid_request": aid.request if aid and aid.request else None,
        "hardship": aid.hardship if aid and aid.hardship else None,
        "hardship_exemption": (aid.exemption if aid and aid.exemption else "")
        or (EXEMPTION_TEXT if exempt else ""),
        "retention": data.retention or None,
        "today": data.today,
    }
    context.update({k: v for k, v in more_context(data, court).items() if k not in context})
    context.update(workers_list(applicants, every_claim, list(data.representatives)))
    context.update(data.extra)
    return context


def _picked(chosen: PartyData | None, numbered: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The party a per-party document is written for, with its number among its role."""
    if chosen is None:
        return (numbered or [None])[0]
    mine = party_dict(chosen)
    return next((p for p in numbered if {k: p[k] for k in mine} == mine), mine)


def debtor_context(context: dict[str, Any], debtor: dict[str, Any]) -> dict[str, Any]:
    """The context of one payment-order application: against that debtor, for what it owes."""
    return {**context, "respondent": debtor["party"], "payment_order_amount": debtor["amount"],
            "debtor_terms": debtor["terms"]}


def served_context(context: dict[str, Any], party: dict[str, Any]) -> dict[str, Any]:
    """The context of one 送达回证: the party served and every record of service on it."""
    rows = [r for r in context["service_records"] if r["party"] == party["name"]]
    confirmed = context["service_addresses"].get(party["name"])
    address = next((r["address"] for r in reversed(rows) if r["address"]), "") or (
        confirmed["address"] if confirmed and confirmed["address"] else "") or (
        party["mailing_address"] or party["domicile"])
    last = rows[-1] if rows else None
    return {**context, "respondent": {**party, "mailing_address": address},
            "service_rows": rows,
            "documents_served": "、".join(dict.fromkeys(r["document"] for r in rows)) or None,
            "service_method": "、".join(dict.fromkeys(r["method"] for r in rows)) or None,
            "served_on": last["served_on"] if last else None,
            "server": "、".join(dict.fromkeys(r["server"] for r in rows if r["server"]))}


def address_context(context: dict[str, Any], party: dict[str, Any]) -> dict[str, Any]:
    """The context of one 送达地址确认书: the party and its confirmed address (or none yet)."""
    return {**context, "party": party,
            "service_address": context["service_addresses"].get(party["name"])}


def agent_context(context: dict[str, Any], data: CaseData, principal: PartyData,
                  agent: AgentData) -> dict[str, Any]:
    """The context of one power of attorney: who gives it, to whom, against whom."""
    other = data.respondents if principal.role == PartyRole.APPLICANT else data.applicants
    return {**context, "principal": party_dict(principal), "agent": agent_dict(agent),
            "counterparty": "、".join(p.name for p in other) or "对方当事人"}
