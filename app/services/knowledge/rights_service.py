"""Rights check (权益核查) of a case as a use case: the questionnaire's answers are kept with
the case, the check runs against the case's own jurisdiction, category and minimum wage, and a
finding becomes a claim in one step. The legal reasoning is app/knowledge/rights.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import func, select

from app.errors import AppError, FieldError, NotFound, ValidationFailed
from app.knowledge.errors import AnswerError
from app.knowledge.questions import QUESTION_BY_KEY, QUESTIONS, Answers
from app.knowledge.rights import FINDING_STATUS_LABELS, Finding, FindingStatus, check_rights
from app.knowledge.vocab import RIGHT_TITLES, RightId
from app.models import Claim, Party, utcnow
from app.models.enums import PartyRole, RelationshipCategory
from app.services.cases.case_service import answers_row, case_by_no, keep_answers
from app.services.context import ServiceContext
from app.services.knowledge.knowledge_service import KnowledgeService
from app.services.knowledge.worktime_service import WORKTIME
from app.services.workflow.wages import WageService

RIGHTS = "rights"


@dataclass(frozen=True)
class QuestionView:
    key: str
    text: str
    kind: str  # yes_no, number, date, text
    unit: str
    rights: tuple[str, ...]  # the rights (in Chinese) the answer bears on


@dataclass(frozen=True)
class FindingView:
    right: str
    title: str
    status: str
    status_label: str
    found: str
    citations: tuple[str, ...]  # the case's own jurisdiction
    national: tuple[str, ...]
    note: str
    missing: tuple[str, ...]  # questions whose answers would settle it
    claim_text: str  # "" when the finding suggests no claim
    claim_amount: Decimal | None


@dataclass(frozen=True)
class RightsReport:
    case_no: str
    jurisdiction: str
    category: str
    findings: tuple[FindingView, ...]

    def count(self, status: FindingStatus) -> int:
        return sum(1 for f in self.findings if f.status == status)


def _view(f: Finding) -> FindingView:
    return FindingView(
        f.right.value, f.title, f.status.value, FINDING_STATUS_LABELS[f.status], f.found,
        tuple(c.text for c in f.citations), tuple(c.text for c in f.national_citations),
        f.note or "", tuple(QUESTION_BY_KEY[k].text for k in f.missing if k in QUESTION_BY_KEY),
        f.claim.text if f.claim else "", f.claim.amount if f.claim else None)


class RightsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @staticmethod
    def questions() -> list[QuestionView]:
        return [QuestionView(q.key, q.text, q.kind.value, q.unit or "",
                             tuple(RIGHT_TITLES[r] for r in q.rights)) for q in QUESTIONS]

    def answers(self, case_no: str) -> dict[str, object]:
        with self.ctx.session() as s:
            row = answers_row(s, case_by_no(s, case_no), RIGHTS)
            return dict(row.answers) if row else {}

    def save_answers(self, case_no: str, answers: Mapping[str, object]) -> dict[str, object]:
        """Replace the case's answers (empty ones are "not known"); every answer is checked
        first and nothing is saved when one is wrong."""
        problems, clean = [], {}
        for key, value in answers.items():
            try:  # one by one, so every wrong answer is reported at once
                clean.update(Answers({key: value}).stored())
            except AnswerError as exc:
                problems.append(FieldError(key, exc.message))
        if problems:
            raise ValidationFailed(problems)
        with self.ctx.session() as s:
            case = case_by_no(s, case_no)
            keep_answers(s, case, RIGHTS, clean, self.ctx.user)
            s.commit()
        return clean

    def check(self, case_no: str) -> RightsReport:
        findings, place, kind = self._run(case_no)
        return RightsReport(case_no, place or "（未填写地区）", kind.value,
                            tuple(_view(f) for f in findings))

    def _run(self, case_no: str, rights: tuple[RightId, ...] | None = None
             ) -> tuple[list[Finding], str | None, RelationshipCategory]:
        with self.ctx.session() as s:
            case = case_by_no(s, case_no)
            row = answers_row(s, case, RIGHTS)
            stored = dict(row.answers) if row else {}
            # The figures of an attached order export (工作时长) under the user's answers:
            # what the user typed wins.
            figures = answers_row(s, case, WORKTIME)
            from_orders = figures.answers.get("answers") if figures else None
            if isinstance(from_orders, dict):
                stored = {**from_orders, **stored}
            city, place, category = case.city, case.city or case.province or None, case.category
        try:
            answers = Answers(stored)
        except AnswerError as exc:  # edited outside the product: say so, do not guess
            raise AppError(f"本案保存的核查答案有误：{exc.message}。请在“权益核查”页重新填写") from exc
        try:
            kind = RelationshipCategory(category)
        except ValueError:
            kind = RelationshipCategory.UNDETERMINED
        today = self.ctx.today()
        wage = WageService(self.ctx).in_force(city, today) if city else None
        # The shipped policies and the organisation's own imported ones (read afresh: an
        # import made a moment ago counts).
        library = KnowledgeService(self.ctx).library
        return (check_rights(answers, place, kind, wage, today=today, rights=rights,
                             library=library), place, kind)

    def legal_basis(self, case_no: str) -> list[str]:
        """The articles the case's breaches rest on (local first, then national), once each:
        offered to the documents' 事实与理由 ("根据…等规定")."""
        findings = self._run(case_no)[0]
        basis: list[str] = []
        for finding in findings:
            if finding.status in (FindingStatus.BREACH, FindingStatus.POSSIBLE_BREACH):
                basis += [c.text for c in (*finding.citations, *finding.national_citations)
                          if c.text not in basis]
        return basis

    def finding_to_claim(self, case_no: str, right: str) -> int:
        """Add the claim a finding suggests (for the first applicant); returns its number."""
        try:
            right_id = RightId(right)
        except ValueError:
            raise NotFound(f"没有“{right}”这项权益") from None
        finding = self._run(case_no, (right_id,))[0][0]
        if finding.claim is None:
            raise AppError(f"“{finding.title}”的核查结论（{FINDING_STATUS_LABELS[finding.status]}）"
                           "没有可提出的请求事项", code="no_claim")
        with self.ctx.session() as s:
            case = case_by_no(s, case_no)
            existing = s.exec(select(Claim).where(
                Claim.case_id == case.id, Claim.description == finding.claim.text)).first()
            if existing is not None:
                raise AppError(f"本案已有这项请求（第{existing.seq}项），未重复添加",
                               code="duplicate_claim")
            applicant = s.exec(select(Party.id).where(
                Party.case_id == case.id, Party.role == PartyRole.APPLICANT)
                .order_by(Party.seq)).first()
            seq = (s.exec(select(func.max(Claim.seq)).where(Claim.case_id == case.id)).one()
                   or 0) + 1
            assert case.id is not None
            s.add(Claim(case_id=case.id, party_id=applicant, seq=seq,
                        claim_type=finding.claim.claim_type.value,
                        description=finding.claim.text, amount=finding.claim.amount))
            case.updated_at = utcnow()
            s.commit()
            return seq
