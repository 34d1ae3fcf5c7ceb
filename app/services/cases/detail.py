"""One case read in full for the case view (案件详情): plain frozen data, no ORM objects."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session, col, func, select

from app.errors import NotFound
from app.models import (
    Agent,
    Case,
    CaseEvent,
    Claim,
    Evidence,
    Filing,
    MediationAgreement,
    MediationSession,
    Mediator,
    Organisation,
    Party,
    PerformanceTerm,
    StoredFile,
)
from app.models.enums import CaseStatus
from app.services.context import ServiceContext
from app.services.security.file_store import FileStore
from app.workflow.transitions import BY_EVENT, EVENT_RECORDS, state_label

# Timeline kinds not produced by a workflow transition.
EXTRA_EVENT_LABELS = {"application.received": "收到调解申请", "mediation.accepted": "受理调解申请"}


def event_label(kind: str) -> str:
    """The Chinese name of a timeline entry (the transition that records it, if any)."""
    if kind in EXTRA_EVENT_LABELS:
        return EXTRA_EVENT_LABELS[kind]
    for event, kinds in EVENT_RECORDS.items():
        if kind in kinds and event in BY_EVENT:
            return BY_EVENT[event].label
    return BY_EVENT[kind].label if kind in BY_EVENT else kind


@dataclass(frozen=True)
class PartyView:
    id: int
    seq: int
    role: str
    party_type: str
    kind: str
    name: str
    sex: str
    birth_date: date | None
    ethnicity: str
    id_type: str
    id_number: str
    domicile: str
    mailing_address: str
    phone: str
    occupation: str
    workplace: str
    credit_code: str
    legal_representative: str
    representative_title: str


@dataclass(frozen=True)
class ClaimView:
    seq: int
    claim_type: str
    description: str
    amount: Decimal | None
    period_start: date | None
    period_end: date | None
    party_name: str


@dataclass(frozen=True)
class AgentView:
    """A party's agent (委托代理人)."""

    id: int
    party_seq: int
    party_name: str
    name: str
    agent_type: str
    authority: str
    authority_detail: str
    phone: str
    id_number: str
    workplace: str


@dataclass(frozen=True)
class EvidenceView:
    id: int
    seq: int
    name: str
    source: str
    proves: str
    pages: int | None
    form: str
    received_on: date | None
    file_sha256: str | None
    file_name: str
    file_size: int | None


@dataclass(frozen=True)
class SessionView:
    id: int
    held_at: datetime
    place: str
    mediators: str
    attendees: str
    record: str
    result: str


@dataclass(frozen=True)
class TermView:
    seq: int
    payer: str
    payee: str
    amount: Decimal | None
    due_on: date | None
    method: str
    description: str
    performed: bool
    performed_on: date | None


@dataclass(frozen=True)
class AgreementView:
    id: int
    signed_on: date
    effective_on: date | None
    facts: str
    responsibility: str
    content: str
    copies: int
    terms: tuple[TermView, ...]
    withdrawn_on: date | None = None  # voided (作废): kept, shown struck
    withdrawn_reason: str = ""

    @property
    def performed(self) -> bool:
        return bool(self.terms) and all(t.performed for t in self.terms)


@dataclass(frozen=True)
class FilingView:
    id: int
    kind: str
    forum: str
    filed_on: date | None
    accepted_on: date | None
    decided_on: date | None
    external_no: str
    status: str
    result: str
    withdrawn_on: date | None = None  # withdrawn (撤回): kept, shown struck
    withdrawn_reason: str = ""


@dataclass(frozen=True)
class EventView:
    id: int
    kind: str
    label: str
    occurred_on: date
    note: str
    created_by: str
    step: str = ""      # the workflow step it belongs to (one act shows once)
    withdrawn: str = ""  # the record of the act was withdrawn or voided: why


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case view shows, read in one session."""

    id: int
    case_no: str
    organisation: str
    intake_channel: str
    received_on: date
    accepted_on: date | None
    province: str
    city: str
    district: str
    category: str
    category_reason: str
    occupation: str
    platform: str
    collective: bool
    representatives: str
    stage: str
    state: str
    state_label: str
    status: str
    summary: str
    facts: str
    version: int
    parties: tuple[PartyView, ...]
    mediator_id: int | None
    mediator: str
    claims: tuple[ClaimView, ...]
    evidence: tuple[EvidenceView, ...]
    sessions: tuple[SessionView, ...]
    agreements: tuple[AgreementView, ...]
    filings: tuple[FilingView, ...]
    events: tuple[EventView, ...]
    agents: tuple[AgentView, ...] = ()

    @property
    def claim_total(self) -> Decimal:
        return sum((c.amount for c in self.claims if c.amount is not None), Decimal("0.00"))


@dataclass(frozen=True)
class FilterChoices:
    """Values present in the database for the case list's free-text filters."""

    cities: tuple[str, ...]
    occupations: tuple[str, ...]
    platforms: tuple[str, ...]


def _party(p: Party) -> PartyView:
    return PartyView(p.id or 0, p.seq, p.role, p.party_type, p.kind, p.name, p.sex, p.birth_date,
                     p.ethnicity, p.id_type, p.id_number, p.domicile, p.mailing_address, p.phone,
                     p.occupation, p.workplace, p.credit_code, p.legal_representative,
                     p.representative_title)


class CaseDetailService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.files = FileStore(ctx.config.files_dir)

    def detail(self, case_no: str) -> CaseDetail:
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None or case.id is None:
                raise NotFound(f"找不到案号为“{case_no}”的案件，请核对案号")
            org = s.get(Organisation, case.organisation_id)
            mediator = s.get(Mediator, case.mediator_id) if case.mediator_id else None
            parties = [_party(p) for p in s.exec(select(Party).where(Party.case_id == case.id)
                                                 .order_by(col(Party.seq)))]
            return CaseDetail(
                id=case.id, case_no=case.case_no, organisation=org.name if org else "",
                intake_channel=case.intake_channel, received_on=case.received_on,
                accepted_on=case.accepted_on, province=case.province, city=case.city,
                district=case.district, category=case.category,
                category_reason=case.category_reason, occupation=case.occupation,
                platform=case.platform, collective=case.collective,
                representatives=case.representatives, stage=case.stage, state=case.state,
                state_label=state_label(case.state), status=case.status, summary=case.summary,
                facts=case.facts, version=case.version, parties=tuple(parties),
                mediator_id=case.mediator_id, mediator=mediator.name if mediator else "",
                claims=self._claims(s, case.id, parties), evidence=self._evidence(s, case.id),
                sessions=tuple(SessionView(m.id or 0, m.held_at, m.place, m.mediators,
                                           m.attendees, m.record, m.result)
                               for m in s.exec(select(MediationSession)
                                               .where(MediationSession.case_id == case.id)
                                               .order_by(col(MediationSession.held_at)))),
                agreements=(agreements := self._agreements(s, case.id)),
                filings=(filings := tuple(
                    FilingView(f.id or 0, f.kind, f.forum, f.filed_on, f.accepted_on,
                               f.decided_on, f.external_no, f.status, f.result, f.withdrawn_on,
                               f.withdrawn_reason)
                    for f in s.exec(select(Filing).where(Filing.case_id == case.id)
                                    .order_by(col(Filing.id))))),
                events=self._events(s, case.id, agreements, filings),
                agents=self._agents(s, case.id, parties),
            )

    @staticmethod
    def _claims(s: Session, case_id: int, parties: list[PartyView]) -> tuple[ClaimView, ...]:
        names = {p.id: p.name for p in parties}
        rows = s.exec(select(Claim).where(Claim.case_id == case_id).order_by(col(Claim.seq)))
        return tuple(ClaimView(c.seq, c.claim_type, c.description, c.amount, c.period_start,
                               c.period_end, names.get(c.party_id or 0, "")) for c in rows)

    @staticmethod
    def _agents(s: Session, case_id: int, parties: list[PartyView]) -> tuple[AgentView, ...]:
        by_id = {p.id: p for p in parties}
        rows = s.exec(select(Agent).where(Agent.case_id == case_id).order_by(col(Agent.id)))
        return tuple(AgentView(a.id or 0, by_id[a.party_id].seq if a.party_id in by_id else 0,
                               by_id[a.party_id].name if a.party_id in by_id else "", a.name,
                               a.agent_type, a.authority, a.authority_detail, a.phone,
                               a.id_number, a.workplace) for a in rows)

    @staticmethod
    def _evidence(s: Session, case_id: int) -> tuple[EvidenceView, ...]:
        rows = s.exec(select(Evidence, StoredFile)
                      .join(StoredFile, col(StoredFile.sha256) == col(Evidence.file_sha256),
                            isouter=True)
                      .where(Evidence.case_id == case_id).order_by(col(Evidence.seq)))
        return tuple(EvidenceView(e.id or 0, e.seq, e.name, e.source, e.proves, e.pages, e.form,
                                  e.received_on, e.file_sha256,
                                  f.original_name if f else "", f.size if f else None)
                     for e, f in rows)

    @staticmethod
    def _agreements(s: Session, case_id: int) -> tuple[AgreementView, ...]:
        agreements = list(s.exec(select(MediationAgreement)
                                 .where(MediationAgreement.case_id == case_id)
                                 .order_by(col(MediationAgreement.signed_on))))
        terms: dict[int, list[TermView]] = defaultdict(list)
        ids = [a.id for a in agreements]
        if ids:
            query = (select(PerformanceTerm).where(col(PerformanceTerm.agreement_id).in_(ids))
                     .order_by(col(PerformanceTerm.seq)))
            for t in s.exec(query):
                terms[t.agreement_id].append(TermView(t.seq, t.payer, t.payee, t.amount, t.due_on,
                                                      t.method, t.description, t.performed,
                                                      t.performed_on))
        return tuple(AgreementView(a.id or 0, a.signed_on, a.effective_on, a.facts,
                                   a.responsibility, a.content, a.copies,
                                   tuple(terms[a.id or 0]), a.withdrawn_on, a.withdrawn_reason)
                     for a in agreements)

    @staticmethod
    def _events(s: Session, case_id: int, agreements: tuple[AgreementView, ...],
                filings: tuple[FilingView, ...]) -> tuple[EventView, ...]:
        """The timeline, each act once: the rows one workflow step recorded (签订调解协议
        records 签订 and 生效) show as the step, labelled when its record was withdrawn."""
        voided = {("agreement_id", a.id): f"已作废：{a.withdrawn_reason}"
                  for a in agreements if a.withdrawn_on}
        voided |= {("filing_id", f.id): f"已撤回：{f.withdrawn_reason}"
                   for f in filings if f.withdrawn_on}
        seen: set[str] = set()
        out = []
        for e in s.exec(select(CaseEvent).where(CaseEvent.case_id == case_id)
                        .order_by(col(CaseEvent.occurred_on), col(CaseEvent.id))):
            data = e.data or {}
            marker = data.get("step") if isinstance(data.get("step"), dict) else {}
            step = str(marker.get("id") or "")
            if step and step in seen:
                continue
            seen.add(step)
            event = str(marker.get("event") or "")
            label = BY_EVENT[event].label if event in BY_EVENT else event_label(e.kind)
            withdrawn = next((why for key in ("agreement_id", "filing_id")
                              if (why := voided.get((key, data.get(key))))), "")
            out.append(EventView(e.id or 0, e.kind, label, e.occurred_on, e.note, e.created_by,
                                 step, withdrawn))
        return tuple(out)

    def evidence_bytes(self, sha256: str) -> bytes:
        """An evidence file's content, refused (StorageError) if it no longer matches its hash."""
        return self.files.read_verified(sha256)

    # --- across cases (workbench, list filters) --------------------------------------------
    def active_by_stage(self) -> dict[str, int]:
        """How many active cases sit in each stage (the workbench's counts)."""
        with self.ctx.session() as s:
            rows = s.exec(select(Case.stage, func.count()).where(
                Case.status == CaseStatus.ACTIVE.value).group_by(Case.stage))
            return {stage: int(n) for stage, n in rows}

    def filter_choices(self, limit: int = 300) -> FilterChoices:
        with self.ctx.session() as s:
            def values(column: object) -> tuple[str, ...]:
                query = select(column).where(column != "").distinct()  # type: ignore[call-overload]
                rows = s.exec(query.order_by(column).limit(limit))
                return tuple(str(v) for v in rows)

            return FilterChoices(values(Case.city), values(Case.occupation), values(Case.platform))
