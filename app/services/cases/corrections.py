"""Correcting and deleting what was recorded on a case: claims, sessions, agreements and their
terms, filings, evidence items, agents.

Every change is one transaction under the case version (a stale save is refused with what the
other clerk changed), goes into the audit log, and re-derives the case's deadlines. What a
court or commission already received is not erased: a submitted filing is withdrawn (撤回) and
an agreement sent for confirmation or review is voided (作废), each with its reason and date,
and both stay in the lists and the timeline, labelled.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from app.errors import AppError, FieldError, NotFound, ValidationFailed
from app.models import (
    Agent,
    Case,
    CaseEvent,
    Claim,
    Evidence,
    Filing,
    MediationAgreement,
    MediationSession,
    Party,
    PerformanceTerm,
)
from app.models.base import utcnow
from app.models.enums import (
    AgentAuthority,
    EvidenceForm,
    FilingKind,
    FilingStatus,
    Stage,
)
from app.services.cases import field_checks as v
from app.services.cases.dto import ClaimInput
from app.services.cases.edit import CaseEditService
from app.services.cases.records import AgreementInput, agent_problems, check_agreement
from app.services.cases.validation import validate_claim
from app.services.context import ServiceContext
from app.services.workflow import deadline_store
from app.services.workflow.undo import step_rows, undo_rows
from app.workflow.states import ARBITRATION_ACCEPTED, state_label

# A forum that received these has the agreement: it is voided, not erased.
CONFIRMING_KINDS = (FilingKind.JUDICIAL_CONFIRMATION, FilingKind.ARBITRATION_REVIEW,
                    FilingKind.PAYMENT_ORDER)
# Claims were decided on as they stood: an award, a judgment or a closed file keeps them.
FROZEN_STAGES = (Stage.COURT.value, Stage.ENFORCEMENT.value, Stage.CLOSED.value)
AWARD_STATES = ("arbitration.award_final", "arbitration.award_nonfinal",
                "arbitration.award_mixed", "arbitration.award_effective", "arbitration.mediated")
CHANGE_CLAIMS_NOTE = ("仲裁委受理后增加、变更仲裁请求，须经仲裁委受理：请在“办理”中登记“受理增加、"
                      "变更仲裁请求”，审理期限自该日起重新计算（《劳动人事争议仲裁办案规则》第四十六条）")
STEP = "step"


@dataclass(frozen=True)
class FilingInput:
    kind: str
    forum: str = ""
    filed_on: date | None = None
    accepted_on: date | None = None
    decided_on: date | None = None
    external_no: str = ""
    status: str = FilingStatus.SUBMITTED.value
    result: str = ""


@dataclass(frozen=True)
class Saved:
    """A correction's outcome: the case's new version, what happened, what to read."""

    version: int
    outcome: str = "saved"  # "saved" | "deleted" | "withdrawn"
    notes: tuple[str, ...] = ()


def check_filing(case: Case, data: FilingInput) -> list[FieldError]:
    problems = v.check_choice(data.kind, FilingKind, "kind", "申请类型")
    problems += v.check_choice(data.status, FilingStatus, "status", "办理状态")
    problems += v.check_not_before(data.filed_on, case.received_on, "filed_on", "提交日期",
                                   "收到申请日期")
    problems += v.check_not_before(data.accepted_on, data.filed_on, "accepted_on", "受理日期",
                                   "提交日期")
    problems += v.check_not_before(data.decided_on, data.accepted_on or data.filed_on,
                                   "decided_on", "决定日期", "受理日期")
    if data.status == FilingStatus.WITHDRAWN:
        problems.append(FieldError("status", "撤回申请请用“撤回/删除”，并写明撤回原因"))
    return problems


def linked_step(s: Session, case: Case, key: str, row_id: int) -> list[CaseEvent]:
    """The timeline rows of the workflow step recorded together with a record (one act)."""
    rows = s.exec(select(CaseEvent).where(CaseEvent.case_id == case.id)
                  .order_by(col(CaseEvent.id))).all()
    return [e for e in rows if (e.data or {}).get(key) == row_id and (e.data or {}).get(STEP)]


class CorrectionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._edit = CaseEditService(ctx)

    @contextmanager
    def guarded(self, case_no: str, expected_version: int) -> Iterator[tuple[Session, Case]]:
        """One transaction on the case at `expected_version`: the body's changes, the case's
        version bumped (so the next stale save is refused), deadlines re-derived, commit."""
        try:
            with self.ctx.session() as s:
                case = self._edit._locked(s, case_no, expected_version)
                yield s, case
                case.updated_at = utcnow()
                deadline_store.recompute(s, case, self.ctx.today())
                s.commit()
        except StaleDataError:
            with self.ctx.session() as s:
                case = s.exec(select(Case).where(Case.case_no == case_no.strip())).one()
                raise self._edit._conflict(s, case, expected_version) from None

    # --- claims ----------------------------------------------------------------------------
    @staticmethod
    def _claims_open(case: Case) -> list[str]:
        if case.stage in FROZEN_STAGES or case.state in AWARD_STATES:
            raise AppError(f"案件现为“{state_label(case.state)}”：裁决、判决或结案已就原请求作出，"
                           "不能再修改或删除请求事项；如需变更，请在相应程序中办理", code="refused")
        return [CHANGE_CLAIMS_NOTE] if case.state in ARBITRATION_ACCEPTED else []

    def _claim(self, s: Session, case: Case, seq: int) -> Claim:
        claim = s.exec(select(Claim).where(Claim.case_id == case.id, Claim.seq == seq)).first()
        if claim is None:
            raise NotFound(f"案件 {case.case_no} 中没有第 {seq} 项请求")
        return claim

    def update_claim(self, case_no: str, seq: int, data: ClaimInput,
                     expected_version: int) -> Saved:
        """Correct one claim (type, text, amount, period). Allowed until an award or a
        judgment is made on the claims; in an accepted arbitration a note says the change
        must also be accepted by the commission (办案规则 art 46)."""
        with self.guarded(case_no, expected_version) as (s, case):
            notes = self._claims_open(case)
            claim = self._claim(s, case, seq)
            parties = list(s.exec(select(Party).where(Party.case_id == case.id)
                                  .order_by(col(Party.seq))))
            v.raise_if_errors(validate_claim(data, "claim", len(parties)))
            amount, _ = v.parse_amount(data.amount, "claim.amount")
            claim.claim_type, claim.description = data.claim_type, data.description.strip()
            claim.amount, claim.period_start = amount, data.period_start
            claim.period_end = data.period_end
            if data.party_index is not None:
                claim.party_id = parties[data.party_index].id
        return Saved(case.version, "saved", tuple(notes))

    def delete_claim(self, case_no: str, seq: int, expected_version: int) -> Saved:
        with self.guarded(case_no, expected_version) as (s, case):
            notes = self._claims_open(case)
            claims = list(s.exec(select(Claim).where(Claim.case_id == case.id)))
            if len(claims) <= 1:
                raise AppError("案件至少应保留一项请求事项；如请求有误，请修改它", code="refused")
            s.delete(self._claim(s, case, seq))
        return Saved(case.version, "deleted", tuple(notes))

    # --- sessions --------------------------------------------------------------------------
    def _row(self, s: Session, case: Case, model: type, row_id: int, what: str) -> object:
        row = s.get(model, row_id)
        if row is None or getattr(row, "case_id", None) != case.id:
            raise NotFound(f"案件 {case.case_no} 中没有这条{what}（可能已被他人删除），请刷新")
        return row

    def update_session(self, case_no: str, session_id: int, expected_version: int, *,
                       held_at: datetime, place: str = "", mediators: str = "",
                       attendees: str = "", record: str = "", result: str = "") -> Saved:
        with self.guarded(case_no, expected_version) as (s, case):
            row = self._row(s, case, MediationSession, session_id, "调解记录")
            assert isinstance(row, MediationSession)
            v.raise_if_errors(v.check_not_before(held_at.date(), case.received_on, "held_at",
                                                 "调解时间", "收到申请日期"))
            row.held_at, row.place, row.mediators = held_at, place.strip(), mediators.strip()
            row.attendees, row.record = attendees.strip(), record.strip()
            row.result = result.strip()
        return Saved(case.version)

    def session_consequences(self, case_no: str, session_id: int) -> list[str]:
        """What deleting the session takes with it (its 记录调解 step), for the question."""
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                raise NotFound(f"找不到案号为“{case_no}”的案件")
            self._row(s, case, MediationSession, session_id, "调解记录")
            step = linked_step(s, case, "session_id", session_id)
            return [f"随它登记的办理事项“记录调解”（{step[0].occurred_on}）将一并撤销"] if step else []

    def delete_session(self, case_no: str, session_id: int, expected_version: int, *,
                       reason: str = "") -> Saved:
        """A session entered by mistake; its 调解笔录 goes with it (the audit log keeps it),
        and the 记录调解 step recorded with it, which must then be the case's last step."""
        with self.guarded(case_no, expected_version) as (s, case):
            row = self._row(s, case, MediationSession, session_id, "调解记录")
            step = linked_step(s, case, "session_id", session_id)
            if step:
                rows = step_rows(s, case)  # refuses if a later step or a document rests on it
                if {e.id for e in rows} != {e.id for e in step}:
                    raise AppError("随这次调解登记的“记录调解”之后还办理了其他事项，"
                                   "请先撤销其后的事项，再删除调解记录", code="refused")
                undo_rows(s, case, rows, reason or "删除误录的调解记录", linked=False)
            s.delete(row)
        return Saved(case.version, "deleted")

    # --- agreements ------------------------------------------------------------------------
    def _agreement(self, s: Session, case: Case, agreement_id: int) -> MediationAgreement:
        row = self._row(s, case, MediationAgreement, agreement_id, "调解协议")
        assert isinstance(row, MediationAgreement)
        return row

    def update_agreement(self, case_no: str, agreement_id: int, data: AgreementInput,
                         expected_version: int) -> Saved:
        """Correct an agreement and its terms, matched by their number: a term kept keeps its
        performance, a new one is added, one left out is removed; reminders follow."""
        with self.guarded(case_no, expected_version) as (s, case):
            agreement = self._agreement(s, case, agreement_id)
            if agreement.withdrawn_on is not None:
                raise AppError("这份调解协议已作废，不能再修改", code="refused")
            problems, amounts = check_agreement(case, data, self.ctx.today())
            v.raise_if_errors(problems)
            terms = {t.seq: t for t in s.exec(select(PerformanceTerm).where(
                PerformanceTerm.agreement_id == agreement_id))}
            for name in ("signed_on", "effective_on", "facts", "responsibility", "content",
                         "copies"):
                setattr(agreement, name, getattr(data, name))
            for i, (t, amount) in enumerate(zip(data.terms, amounts, strict=True), start=1):
                row = terms.pop(i, None) or PerformanceTerm(agreement_id=agreement_id, seq=i,
                                                            payer=t.payer, payee=t.payee)
                row.payer, row.payee, row.amount, row.due_on = t.payer, t.payee, amount, t.due_on
                row.method, row.description = t.method, t.description
                s.add(row)
            for row in terms.values():
                s.delete(row)
        return Saved(case.version)

    def agreement_consequences(self, case_no: str, agreement_id: int) -> list[str]:
        """What deleting the agreement takes with it or does instead, for the question."""
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                raise NotFound(f"找不到案号为“{case_no}”的案件")
            self._agreement(s, case, agreement_id)  # refuses one not of this case
            terms = list(s.exec(select(PerformanceTerm).where(
                PerformanceTerm.agreement_id == agreement_id)))
            forum = self._received_by(s, case)
            if forum:
                return [f"本协议已提交{forum}，不会删除，而是标记为“已作废”（须写明原因）；"
                        f"其{len(terms)}项履行条款的履行期限提醒随之关闭"]
            out = [f"将同时删除其{len(terms)}项履行条款及其履行期限提醒"]
            step = linked_step(s, case, "agreement_id", agreement_id)
            if step:
                out.append(f"随协议登记的办理事项“签订调解协议”（{step[0].occurred_on}）将一并撤销，"
                           "案件回到签订前的状态")
            return out

    @staticmethod
    def _received_by(s: Session, case: Case) -> str:
        """The forum that has the case's agreement (a confirmation, review or payment-order
        filing that was submitted), or ""."""
        for f in s.exec(select(Filing).where(Filing.case_id == case.id,
                                             col(Filing.kind).in_(CONFIRMING_KINDS))):
            if f.status != FilingStatus.DRAFT:
                return f.forum or "受理机构"
        return ""

    def delete_agreement(self, case_no: str, agreement_id: int, expected_version: int, *,
                         reason: str = "", on: date | None = None) -> Saved:
        """Erase an agreement entered by mistake with its terms (and undo its 签订调解协议 if
        that is the last step); void it instead, with `reason`, once a forum received it."""
        with self.guarded(case_no, expected_version) as (s, case):
            agreement = self._agreement(s, case, agreement_id)
            if self._received_by(s, case):
                self._withdraw(agreement, reason, on)
                return_value = "withdrawn"
            else:
                step = linked_step(s, case, "agreement_id", agreement_id)
                if step:
                    rows = step_rows(s, case)  # refuses if a later step depends on it
                    if {e.id for e in rows} != {e.id for e in step}:
                        raise AppError("随这份协议登记的“签订调解协议”之后还办理了其他事项，"
                                       "请先撤销其后的事项，再删除协议", code="refused")
                    undo_rows(s, case, rows, reason or "删除误录的调解协议", linked=False)
                for term in s.exec(select(PerformanceTerm).where(
                        PerformanceTerm.agreement_id == agreement_id)):
                    s.delete(term)
                s.flush()
                s.delete(agreement)
                return_value = "deleted"
        return Saved(case.version, return_value)

    def _withdraw(self, row: MediationAgreement | Filing, reason: str, on: date | None) -> None:
        when = on or self.ctx.today()
        problems = v.require(reason, "reason", "撤回（作废）原因")
        problems += v.check_not_future(when, "withdrawn_on", "撤回日期", self.ctx.today())
        v.raise_if_errors(problems)
        if row.withdrawn_on is not None:
            raise AppError("已经撤回（作废），无须再次办理", code="refused")
        row.withdrawn_on, row.withdrawn_reason = when, reason.strip()
        if isinstance(row, Filing):
            row.status = FilingStatus.WITHDRAWN.value

    # --- filings ---------------------------------------------------------------------------
    def update_filing(self, case_no: str, filing_id: int, data: FilingInput,
                      expected_version: int) -> Saved:
        """Correct a filing: the forum, its dates (受理日期), 结果, 对方案号 and status."""
        with self.guarded(case_no, expected_version) as (s, case):
            row = self._row(s, case, Filing, filing_id, "申请")
            assert isinstance(row, Filing)
            if row.withdrawn_on is not None:
                raise AppError("这项申请已撤回，不能再修改", code="refused")
            problems = check_filing(case, data)
            problems += v.check_not_future(data.accepted_on, "accepted_on", "受理日期",
                                           self.ctx.today())
            problems += v.check_not_future(data.decided_on, "decided_on", "决定日期",
                                           self.ctx.today())
            v.raise_if_errors(problems)
            for name in ("kind", "forum", "filed_on", "accepted_on", "decided_on",
                         "external_no", "status", "result"):
                value = getattr(data, name)
                setattr(row, name, value.strip() if isinstance(value, str) else value)
        return Saved(case.version)

    def delete_filing(self, case_no: str, filing_id: int, expected_version: int, *,
                      reason: str = "", on: date | None = None) -> Saved:
        """A draft is erased; a submitted filing is withdrawn with `reason` (the forum has
        it). The step recorded with it is undone when it is the case's last one."""
        with self.guarded(case_no, expected_version) as (s, case):
            row = self._row(s, case, Filing, filing_id, "申请")
            assert isinstance(row, Filing)
            step = linked_step(s, case, "filing_id", filing_id)
            if step:
                rows = step_rows(s, case)
                if {e.id for e in rows} != {e.id for e in step}:
                    raise AppError("随这项申请登记的办理事项之后还办理了其他事项，"
                                   "请先撤销其后的事项", code="refused")
            if row.status == FilingStatus.DRAFT and not step:
                s.delete(row)
                outcome = "deleted"
            else:
                self._withdraw(row, reason, on)
                outcome = "withdrawn"
            if step:
                undo_rows(s, case, step, reason, linked=False)
        return Saved(case.version, outcome)

    # --- evidence and agents -----------------------------------------------------------------
    def update_evidence(self, case_no: str, evidence_id: int, expected_version: int, *,
                        name: str, source: str = "", proves: str = "", pages: int | None = None,
                        form: str = EvidenceForm.COPY.value,
                        received_on: date | None = None) -> Saved:
        problems = v.require(name, "name", "证据名称")
        problems += v.check_choice(form, EvidenceForm, "form", "证据形式")
        if pages is not None and pages < 0:
            problems.append(FieldError("pages", "页数不能为负数"))
        with self.guarded(case_no, expected_version) as (s, case):
            row = self._row(s, case, Evidence, evidence_id, "证据")
            assert isinstance(row, Evidence)
            problems += v.check_not_future(received_on, "received_on", "收到日期",
                                           self.ctx.today())
            v.raise_if_errors(problems)
            row.name, row.source, row.proves = name.strip(), source.strip(), proves.strip()
            row.pages, row.form, row.received_on = pages, form, received_on
        return Saved(case.version)

    def delete_evidence(self, case_no: str, evidence_id: int, expected_version: int) -> Saved:
        """The item leaves the list; its file stays in the store (the audit log names it)."""
        with self.guarded(case_no, expected_version) as (s, case):
            s.delete(self._row(s, case, Evidence, evidence_id, "证据"))
        return Saved(case.version, "deleted")

    def update_agent(self, case_no: str, agent_id: int, expected_version: int, *, name: str,
                     agent_type: str, authority: str = AgentAuthority.GENERAL.value,
                     authority_detail: str = "", phone: str = "", id_number: str = "",
                     workplace: str = "") -> Saved:
        problems = agent_problems(name, agent_type, authority, phone, id_number,
                                  self.ctx.today())
        if problems:
            raise ValidationFailed(problems)
        with self.guarded(case_no, expected_version) as (s, case):
            row = self._row(s, case, Agent, agent_id, "代理人")
            assert isinstance(row, Agent)
            row.name, row.agent_type, row.authority = name.strip(), agent_type, authority
            row.authority_detail, row.phone = authority_detail.strip(), phone.strip()
            row.id_number, row.workplace = id_number.strip().upper(), workplace.strip()
        return Saved(case.version)

    def delete_agent(self, case_no: str, agent_id: int, expected_version: int) -> Saved:
        with self.guarded(case_no, expected_version) as (s, case):
            s.delete(self._row(s, case, Agent, agent_id, "代理人"))
        return Saved(case.version, "deleted")


