"""What happens on a case: evidence with files, sessions, agreements, filings, timeline events."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session, func, select

from app.errors import FieldError, NotFound, ValidationFailed
from app.models import (
    Agent,
    Case,
    CaseEvent,
    Evidence,
    Filing,
    MediationAgreement,
    MediationSession,
    Party,
    PerformanceTerm,
    StoredFile,
)
from app.models.enums import AgentAuthority, AgentType, EvidenceForm, FilingKind, FilingStatus
from app.services.cases import field_checks as v
from app.services.context import ServiceContext
from app.services.security.file_store import FileStore
from app.services.workflow import deadline_store


@dataclass
class TermInput:
    payer: str
    payee: str
    amount: Decimal | str | None = None
    due_on: date | None = None
    method: str = ""
    description: str = ""


@dataclass
class AgreementInput:
    signed_on: date
    terms: list[TermInput] = field(default_factory=list)
    effective_on: date | None = None
    facts: str = ""
    responsibility: str = ""
    content: str = ""
    copies: int = 3


def _case(s: Session, case_no: str) -> Case:
    case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
    if case is None:
        raise NotFound(f"找不到案号为“{case_no}”的案件，请核对案号")
    return case


def _next_seq(s: Session, model: type, case_id: int) -> int:
    current = s.exec(select(func.max(model.seq)).where(model.case_id == case_id)).one()  # type: ignore[attr-defined]
    return int(current or 0) + 1


def store_file(s: Session, files: FileStore, path: Path) -> str:
    """Copy `path` into the file store and register it (once) in the session; returns its hash.

    The file is written (atomically) before the row; an orphan file is harmless, a row pointing
    at a missing file is not."""
    sha, size = files.put_file(path)
    register_stored_file(s, sha, size, path.name)
    return sha


def register_stored_file(s: Session, sha: str, size: int, original_name: str) -> None:
    """The StoredFile row of a file already in the store (content-addressed: added once)."""
    if s.get(StoredFile, sha) is None:
        media = mimetypes.guess_type(original_name)[0] or ""
        s.add(StoredFile(sha256=sha, size=size, original_name=original_name, media_type=media))
        s.flush()


def insert_evidence(s: Session, case: Case, *, name: str, source: str = "", proves: str = "",
                    pages: int | None = None, form: str = EvidenceForm.COPY,
                    file_sha256: str | None = None, received_on: date | None = None) -> Evidence:
    """The next evidence item of the case, in the caller's transaction (not committed)."""
    assert case.id is not None
    item = Evidence(case_id=case.id, seq=_next_seq(s, Evidence, case.id), name=name.strip(),
                    source=source.strip(), proves=proves.strip(), pages=pages, form=form,
                    file_sha256=file_sha256, received_on=received_on)
    s.add(item)
    s.flush()
    return item


def agent_problems(name: str, agent_type: str, authority: str, phone: str, id_number: str,
                   today: date) -> list[FieldError]:
    """What is wrong with an agent's fields, adding one or correcting one (warnings of the ID
    check are not refusals)."""
    problems = v.require(name, "name", "代理人姓名")
    problems += v.check_choice(agent_type, AgentType, "agent_type", "代理人类型")
    problems += v.check_choice(authority, AgentAuthority, "authority", "代理权限")
    problems += v.check_phone(phone, "phone")
    if id_number:
        problems += [p for p in v.check_resident_id(id_number, "id_number", today)
                     if not p.warning]
    return problems


def check_agreement(case: Case, data: AgreementInput, today: date
                    ) -> tuple[list[FieldError], list[Decimal | None]]:
    """Every problem of an agreement and its terms, and the terms' amounts as parsed."""
    problems = v.check_not_before(data.signed_on, case.received_on, "signed_on",
                                  "调解协议签订日期", "收到申请日期")
    problems += v.check_not_future(data.signed_on, "signed_on", "调解协议签订日期", today)
    problems += v.check_not_before(data.effective_on, data.signed_on, "effective_on",
                                   "协议生效日期", "签订日期")
    amounts = []
    for i, t in enumerate(data.terms):
        problems += v.require(t.payer, f"terms[{i}].payer", "付款方")
        problems += v.require(t.payee, f"terms[{i}].payee", "收款方")
        amount, amount_problems = v.parse_amount(t.amount, f"terms[{i}].amount")
        problems += amount_problems
        problems += v.check_not_before(t.due_on, data.signed_on, f"terms[{i}].due_on",
                                       "履行期限", "协议签订日期")
        amounts.append(amount)
    if data.copies < 1:
        problems.append(FieldError("copies", "协议份数至少为1份"))
    return problems, amounts


def insert_agreement(s: Session, case: Case, data: AgreementInput,
                     today: date) -> MediationAgreement:
    """The agreement and its terms, checked, in the caller's transaction (not committed)."""
    problems, amounts = check_agreement(case, data, today)
    if problems:
        raise ValidationFailed(problems)
    assert case.id is not None
    agreement = MediationAgreement(
        case_id=case.id, signed_on=data.signed_on, effective_on=data.effective_on,
        facts=data.facts, responsibility=data.responsibility, content=data.content,
        copies=data.copies)
    s.add(agreement)
    s.flush()
    assert agreement.id is not None
    for i, (t, amount) in enumerate(zip(data.terms, amounts, strict=True)):
        s.add(PerformanceTerm(agreement_id=agreement.id, seq=i + 1, payer=t.payer,
                              payee=t.payee, amount=amount, due_on=t.due_on,
                              method=t.method, description=t.description))
    s.flush()
    return agreement


class RecordService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.files = FileStore(ctx.config.files_dir)

    def add_evidence(self, case_no: str, name: str, *, source: str = "", proves: str = "",
                     pages: int | None = None, form: str = EvidenceForm.COPY,
                     file_path: Path | None = None, received_on: date | None = None) -> int:
        problems = v.require(name, "name", "证据名称") + v.check_choice(form, EvidenceForm, "form",
                                                                     "证据形式")
        if pages is not None and pages < 0:
            problems.append(FieldError("pages", "页数不能为负数"))
        if file_path is not None and not Path(file_path).is_file():
            problems.append(FieldError("file", f"找不到要附加的文件：{file_path}"))
        if problems:
            raise ValidationFailed(problems)
        with self.ctx.session() as s:
            case = _case(s, case_no)
            sha = store_file(s, self.files, Path(file_path)) if file_path is not None else None
            item = insert_evidence(s, case, name=name, source=source, proves=proves, pages=pages,
                                   form=form, file_sha256=sha, received_on=received_on)
            s.commit()
            assert item.id is not None
            return item.id

    def add_agent(self, case_no: str, party_seq: int, name: str, agent_type: str, *,
                  authority: str = "general", authority_detail: str = "", phone: str = "",
                  id_number: str = "", workplace: str = "") -> int:
        """A party's agent (委托代理人) with the authority granted."""
        problems = agent_problems(name, agent_type, authority, phone, id_number,
                                  self.ctx.today())
        with self.ctx.session() as s:
            case = _case(s, case_no)
            party = s.exec(select(Party).where(Party.case_id == case.id,
                                               Party.seq == party_seq)).first()
            if party is None:
                problems.append(FieldError("party_seq", f"本案没有第{party_seq}号当事人"))
            if problems:
                raise ValidationFailed(problems)
            assert case.id is not None and party is not None and party.id is not None
            row = Agent(case_id=case.id, party_id=party.id, name=name.strip(),
                        agent_type=agent_type, authority=authority,
                        authority_detail=authority_detail.strip(), phone=phone.strip(),
                        id_number=id_number.strip().upper(), workplace=workplace.strip())
            s.add(row)
            s.commit()
            assert row.id is not None
            return row.id

    def add_session(self, case_no: str, held_at: datetime, *, place: str = "",
                    mediators: str = "", attendees: str = "", record: str = "",
                    result: str = "") -> int:
        with self.ctx.session() as s:
            case = _case(s, case_no)
            problems = v.check_not_before(held_at.date(), case.received_on, "held_at",
                                          "调解时间", "收到申请日期")
            if problems:
                raise ValidationFailed(problems)
            assert case.id is not None
            row = MediationSession(case_id=case.id, held_at=held_at, place=place,
                                   mediators=mediators, attendees=attendees, record=record,
                                   result=result)
            s.add(row)
            s.commit()
            assert row.id is not None
            return row.id

    def add_agreement(self, case_no: str, data: AgreementInput) -> int:
        with self.ctx.session() as s:
            case = _case(s, case_no)
            agreement = insert_agreement(s, case, data, self.ctx.today())
            s.commit()
            assert agreement.id is not None
            return agreement.id

    def add_filing(self, case_no: str, kind: str, *, forum: str = "",
                   filed_on: date | None = None, external_no: str = "",
                   status: str = FilingStatus.SUBMITTED) -> int:
        problems = v.check_choice(kind, FilingKind, "kind", "申请类型")
        problems += v.check_choice(status, FilingStatus, "status", "办理状态")
        with self.ctx.session() as s:
            case = _case(s, case_no)
            problems += v.check_not_before(filed_on, case.received_on, "filed_on", "提交日期",
                                           "收到申请日期")
            if problems:
                raise ValidationFailed(problems)
            assert case.id is not None
            row = Filing(case_id=case.id, kind=kind, forum=forum, filed_on=filed_on,
                         external_no=external_no, status=status)
            s.add(row)
            s.commit()
            assert row.id is not None
            return row.id

    def add_event(self, case_no: str, kind: str, occurred_on: date, *, note: str = "",
                  data: dict[str, object] | None = None) -> int:
        """A plain timeline entry (workflow events go through the workflow service)."""
        with self.ctx.session() as s:
            case = _case(s, case_no)
            problems = v.require(kind, "kind", "事件类型")
            problems += v.check_not_before(occurred_on, case.received_on, "occurred_on",
                                           "事件日期", "收到申请日期")
            if problems:
                raise ValidationFailed(problems)
            assert case.id is not None
            row = CaseEvent(case_id=case.id, kind=kind, occurred_on=occurred_on, note=note,
                            data=dict(data or {}), created_by=self.ctx.user)
            s.add(row)
            deadline_store.recompute(s, case, self.ctx.today())
            s.commit()
            assert row.id is not None
            return row.id

    def delete_event(self, case_no: str, event_id: int) -> None:
        """Remove a mistaken timeline entry; the case's deadlines are recomputed without it."""
        with self.ctx.session() as s:
            case = _case(s, case_no)
            row = s.get(CaseEvent, event_id)
            if row is None or row.case_id != case.id:
                raise NotFound(f"案件 {case_no} 中没有编号为 {event_id} 的事件")
            s.delete(row)
            deadline_store.recompute(s, case, self.ctx.today())
            s.commit()

    def change_event_date(self, case_no: str, event_id: int, occurred_on: date) -> None:
        with self.ctx.session() as s:
            case = _case(s, case_no)
            row = s.get(CaseEvent, event_id)
            if row is None or row.case_id != case.id:
                raise NotFound(f"案件 {case_no} 中没有编号为 {event_id} 的事件")
            problems = v.check_not_before(occurred_on, case.received_on, "occurred_on",
                                          "事件日期", "收到申请日期")
            problems += v.check_not_future(occurred_on, "occurred_on", "事件日期", self.ctx.today())
            if problems:
                raise ValidationFailed(problems)
            row.occurred_on = occurred_on
            deadline_store.recompute(s, case, self.ctx.today())
            s.commit()
