"""撤销上一步: undo the case's last workflow step, restoring its state, stage, status and
deadlines exactly as they were before it.

Rules (each refusal says why in Chinese, nothing is changed):
- only a step recorded through 办理 (its rows carry the step's id and the case as it stood
  before) can be undone; a step recorded before this feature existed cannot;
- only the last one: a timeline entry recorded after it depends on it and must go first;
- the documents registered (generated, not drafts) after the step: one a party was served
  or a forum received with a filing blocks the undo, named in the refusal (it may be in
  their hands; the step it rests on cannot vanish); the others are voided (作废, kept and
  labelled, out of the 卷内目录) with the undo, in its transaction, once the clerk saw them
  listed (`undo_last(void=…)` names the documents seen; a list that changed since is refused).
  See app/services/documents/voiding.py;
- a reason is required; it is kept in the audit log with the removed entries and on each
  voided document.
What was recorded with the step as one act goes with it: an agreement entered with
签订调解协议 is erased with its terms, a session entered with 记录调解 is erased, a filing
entered with its step is withdrawn (撤回: a forum may have it), all named in the question
before the clerk confirms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from app.errors import AppError, FieldError, ValidationFailed
from app.models import (
    Case,
    CaseEvent,
    Filing,
    GeneratedDocument,
    MediationAgreement,
    MediationSession,
    PerformanceTerm,
)
from app.models.base import utcnow
from app.models.enums import FilingStatus
from app.services.cases.edit import CaseEditService
from app.services.context import ServiceContext
from app.services.documents import voiding
from app.services.workflow import deadline_store
from app.workflow.events import kind_label
from app.workflow.transitions import BY_EVENT, state_label

STEP = "step"
UNDO_NOTE = "撤销原因："


class UndoRefused(AppError):
    code = "undo_refused"


@dataclass(frozen=True)
class LastStep:
    """What 撤销上一步 would undo, and whether it may (`refusal` says why not)."""

    event: str
    label: str
    occurred_on: date
    restores: str  # the state label the case returns to
    consequences: tuple[str, ...]
    refusal: str | None
    documents: tuple[int, ...] = ()  # the ids of the documents voided with the undo


@dataclass(frozen=True)
class Undone:
    case_no: str
    event: str
    label: str
    state: str
    state_label: str
    version: int


def _label(event: str) -> str:
    return BY_EVENT[event].label if event in BY_EVENT else kind_label(event)


def _marker(e: CaseEvent) -> dict[str, object]:
    value = (e.data or {}).get(STEP)
    return value if isinstance(value, dict) else {}


def step_rows(s: Session, case: Case, *, documents: bool = False) -> list[CaseEvent]:
    """The rows of the case's last step, or UndoRefused saying why it cannot be undone.
    Documents registered after it refuse too, unless `documents` (the caller deals with
    them: `step_documents`)."""
    rows = list(s.exec(select(CaseEvent).where(CaseEvent.case_id == case.id)
                       .order_by(col(CaseEvent.id))))
    last = next((i for i in range(len(rows) - 1, -1, -1) if _marker(rows[i])), None)
    if last is None:
        raise UndoRefused("本案没有可以撤销的办理事项：只有在“办理”中登记的事项可以撤销，导入的、"
                          "演示生成的或本功能启用前登记的事项不能撤销")
    step_id = _marker(rows[last])["id"]
    mine = [e for e in rows if _marker(e).get("id") == step_id]
    later = [e for e in rows[last + 1:] if _marker(e).get("id") != step_id]
    if later:
        names = "、".join(f"“{kind_label(e.kind)}”" for e in later[:3])
        raise UndoRefused(f"“{_label(str(_marker(mine[0])['event']))}”之后还登记了{names}，"
                          "它们以此为前提：请先处理其后的事项")
    if not documents:
        docs = step_documents(s, case, mine)
        if docs:
            raise UndoRefused(f"办理该事项后已生成并登记文书（{voiding.names(docs)}），请先作废"
                              "这些文书，或用“撤销上一步”一并作废")
    return mine


def step_documents(s: Session, case: Case, rows: list[CaseEvent]) -> list[GeneratedDocument]:
    """The documents registered since the step; UndoRefused naming one a party or a forum
    has (served, or filed with a filing other than the step's own)."""
    started = min(e.created_at for e in rows)
    docs = voiding.issued_since(s, case, started)
    _agreement, filing = _linked(s, rows)
    own = [filing.id] if filing is not None and filing.id is not None else []
    held = [(d, why) for d in docs if (why := voiding.received(s, case, d, own))]
    if held:
        named = "；".join(f"《{d.file_name or d.kind}》{why}" for d, why in held[:3])
        raise UndoRefused(f"办理该事项后生成的文书已交出：{named}。文书可能已在当事人或受理机构"
                          "手中，不能撤销该事项；如确属错误，请先在“文书”中将其作废（保留并标注为已撤回），"
                          "或办理相应的更正事项（如撤回申请）")
    return docs


def _own(s: Session, rows: list[CaseEvent], model: type, key: str) -> object | None:
    """The record the step names under `key`; only one of the same case (a case file imported
    from another office keeps the data of its events, not the ids of its rows)."""
    value = (rows[0].data or {}).get(key)
    row = s.get(model, value) if isinstance(value, int) else None
    return row if row is not None and getattr(row, "case_id", None) == rows[0].case_id else None


def _linked(s: Session, rows: list[CaseEvent]) -> tuple[MediationAgreement | None,
                                                         Filing | None]:
    """What was recorded with the step (the agreement, the filing)."""
    agreement = _own(s, rows, MediationAgreement, "agreement_id")
    filing = _own(s, rows, Filing, "filing_id")
    assert agreement is None or isinstance(agreement, MediationAgreement)
    assert filing is None or isinstance(filing, Filing)
    return agreement, filing


def _session(s: Session, rows: list[CaseEvent]) -> MediationSession | None:
    row = _own(s, rows, MediationSession, "session_id")
    assert row is None or isinstance(row, MediationSession)
    return row


def consequences(s: Session, rows: list[CaseEvent],
                 documents: list[GeneratedDocument] | tuple[()] = ()) -> tuple[str, ...]:
    agreement, filing = _linked(s, rows)
    out = []
    if agreement is not None:
        terms = s.exec(select(PerformanceTerm).where(
            PerformanceTerm.agreement_id == agreement.id)).all()
        out.append(f"随该事项录入的调解协议（{agreement.signed_on}签订）及其{len(terms)}项履行条款、"
                   "履行期限提醒将一并删除")
    if filing is not None and filing.withdrawn_on is None:
        out.append("随该事项登记的申请将标记为“已撤回”（保留在列表中，不会删除）")
    session = _session(s, rows)
    if session is not None:
        out.append(f"随该事项录入的调解记录（{session.held_at:%Y-%m-%d %H:%M}）及其笔录将一并删除")
    if documents:
        out.append(f"办理该事项后生成的{len(documents)}份文书将标记为“已作废”（保留记录，注明撤销原因，"
                   f"不再列入卷内目录）：{voiding.names(documents)}")
    out.append("由该事项产生的期限将按撤销后的事件重新计算")
    return tuple(out)


def undo_rows(s: Session, case: Case, rows: list[CaseEvent], reason: str, *,
              linked: bool = True, today: date | None = None) -> None:
    """Remove the step's rows and restore the case as it stood before it, in the caller's
    transaction. `linked`: also take what was recorded with it (agreement, filing)."""
    before = _marker(rows[0])
    if linked:
        agreement, filing = _linked(s, rows)
        if agreement is not None:
            for term in s.exec(select(PerformanceTerm).where(
                    PerformanceTerm.agreement_id == agreement.id)):
                s.delete(term)
            s.flush()
            s.delete(agreement)
        if filing is not None and filing.withdrawn_on is None:
            filing.status = FilingStatus.WITHDRAWN.value
            filing.withdrawn_on = today or rows[0].occurred_on
            filing.withdrawn_reason = reason
        session = _session(s, rows)
        if session is not None:
            s.delete(session)
    for e in rows:
        e.note = f"{UNDO_NOTE}{reason}"  # the delete entry of the audit log keeps the reason
        s.delete(e)
    case.state, case.stage = str(before["state"]), str(before["stage"])
    case.status = str(before["status"])
    accepted = before.get("accepted_on")
    case.accepted_on = date.fromisoformat(str(accepted)) if accepted else None


class UndoService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _case(self, s: Session, case_no: str) -> Case:
        case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
        if case is None:
            raise AppError(f"找不到案号为“{case_no}”的案件，请核对案号", code="not_found")
        return case

    def last_step(self, case_no: str) -> LastStep | None:
        """The step 撤销上一步 would undo (None: the case has no step at all)."""
        with self.ctx.session() as s:
            case = self._case(s, case_no)
            rows = [e for e in s.exec(select(CaseEvent).where(CaseEvent.case_id == case.id)
                                      .order_by(col(CaseEvent.id))) if _marker(e)]
            if not rows:
                return None
            marker = _marker(rows[-1])
            event = str(marker["event"])
            restores = state_label(str(marker["state"]))
            try:
                mine = step_rows(s, case, documents=True)
                docs = step_documents(s, case, mine)
            except UndoRefused as exc:
                return LastStep(event, _label(event), rows[-1].occurred_on, restores, (),
                                exc.message)
            return LastStep(event, _label(event), mine[0].occurred_on, restores,
                            consequences(s, mine, docs), None,
                            tuple(d.id for d in docs if d.id is not None))

    def undo_last(self, case_no: str, reason: str, expected_version: int,
                  void: tuple[int, ...] = ()) -> Undone:
        """Undo the last step with `reason`, under the case version (a stale view is refused
        with what changed since). The documents registered since the step are voided with
        it when `void` names exactly those the clerk was shown (LastStep.documents)."""
        if not reason.strip():
            raise ValidationFailed([FieldError("reason", "请写明撤销原因（记入审计日志）")])
        edit = CaseEditService(self.ctx)
        try:
            with self.ctx.session() as s:
                case = edit._locked(s, case_no, expected_version)
                rows = step_rows(s, case, documents=True)
                docs = step_documents(s, case, rows)
                if {d.id for d in docs} != set(void):
                    raise UndoRefused(
                        f"办理该事项后生成的文书（{voiding.names(docs) or '无'}）与确认时列出的不同"
                        "（可能刚有人生成或作废了文书）：请重新打开“撤销上一步”，确认后再撤销")
                event = str(_marker(rows[0])["event"])
                voiding.void_rows(docs, f"{UNDO_NOTE}{reason.strip()}", self.ctx.today())
                undo_rows(s, case, rows, reason.strip(), today=self.ctx.today())
                case.updated_at = utcnow()
                deadline_store.recompute(s, case, self.ctx.today())
                s.commit()
                return Undone(case.case_no, event, _label(event), case.state,
                              state_label(case.state), case.version)
        except StaleDataError:
            with self.ctx.session() as s:
                case = self._case(s, case_no)
                raise edit._conflict(s, case, expected_version) from None
