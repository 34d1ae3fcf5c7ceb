"""One act, one entry: a session with its 记录调解 step, an agreement with its 签订调解协议
step, a filing with the step it is (申请司法确认, 申请劳动仲裁, 向人民法院起诉…), each recorded
in one transaction, so the timeline shows the act once and undoing the step takes the record
with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, select

from app.errors import AppError
from app.models import Case, Filing, MediationSession
from app.models.base import utcnow
from app.models.enums import FilingKind, FilingStatus
from app.services.cases import field_checks as v
from app.services.cases.corrections import FilingInput, check_filing
from app.services.cases.edit import CaseEditService
from app.services.cases.records import AgreementInput, insert_agreement
from app.services.context import ServiceContext
from app.services.workflow.workflow_service import AdvanceResult, WorkflowService
from app.workflow.transitions import BY_EVENT, check

# The steps a filing of each kind is, in the order tried: the first the law allows is taken.
FILING_EVENTS: dict[str, tuple[str, ...]] = {
    FilingKind.JUDICIAL_CONFIRMATION: ("confirmation.apply",),
    FilingKind.ARBITRATION_REVIEW: ("review.apply",),
    FilingKind.PAYMENT_ORDER: ("payment_order.apply",),
    FilingKind.ARBITRATION: ("arbitration.apply", "arbitration.apply_after_15_days"),
    FilingKind.LAWSUIT: ("court.sue", "court.sue_direct", "court.sue_on_agreement",
                         "court.sue_after_payment_order"),
    FilingKind.AWARD_REVOCATION: ("court.revoke_apply",),
    FilingKind.ENFORCEMENT: ("enforcement.apply",),
    FilingKind.LEGAL_AID: ("legal_aid.apply",),
    FilingKind.LABOUR_INSPECTION: ("inspection.complain",),
}
# The 办理 buttons that open a dialog instead of recording a bare step.
EVENT_FILING = {event: kind for kind, events in FILING_EVENTS.items() for event in events}
AGREEMENT_EVENT = "agreement.sign"
SESSION_EVENT = "mediation.session"


def step_label(event: str) -> str:
    return BY_EVENT[event].label if event in BY_EVENT else event


@dataclass(frozen=True)
class Recorded:
    record_id: int
    step: AdvanceResult | None
    version: int


class ActService:
    def __init__(self, ctx: ServiceContext, workflow: WorkflowService | None = None) -> None:
        self.ctx = ctx
        self.workflow = workflow or WorkflowService(ctx)
        self._edit = CaseEditService(ctx)

    def _open(self, s: Session, case_no: str, expected_version: int | None) -> Case:
        if expected_version is not None:
            return self._edit._locked(s, case_no, expected_version)
        case = s.exec(select(Case).where(Case.case_no == case_no.strip())
                      .with_for_update()).first()
        if case is None:
            raise AppError(f"找不到案号为“{case_no}”的案件，请核对案号", code="not_found")
        return case

    def step_for_filing(self, case_no: str, kind: str, on: date | None = None
                        ) -> tuple[str | None, str | None]:
        """(event, refusal): the step a filing of `kind` records in the case's state now, or
        why none can; (None, None) for a kind with no step."""
        events = FILING_EVENTS.get(kind, ())
        if not events:
            return None, None
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                raise AppError(f"找不到案号为“{case_no}”的案件", code="not_found")
            facts = self.workflow.facts(s, case, on)
            reasons = []
            for event in events:
                reason = check(case.state, event, facts)
                if reason is None:
                    return event, None
                reasons.append(reason)
            return events[0], reasons[0]

    def record_session(self, case_no: str, held_at: datetime, *, place: str = "",
                       mediators: str = "", attendees: str = "", record: str = "",
                       result: str = "", expected_version: int | None = None,
                       with_step: bool = True) -> Recorded:
        """The session and its 调解笔录 and (`with_step`) the 记录调解 step on its day,
        together or not at all; a step the law refuses refuses the session too, with the
        reason (the clerk may record the session alone)."""
        on = held_at.date()
        extra = self.workflow.prepare(case_no, SESSION_EVENT, on, {}) if with_step else {}
        try:
            with self.ctx.session() as s:
                case = self._open(s, case_no, expected_version)
                v.raise_if_errors(v.check_not_before(on, case.received_on, "held_at",
                                                     "调解时间", "收到申请日期"))
                v.raise_if_errors(v.check_not_future(on, "held_at", "调解时间",
                                                     self.ctx.today()))
                assert case.id is not None
                row = MediationSession(case_id=case.id, held_at=held_at, place=place.strip(),
                                       mediators=mediators.strip(), attendees=attendees.strip(),
                                       record=record.strip(), result=result.strip())
                s.add(row)
                s.flush()
                assert row.id is not None
                step = None
                if with_step:
                    try:
                        step = self.workflow.advance_in(s, case, SESSION_EVENT, on,
                                                        {**extra, "session_id": row.id})
                    except AppError as exc:
                        if exc.code != "transition_refused":
                            raise
                        raise AppError(f"{exc.message}。如只保存调解记录，请不勾选“同时登记办理事项”",
                                       code=exc.code) from None
                case.updated_at = utcnow()
                s.commit()
                return Recorded(row.id, step, case.version)
        except StaleDataError:
            raise self._stale(case_no, expected_version) from None

    def record_agreement(self, case_no: str, data: AgreementInput, *,
                         expected_version: int | None = None,
                         with_step: bool = True) -> Recorded:
        """The agreement, its terms and (`with_step`) the 签订调解协议 step on its signing day,
        together or not at all."""
        on = data.signed_on
        extra = self.workflow.prepare(case_no, AGREEMENT_EVENT, on, {}) if with_step else {}
        try:
            with self.ctx.session() as s:
                case = self._open(s, case_no, expected_version)
                agreement = insert_agreement(s, case, data, self.ctx.today())
                assert agreement.id is not None
                step = None
                if with_step:
                    step = self.workflow.advance_in(s, case, AGREEMENT_EVENT, on,
                                                    {**extra, "agreement_id": agreement.id})
                case.updated_at = utcnow()
                s.commit()
                return Recorded(agreement.id, step, case.version)
        except StaleDataError:
            raise self._stale(case_no, expected_version) from None

    def record_filing(self, case_no: str, data: FilingInput, *,
                      expected_version: int | None = None, with_step: bool = True,
                      note: str = "") -> Recorded:
        """The filing and (`with_step`, when it was submitted) the step it is, dated the day
        it was filed. A step the law refuses refuses the filing too, with the reason; the
        clerk may record the filing alone."""
        step_event = None
        if with_step and data.status != FilingStatus.DRAFT:
            if data.filed_on is None:
                raise AppError("请填写提交日期：办理事项按提交之日登记（或不勾选“同时登记办理事项”）",
                               code="validation")
            step_event, refusal = self.step_for_filing(case_no, data.kind, data.filed_on)
            if refusal:
                raise AppError(f"不能同时登记“{BY_EVENT[step_event].label}”：{refusal}。"  # type: ignore[index]
                               "如只登记申请，请不勾选“同时登记办理事项”", code="transition_refused")
        extra = (self.workflow.prepare(case_no, step_event, data.filed_on, {})  # type: ignore[arg-type]
                 if step_event else {})
        try:
            with self.ctx.session() as s:
                case = self._open(s, case_no, expected_version)
                problems = check_filing(case, data)
                problems += v.check_not_future(data.filed_on, "filed_on", "提交日期",
                                               self.ctx.today())
                v.raise_if_errors(problems)
                assert case.id is not None
                row = Filing(case_id=case.id, kind=data.kind, forum=data.forum.strip(),
                             filed_on=data.filed_on, accepted_on=data.accepted_on,
                             decided_on=data.decided_on, external_no=data.external_no.strip(),
                             status=data.status, result=data.result.strip())
                s.add(row)
                s.flush()
                assert row.id is not None
                step = None
                if step_event:
                    step = self.workflow.advance_in(s, case, step_event, data.filed_on,  # type: ignore[arg-type]
                                                    {**extra, "filing_id": row.id}, note)
                case.updated_at = utcnow()
                s.commit()
                return Recorded(row.id, step, case.version)
        except StaleDataError:
            raise self._stale(case_no, expected_version) from None

    def _stale(self, case_no: str, expected_version: int | None) -> AppError:
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).one()
            return self._edit._conflict(s, case, expected_version or case.version - 1)
