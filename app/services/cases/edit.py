"""Editing a case's own fields with optimistic locking: a stale save is refused, not merged.

When two clerks change the same case, the second save finds the case at a newer version and is
refused with a message listing what the first clerk changed (read from the audit log), so the
second clerk can re-enter their change on top of it. Nothing is lost and nothing is overwritten.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from app.errors import ConflictError, FieldError, NotFound
from app.models import (
    AuditEntry,
    Case,
    Claim,
    MediationAgreement,
    Party,
    PerformanceTerm,
)
from app.models.base import utcnow
from app.models.enums import CaseStatus, IntakeChannel, PartyRole, RelationshipCategory
from app.services.cases import field_checks as v
from app.services.cases.case_service import answers_row, case_by_no, keep_answers, party_from_input
from app.services.cases.dto import ClaimInput, PartyInput
from app.services.cases.search import build_search_text
from app.services.cases.validation import validate_claim, validate_party
from app.services.context import ServiceContext
from app.services.knowledge.classification import CLASSIFICATION, check_answers
from app.services.workflow import deadline_store

EDITABLE: dict[str, str] = {
    "intake_channel": "申请方式", "accepted_on": "受理日期", "province": "省份", "city": "城市",
    "district": "区县", "category": "用工关系类别", "category_reason": "类别认定理由",
    "occupation": "职业", "platform": "平台", "collective": "集体争议",
    "representatives": "代表人", "summary": "案情摘要", "facts": "事实与理由",
    "status": "案件状态", "mediator_id": "调解员",
}


def _validate(case: Case, changes: dict[str, Any], today: date) -> list[FieldError]:
    problems = [FieldError(k, f"字段“{k}”不能在此修改") for k in changes if k not in EDITABLE]
    if "intake_channel" in changes:
        problems += v.check_choice(changes["intake_channel"], IntakeChannel, "intake_channel", "申请方式")
    if "category" in changes:
        problems += v.check_choice(changes["category"], RelationshipCategory, "category", "用工关系类别")
    if "status" in changes:
        problems += v.check_choice(changes["status"], CaseStatus, "status", "案件状态")
    if "accepted_on" in changes:
        accepted = changes["accepted_on"]
        problems += v.check_not_before(accepted, case.received_on, "accepted_on", "受理日期",
                                       "收到申请日期")
        problems += v.check_not_future(accepted, "accepted_on", "受理日期", today)
    return problems


def describe_changes_since(s: Session, case: Case, seen_version: int) -> list[str]:
    """The audit entries of the saves made after `seen_version`, in plain Chinese."""
    bumps = list(s.exec(select(AuditEntry).where(
        AuditEntry.entity == "dispute_case", AuditEntry.entity_id == str(case.id),
        AuditEntry.field == "version").order_by(col(AuditEntry.id))))
    lines = []
    for bump in bumps:
        if int(bump.old_value or 0) < seen_version:
            continue
        for entry in s.exec(select(AuditEntry).where(
                AuditEntry.entity == "dispute_case", AuditEntry.entity_id == str(case.id),
                AuditEntry.at == bump.at, AuditEntry.field.not_in(["version", "updated_at",  # type: ignore[attr-defined]
                                                                 "search_text"]))):
            name = EDITABLE.get(entry.field, entry.field)
            lines.append(f"{entry.user or '某用户'} 于 {entry.at:%Y-%m-%d %H:%M} 把“{name}”"
                         f"从“{entry.old_value or '（空）'}”改为“{entry.new_value or '（空）'}”")
    return lines


class CaseEditService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def update_case(self, case_no: str, changes: dict[str, Any], expected_version: int) -> int:
        """Apply `changes` if the case is still at `expected_version`; returns the new version."""
        try:
            with self.ctx.session() as s:
                case = self._locked(s, case_no, expected_version)
                v.raise_if_errors(_validate(case, changes, self.ctx.today()))
                # Read before changing anything: a query would autoflush a half-done change
                # and bump the version twice.
                parties = list(s.exec(select(Party).where(Party.case_id == case.id)))
                for key, value in changes.items():
                    setattr(case, key, value.strip() if isinstance(value, str) else value)
                case.search_text = build_search_text(case, parties)
                s.commit()
                return case.version
        except StaleDataError:
            # Another clerk committed between our read and our write (shared database).
            with self.ctx.session() as s:
                case = s.exec(select(Case).where(Case.case_no == case_no.strip())).one()
                raise self._conflict(s, case, expected_version) from None

    def update_party(self, case_no: str, seq: int, data: PartyInput,
                     expected_version: int) -> int:
        """Correct one party's particulars (a typo in a name, a new phone number). The case's
        version guards it like any case edit; the party keeps its place and role."""
        with self.ctx.session() as s:
            case = self._locked(s, case_no, expected_version)
            parties = list(s.exec(select(Party).where(Party.case_id == case.id)))
            party = next((p for p in parties if p.seq == seq), None)
            if party is None:
                raise NotFound(f"案件 {case_no} 中没有第 {seq} 位当事人")
            data.role = party.role
            v.raise_if_errors(validate_party(data, "party", self.ctx.today()))
            fresh = party_from_input(data, party.case_id, party.seq)
            for name in PartyInput.__dataclass_fields__:
                if name != "role":
                    setattr(party, name, getattr(fresh, name))
            case.search_text = build_search_text(case, parties)
            s.commit()
            return case.version

    def mark_term_performed(self, case_no: str, agreement_id: int, seq: int,
                            performed_on: date | None, expected_version: int) -> int:
        """Record that one term of a mediation agreement was performed on `performed_on`
        (None: not performed after all). Whether the whole agreement is performed is then
        the user's step in 办理 (the workflow's 协议已履行), so the deadlines follow the law."""
        with self.ctx.session() as s:
            case = self._locked(s, case_no, expected_version)
            agreement = s.get(MediationAgreement, agreement_id)
            if agreement is None or agreement.case_id != case.id:
                raise NotFound(f"案件 {case_no} 中没有这份调解协议")
            term = s.exec(select(PerformanceTerm).where(
                PerformanceTerm.agreement_id == agreement_id, PerformanceTerm.seq == seq)).first()
            if term is None:
                raise NotFound(f"这份调解协议没有第 {seq} 项履行条款")
            v.raise_if_errors(
                v.check_not_before(performed_on, agreement.signed_on, "performed_on",
                                   "履行日期", "协议签订日期")
                + v.check_not_future(performed_on, "performed_on", "履行日期", self.ctx.today()))
            term.performed, term.performed_on = performed_on is not None, performed_on
            case.updated_at = utcnow()
            deadline_store.recompute(s, case, self.ctx.today())  # the term's reminder closes
            s.commit()
            return case.version

    def add_claim(self, case_no: str, claim: ClaimInput, expected_version: int, *,
                  facts: str = "") -> tuple[int, int]:
        """Add a claim (for the first applicant unless `claim.party_index` names a party) after
        intake, e.g. one the claim calculator worked out; `facts` (its 计算依据) is appended to
        the case's 事实与理由 once. Guarded by the case version like any edit; returns the
        claim's number and the case's new version."""
        try:
            with self.ctx.session() as s:
                case = self._locked(s, case_no, expected_version)
                parties = list(s.exec(select(Party).where(Party.case_id == case.id)
                                      .order_by(col(Party.seq))))
                v.raise_if_errors(validate_claim(claim, "claim", len(parties)))
                amount, _ = v.parse_amount(claim.amount, "claim.amount")
                if claim.party_index is not None:
                    party = parties[claim.party_index]
                else:
                    party = next((p for p in parties if p.role == PartyRole.APPLICANT), None)
                seq = 1 + max((c.seq for c in s.exec(select(Claim).where(
                    Claim.case_id == case.id))), default=0)
                assert case.id is not None
                s.add(Claim(case_id=case.id, party_id=party.id if party else None, seq=seq,
                            claim_type=claim.claim_type, description=claim.description.strip(),
                            amount=amount, period_start=claim.period_start,
                            period_end=claim.period_end))
                text = facts.strip()
                if text and text not in (case.facts or ""):
                    case.facts = f"{case.facts.rstrip()}\n{text}" if case.facts else text
                case.updated_at = utcnow()
                s.commit()
                return seq, case.version
        except StaleDataError:
            with self.ctx.session() as s:
                case = s.exec(select(Case).where(Case.case_no == case_no.strip())).one()
                raise self._conflict(s, case, expected_version) from None

    def classification_answers(self, case_no: str) -> dict[str, bool | None]:
        """The classification questions as last answered for the case ({} if never)."""
        with self.ctx.session() as s:
            row = answers_row(s, case_by_no(s, case_no), CLASSIFICATION)
            kept = dict(row.answers) if row else {}
        # Stored JSON is read back only if it still makes sense; else the form starts empty.
        return kept if not check_answers(kept) else {}

    def classify(self, case_no: str, answers: dict[str, bool | None], category: str,
                 reason: str, expected_version: int) -> int:
        """Re-decide the relationship category (认定用工关系类别) with the answers behind it, in
        one transaction: the category drives the route (arbitration or court), the answers are
        kept so a reviewer sees why. Guarded by the case version like any edit."""
        problems = [FieldError("classification_answers", t) for t in check_answers(dict(answers))]
        problems += v.check_choice(category, RelationshipCategory, "category", "用工关系类别")
        v.raise_if_errors(problems)
        try:
            with self.ctx.session() as s:
                case = self._locked(s, case_no, expected_version)
                keep_answers(s, case, CLASSIFICATION, dict(answers), self.ctx.user)
                case.category, case.category_reason = category, reason.strip()
                case.updated_at = utcnow()
                s.commit()
                return case.version
        except StaleDataError:
            with self.ctx.session() as s:
                case = s.exec(select(Case).where(Case.case_no == case_no.strip())).one()
                raise self._conflict(s, case, expected_version) from None

    def _locked(self, s: Session, case_no: str, expected_version: int) -> Case:
        case = s.exec(select(Case).where(Case.case_no == case_no.strip())
                      .with_for_update()).first()
        if case is None:
            raise NotFound(f"找不到案号为“{case_no}”的案件")
        if case.version != expected_version:
            raise self._conflict(s, case, expected_version)
        return case

    @staticmethod
    def _conflict(s: Session, case: Case, seen_version: int) -> ConflictError:
        changes = describe_changes_since(s, case, seen_version)
        detail = "；".join(changes) if changes else "（未能读取修改明细）"
        return ConflictError(f"案件 {case.case_no} 在您打开后已被他人修改：{detail}。"
                             "您的修改没有保存，请刷新后在最新内容上重新修改。")

