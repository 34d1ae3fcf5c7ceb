"""作废: a generated document issued in error is voided with a reason and a date, never erased.

The row stays (the 文书 tab shows it struck through and labelled, the 卷内目录 leaves it out);
a document a party was served or a forum received with a filing stays listed as withdrawn.
The same rules decide what 撤销上一步 does with the documents generated after the step:
- one that was served (a 送达 record of its title or kind) or filed (a submitted filing,
  not withdrawn, it goes with) blocks the undo, named in the refusal: a party or a forum may
  have it, so the step it rests on cannot simply vanish. The test is cautious (a record has
  no time of its own to compare with the file's); the clerk who knows better voids the
  document first (作废 in the 文书 tab: it stays listed as withdrawn) and then undoes;
- the others are voided with the undo, in its transaction, after the clerk saw them listed.
A filing the undone step itself recorded does not block: the undo withdraws it, and its
documents with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from app.errors import AppError, NotFound
from app.models import Case, Filing, GeneratedDocument, Party, ServiceRecord
from app.models.enums import FilingKind, FilingStatus
from app.services.cases import field_checks as v
from app.services.cases.witnesses import CaseGuard
from app.services.context import ServiceContext

# What a 送达 record's kind names among the generated documents.
SERVED_KINDS = {"agreement": ("mediation_agreement",),
                "acceptance_notice": ("acceptance_notice",),
                "arbitration_copy": ("arbitration_application",
                                     "collective_arbitration_application")}
# The documents that go to a forum with a filing of each kind.
FILED_WITH: dict[str, tuple[str, ...]] = {
    FilingKind.JUDICIAL_CONFIRMATION: ("judicial_confirmation_application",
                                       "mediation_agreement"),
    FilingKind.ARBITRATION_REVIEW: ("arbitration_review_application", "mediation_agreement"),
    FilingKind.PAYMENT_ORDER: ("payment_order_application", "mediation_agreement"),
    FilingKind.ARBITRATION: ("arbitration_application", "collective_arbitration_application",
                             "evidence_list"),
    FilingKind.LAWSUIT: ("civil_complaint_labour", "civil_complaint"),
    FilingKind.AWARD_REVOCATION: ("award_revocation_application",),
    FilingKind.ENFORCEMENT: ("enforcement_application",),
    FilingKind.LEGAL_AID: ("legal_aid_application",),
    FilingKind.LABOUR_INSPECTION: ("inspection_complaint",),
}


def title_of(file_name: str, case_no: str) -> str:
    """The title a clerk knows a file by: 案号-03-调解协议书.pdf → 调解协议书."""
    stem = file_name.rsplit(".", 1)[0]
    if stem.startswith(case_no + "-"):
        stem = stem[len(case_no) + 1:]
    return stem.lstrip("0123456789-") or stem


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None) if moment.tzinfo is not None else moment


def received(s: Session, case: Case, doc: GeneratedDocument,
             spared: Iterable[int] = ()) -> str:
    """Who has the document ("已送达张三（2026-11-20）", "已随申请提交某仲裁委"), or ""."""
    title = title_of(doc.file_name, case.case_no)
    for r in s.exec(select(ServiceRecord).where(ServiceRecord.case_id == case.id)
                    .order_by(col(ServiceRecord.served_on))):
        if r.document == title or doc.kind in SERVED_KINDS.get(r.document_kind, ()):
            party = s.get(Party, r.party_id)
            return f"已于{r.served_on}送达{party.name if party else '当事人'}"
    skip = set(spared)
    for f in s.exec(select(Filing).where(Filing.case_id == case.id)):
        if (f.id in skip or f.status == FilingStatus.DRAFT or f.withdrawn_on is not None
                or doc.kind not in FILED_WITH.get(f.kind, ())):
            continue
        return f"已随申请提交{f.forum or '受理机构'}"
    return ""


def issued_since(s: Session, case: Case, started: datetime) -> list[GeneratedDocument]:
    """The registered documents (not drafts, not voided) made at or after `started`."""
    return [d for d in s.exec(select(GeneratedDocument).where(
        GeneratedDocument.case_id == case.id, col(GeneratedDocument.draft).is_(False))
        .order_by(col(GeneratedDocument.id)))
        if d.withdrawn_on is None and _naive(d.created_at) >= _naive(started)]


def names(docs: Sequence[GeneratedDocument]) -> str:
    return "、".join(dict.fromkeys(f"《{d.file_name or d.kind}》" for d in docs))


def void_rows(docs: Sequence[GeneratedDocument], reason: str, on: date) -> None:
    for d in docs:
        d.withdrawn_on, d.withdrawn_reason = on, reason.strip()[:500]


@dataclass(frozen=True)
class DocumentRow:
    """One generated document as the 文书 tab lists it."""

    id: int
    kind: str
    file_name: str
    file_format: str
    sha256: str
    draft: bool
    created_at: datetime
    withdrawn_on: date | None
    withdrawn_reason: str
    received: str  # who has it (送达/提交), "" when nobody


@dataclass(frozen=True)
class DocumentList:
    rows: tuple[DocumentRow, ...]
    version: int  # the case version the list was read at (作废 is guarded by it)


class DocumentVoidService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.guard = CaseGuard(ctx)

    def documents(self, case_no: str) -> DocumentList:
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                raise NotFound(f"找不到案号为“{case_no}”的案件")
            docs = s.exec(select(GeneratedDocument).where(GeneratedDocument.case_id == case.id)
                          .order_by(col(GeneratedDocument.id)))
            rows = tuple(DocumentRow(d.id or 0, d.kind, d.file_name, d.file_format, d.sha256,
                                     d.draft, d.created_at, d.withdrawn_on, d.withdrawn_reason,
                                     "" if d.draft else received(s, case, d)) for d in docs)
            return DocumentList(rows, case.version)

    def void(self, case_no: str, document_id: int, reason: str, on: date,
             expected_version: int) -> int:
        """作废 one document with `reason` on `on`, under the case version; returns the case's
        new version. The row stays (the audit log keeps who voided it and why)."""
        problems = v.require(reason, "reason", "作废原因")
        problems += v.check_not_future(on, "withdrawn_on", "作废日期", self.ctx.today())
        v.raise_if_errors(problems)

        def change(s: Session, case: Case) -> None:
            doc = s.get(GeneratedDocument, document_id)
            if doc is None or doc.case_id != case.id:
                raise NotFound(f"案件 {case.case_no} 中没有这份文书（可能已被他人处理），请刷新")
            if doc.withdrawn_on is not None:
                raise AppError(f"《{doc.file_name}》已于{doc.withdrawn_on}作废，无须再次办理",
                               code="refused")
            void_rows([doc], reason, on)

        _none, version = self.guard.write(case_no, expected_version, change)
        return version
