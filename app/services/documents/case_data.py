"""The case record read as the CaseData snapshot every document is made from.

The templates get their context from one builder, `app.documents.case_context.build_context`;
this module only translates the stored rows into that snapshot, so the document tests (which
build snapshots by hand) and the program (which reads them from the database) share one path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from sqlmodel import Session, col, select
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric

from app.documents.data import (
    AddressData,
    AgentData,
    AgreementData,
    CaseData,
    ClaimData,
    EvidenceData,
    FileItemData,
    FilingData,
    OrganisationData,
    PartyData,
    ServedData,
    SessionData,
    TermData,
    WitnessData,
)
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
    ServiceAddress,
    ServiceRecord,
    Witness,
)
from app.models.enums import (
    AgentAuthority,
    AgentType,
    ClaimType,
    EvidenceForm,
    FilingKind,
    FilingStatus,
    IdType,
    IntakeChannel,
    OrgKind,
    PartyKind,
    PartyRole,
    PartyType,
    RelationshipCategory,
    ServiceMethod,
    Sex,
    Stage,
    label,
)

E = TypeVar("E", bound=StrEnum)
NAMES = re.compile(r"[、，,；;]\s*")
# The events that end a case's handling, for the 卷宗封面's 结案日期.
CLOSING_EVENTS = ("case.closed", "case.withdrawn", "agreement.performed")


def _enum(kind: type[E], value: str, default: E) -> E:
    """A stored choice as its enum; an empty or retired value falls back instead of failing."""
    try:
        return kind(value) if value else default
    except ValueError:
        return default


def _names(text: str) -> tuple[str, ...]:
    """"孙丽华、钱卫东" as the names it lists (sessions keep them as one line of text)."""
    return tuple(n for n in NAMES.split(text.strip()) if n)


def _from_id(p: Party) -> tuple[date | None, Sex | None]:
    """Birth date and sex read from an 18-digit resident ID when the record leaves them empty."""
    if p.party_type != "person" or len(p.id_number) != 18 or p.id_type not in ("", "resident_id"):
        return None, None
    try:
        birth = ric.get_birth_date(p.id_number)
    except (ValueError, stdnum_errors.ValidationError):
        return None, None
    return birth, (Sex.MALE if int(p.id_number[16]) % 2 else Sex.FEMALE)


def _agent(a: Agent) -> AgentData:
    return AgentData(a.name, _enum(AgentType, a.agent_type, AgentType.CLOSE_RELATIVE),
                     _enum(AgentAuthority, a.authority, AgentAuthority.GENERAL),
                     a.authority_detail, a.phone, a.id_number, a.workplace)


def _party(p: Party, agents: Sequence[Agent]) -> PartyData:
    id_birth, id_sex = _from_id(p)
    return PartyData(
        role=_enum(PartyRole, p.role, PartyRole.APPLICANT), name=p.name,
        type=_enum(PartyType, p.party_type, PartyType.PERSON),
        kind=_enum(PartyKind, p.kind, PartyKind.WORKER),
        sex=_enum(Sex, p.sex, id_sex) if p.sex else id_sex,  # type: ignore[arg-type]
        birth_date=p.birth_date or id_birth, ethnicity=p.ethnicity,
        id_type=_enum(IdType, p.id_type, IdType.RESIDENT_ID) if p.id_type else None,
        id_number=p.id_number, domicile=p.domicile, mailing_address=p.mailing_address,
        phone=p.phone, occupation=p.occupation, workplace=p.workplace,
        credit_code=p.credit_code, legal_representative=p.legal_representative,
        representative_title=p.representative_title,
        agents=tuple(_agent(a) for a in agents if a.party_id == p.id))


def _agreement(s: Session, case_id: int) -> AgreementData | None:
    latest = s.exec(select(MediationAgreement).where(  # a voided (作废) one is no basis
        MediationAgreement.case_id == case_id, col(MediationAgreement.withdrawn_on).is_(None))
        .order_by(col(MediationAgreement.id).desc())).first()
    if latest is None:
        return None
    terms = s.exec(select(PerformanceTerm).where(PerformanceTerm.agreement_id == latest.id)
                   .order_by(col(PerformanceTerm.seq)))
    return AgreementData(
        signed_on=latest.signed_on, effective_on=latest.effective_on, facts=latest.facts,
        responsibility=latest.responsibility, content=latest.content, copies=latest.copies,
        terms=tuple(TermData(t.payer, t.payee, t.amount, t.due_on, t.method, t.description,
                             t.performed) for t in terms))


def closing_method(status: str, kinds: set[str]) -> str:
    """How the case ended (卷宗封面 结案方式): a way of closing, not a workflow state; empty while
    the case is still being handled."""
    if status == "withdrawn":
        return "撤回"
    if status == "refused" or "mediation.refused" in kinds:
        return "不予受理"
    if status != "closed":
        return ""
    if "agreement.signed" in kinds:
        return "调解成功" + ("（已履行）" if "agreement.performed" in kinds else "")
    if "mediation.failed" in kinds:
        return "调解不成"
    return "结案"


NUMBERED = re.compile(r"^\d+-")  # a stage pack numbers its files: 03-…pdf is …pdf


def file_items(documents: Sequence[GeneratedDocument],
               names: Mapping[str, str]) -> tuple[FileItemData, ...]:
    """卷内目录: each archived document once (its PDF and Word copies, or a pack's numbered
    copy, are one document), the last issue of it, in file order (the order of `names`, the
    kinds from the application to the archive, then by date), with its page range counted
    from the PDFs' pages. Drafts, voided documents (作废), the cover and the index itself are
    not listed."""
    latest: dict[str, GeneratedDocument] = {}
    pages: dict[str, int] = {}
    for d in sorted(documents, key=lambda d: d.created_at):
        if d.draft or d.withdrawn_on is not None or d.kind in ("file_cover", "file_index"):
            continue  # a draft, or a voided document (作废), is not part of the file
        key = NUMBERED.sub("", d.file_name.rsplit(".", 1)[0])
        latest[key] = d
        if d.file_format == "pdf" and d.pages:
            pages[key] = d.pages
    rank = {kind: i for i, kind in enumerate(names)}
    ordered = sorted(latest.items(), key=lambda kv: (rank.get(kv[1].kind, len(rank)),
                                                     kv[1].created_at))
    out = []
    first = 1
    for key, d in ordered:
        count = pages.get(key)
        span = "" if count is None else (str(first) if count == 1 else
                                         f"{first}-{first + count - 1}")
        if count is not None:
            first += count
        out.append(FileItemData(names.get(d.kind, d.kind), d.created_at.date(), span))
    return tuple(out)


def _served(records: Sequence[ServiceRecord], names: Mapping[int | None, str]
            ) -> tuple[ServedData, ...]:
    out = []
    for r in sorted(records, key=lambda r: (r.served_on, r.seq)):
        method = _enum(ServiceMethod, r.method, ServiceMethod.DIRECT)
        how = label(method) + (f"（{r.tracking_no}）" if r.tracking_no else "")
        deemed = r.served_on + timedelta(days=30) if method == ServiceMethod.PUBLIC_NOTICE \
            else r.served_on
        out.append(ServedData(names.get(r.party_id, ""), r.document, how, r.served_on, deemed,
                              r.tracking_no, r.address, r.server, r.signed_by, r.note))
    return tuple(out)


def load_case_data(s: Session, case: Case, today: date, *,
                   titles: Mapping[str, str] | None = None,
                   legal_basis: Sequence[str] = (),
                   extra: Mapping[str, object] | None = None) -> CaseData:
    """The snapshot of one stored case; `titles` names generated documents in the 卷内目录."""
    assert case.id is not None
    org = s.get(Organisation, case.organisation_id)
    assert org is not None
    rows: Callable[[type], list] = lambda model: list(s.exec(  # noqa: E731
        select(model).where(model.case_id == case.id)))
    agents = rows(Agent)
    parties = sorted(rows(Party), key=lambda p: p.seq)
    claims = sorted(rows(Claim), key=lambda c: c.seq)
    evidence = sorted(rows(Evidence), key=lambda e: e.seq)
    sessions = sorted(rows(MediationSession), key=lambda x: x.held_at)
    filings = sorted((f for f in rows(Filing) if f.withdrawn_on is None),  # 撤回: not pending
                     key=lambda f: f.id or 0)
    documents = sorted(rows(GeneratedDocument), key=lambda d: d.created_at)
    party_names: dict[int | None, str] = {p.id: p.name for p in parties}
    witnesses = sorted(rows(Witness), key=lambda w: w.seq)
    kinds = set(s.exec(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)))
    closed_on = s.exec(select(CaseEvent.occurred_on).where(
        CaseEvent.case_id == case.id, col(CaseEvent.kind).in_(CLOSING_EVENTS))
        .order_by(col(CaseEvent.occurred_on).desc())).first()
    names = titles or {}
    # A claim stored against one worker belongs to that worker's own application.
    claimants = {p.id: i for i, p in enumerate(p for p in parties if p.role == "applicant")}
    return CaseData(
        case_no=case.case_no,
        org=OrganisationData(org.name, _enum(OrgKind, org.kind, OrgKind.ENTERPRISE_COMMITTEE),
                             org.address, org.phone, short_name=org.short_name),
        received_on=case.received_on, today=today,
        intake_channel=_enum(IntakeChannel, case.intake_channel, IntakeChannel.WRITTEN),
        accepted_on=case.accepted_on, province=case.province, city=case.city,
        district=case.district,
        category=_enum(RelationshipCategory, case.category, RelationshipCategory.UNDETERMINED),
        stage=_enum(Stage, case.stage, Stage.INTAKE), occupation=case.occupation,
        platform=case.platform, summary=case.summary, collective=case.collective,
        representatives=_names(case.representatives), facts_and_reasons=case.facts,
        parties=tuple(_party(p, agents) for p in parties),
        claims=tuple(ClaimData(c.seq, _enum(ClaimType, c.claim_type, ClaimType.OTHER),
                               c.description, c.amount, c.period_start, c.period_end,
                               claimant=claimants.get(c.party_id) if c.party_id else None)
                     for c in claims),
        evidence=tuple(EvidenceData(e.seq, e.name, e.source, e.proves, e.pages,
                                    _enum(EvidenceForm, e.form, EvidenceForm.COPY),
                                    e.file_sha256 or "") for e in evidence),
        sessions=tuple(SessionData(x.held_at, x.place, _names(x.mediators), _names(x.attendees),
                                   tuple(("", ln) for ln in x.record.splitlines() if ln.strip()),
                                   x.result) for x in sessions),
        witnesses=tuple(WitnessData(w.name, w.address, w.phone, w.proves) for w in witnesses),
        served=_served(rows(ServiceRecord), party_names),
        service_addresses=tuple(
            AddressData(party_names.get(a.party_id, ""), a.address, a.recipient, a.phone,
                        a.email, a.electronic_consent, a.confirmed_on)
            for a in sorted(rows(ServiceAddress), key=lambda a: a.id or 0)),
        agreement=_agreement(s, case.id),
        filings=tuple(FilingData(_enum(FilingKind, f.kind, FilingKind.ARBITRATION), f.forum,
                                 f.filed_on, f.external_no,
                                 _enum(FilingStatus, f.status, FilingStatus.DRAFT), f.result)
                      for f in filings),
        legal_basis=tuple(legal_basis),
        closed_on=closed_on,
        closing_method=closing_method(case.status, kinds),
        file_items=file_items(documents, names),
        extra=dict(extra or {}),
    )
