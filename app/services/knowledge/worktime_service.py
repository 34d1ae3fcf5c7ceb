"""Work-time analysis of a case (工作时长): a platform's order export analysed with the rest rule
of the case's city, kept as evidence (hashed) and feeding the rights check.

The analysis itself is app/knowledge/worktime.py; the file is read through KnowledgeService so
the CLI `worktime` and this tab give the same figures. What the rights check uses is the answers
the orders establish, stored with the case as a `case_answers` row of kind "worktime"; the
user's own answers in 权益核查 win over them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from app.errors import AppError, FieldError, StorageError, ValidationFailed
from app.knowledge.errors import KnowledgeError
from app.knowledge.order_import import FIELD_LABELS, REQUIRED_FIELDS
from app.knowledge.table_file import cell_text, read_table
from app.knowledge.worktime import WorkTimeReport
from app.models import utcnow
from app.models.enums import EvidenceForm
from app.services.cases.case_service import answers_row, case_by_no, keep_answers
from app.services.cases.records import insert_evidence, register_stored_file
from app.services.context import ServiceContext
from app.services.imports.tables import ColumnMappings, normal_header
from app.services.knowledge.knowledge_service import KnowledgeService
from app.services.security.file_store import FileStore

WORKTIME = "worktime"  # case_answers.kind
MAPPING_FILE = "order-import-mapping.json"
PROVES = "工作时间、连续工作与休息情况"
# Headers other platforms' exports use for our fields, tried after the remembered mapping.
# The field's own name comes first; English export headers are compared without case, spaces,
# "_" or "-" (tables.normal_header).
ALIASES = {
    "order_id": ("order_id", "订单号", "订单编号", "订单ID", "运单号", "order_no", "order_number",
                 "waybill_no"),
    "accepted_at": ("accepted_at", "接单时间", "接单时刻", "抢单时间", "accept_time",
                    "accepted_time", "grab_time"),
    "delivered_at": ("delivered_at", "送达时间", "完成时间", "送达时刻", "妥投时间",
                     "delivery_time", "delivered_time", "finished_at", "completed_at"),
    "platform": ("platform", "平台", "平台名称", "所属平台", "platform_name"),
}


@dataclass(frozen=True)
class WorkTimeAnalysis:
    case_no: str
    file_name: str
    mapping: dict[str, str]  # our field → column header used
    report: WorkTimeReport
    problems: tuple[str, ...]  # rows that could not be read, "第N行：原因"
    file_sha256: str | None = None  # set once the file is stored with the case
    evidence_id: int | None = None  # set by attach

    @property
    def rule_citation(self) -> str:
        rule = self.report.rest_rule
        return (rule.source or "") if rule else ""


def stored_answers(report: WorkTimeReport) -> dict[str, object]:
    """The report's questionnaire answers as JSON values (Decimals as exact text)."""
    return {k: format(v, "f") if isinstance(v, Decimal) else v
            for k, v in report.rights_answers().items()}


class WorkTimeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.files = FileStore(ctx.config.files_dir)
        self.mappings = ColumnMappings(ctx.config.data_dir, MAPPING_FILE)

    # --- columns ---------------------------------------------------------------------------
    @staticmethod
    def headers(path: Path | str) -> list[str]:
        """The column headers of an order file (its first non-empty row)."""
        try:
            table = read_table(path, what="订单文件")
        except KnowledgeError as exc:
            raise AppError(exc.message, code=exc.code) from exc
        for _line, row in table.rows:
            cells = [cell_text(c) for c in row]
            if any(cells):
                return [c for c in cells if c]
        raise AppError("订单文件是空的（没有表头），请检查导出的文件", code="empty_order_file")

    def guess_mapping(self, case_no: str, headers: list[str]) -> dict[str, str] | None:
        """The columns of our fields found among `headers`: the organisation's remembered
        mapping first, then the usual header names; None when a required one is not found."""
        organisation = self._case_facts(case_no)[1]
        remembered = self.remembered_mapping(organisation)
        mapping: dict[str, str] = {}
        present = {}
        for header in headers:
            present.setdefault(normal_header(header), header)
        for field, names in ALIASES.items():
            candidates = ([remembered[field]] if field in remembered else []) + list(names)
            found = next((present[normal_header(n)] for n in candidates
                          if normal_header(n) in present), None)
            if found:
                mapping[field] = found
        return mapping if all(f in mapping for f in REQUIRED_FIELDS) else None

    def remembered_mapping(self, organisation_id: int) -> dict[str, str]:
        return {k: v for k, v in self.mappings.remembered(organisation_id).items()
                if k in FIELD_LABELS and v}

    # --- analysis --------------------------------------------------------------------------
    def analyse_file(self, case_no: str, path: Path | str,
                     mapping: Mapping[str, str] | None = None) -> WorkTimeAnalysis:
        """A preview with the rest rule of the case's city; writes nothing."""
        path = Path(path)
        city = self._case_facts(case_no)[0]
        used = self._mapping(case_no, path, mapping)
        report, problems = self._analyse(path, city, used)
        return WorkTimeAnalysis(case_no, path.name, used, report, tuple(problems))

    def attach(self, case_no: str, path: Path | str,
               mapping: Mapping[str, str] | None = None) -> WorkTimeAnalysis:
        """Keep the order file as case evidence and its figures for the rights check, in one
        transaction; an earlier attached analysis of the case is replaced. A file without a
        single valid order is refused and nothing is written."""
        path = Path(path)
        try:
            data = path.read_bytes()  # read once: what is analysed is exactly what is stored
        except OSError as exc:
            raise ValidationFailed([FieldError("file", f"无法读取订单文件“{path.name}”："
                                                       f"{exc.strerror or exc}")]) from None
        city, organisation = self._case_facts(case_no)
        used = self._mapping(case_no, path, mapping)
        report, problems = self._analyse_bytes(data, path.name, city, used)
        if not report.orders:
            detail = f"（{'；'.join(problems[:3])}{'等' if len(problems) > 3 else ''}）" \
                if problems else ""
            raise ValidationFailed([FieldError(
                "file", f"订单文件“{path.name}”中没有一笔可用的订单{detail}，未保存。"
                        "请检查列对应关系和时间格式后重新导入")])
        if mapping:  # the columns resolved, so the mapping is right: keep it for next time
            self.mappings.remember(organisation, used)
        sha = self.files.put_bytes(data)  # the file before the rows that point at it
        with self.ctx.session() as s:
            case = case_by_no(s, case_no)
            assert case.id is not None
            register_stored_file(s, sha, len(data), path.name)
            evidence = insert_evidence(
                s, case, name=f"平台订单记录（{_short(path.name, 150)}）",
                source=_short(_source(report, path.name), 200), proves=PROVES,
                form=EvidenceForm.ELECTRONIC, file_sha256=sha)
            keep_answers(s, case, WORKTIME, {
                "file_sha256": sha, "file_name": path.name, "mapping": dict(used),
                "evidence_id": evidence.id, "answers": stored_answers(report)}, self.ctx.user)
            case.updated_at = utcnow()
            s.commit()
            evidence_id = evidence.id
        return WorkTimeAnalysis(case_no, path.name, used, report, tuple(problems), sha,
                                evidence_id)

    def stored(self, case_no: str) -> WorkTimeAnalysis | None:
        """The attached analysis re-computed from the stored file (with the case's current
        city), or None; a stored file that was changed or lost is reported, not analysed."""
        with self.ctx.session() as s:
            case = case_by_no(s, case_no)
            row = answers_row(s, case, WORKTIME)
            if row is None:
                return None
            kept, city = dict(row.answers), case.city
        sha, name = str(kept.get("file_sha256", "")), str(kept.get("file_name", "订单文件"))
        mapping = kept.get("mapping")
        if not sha or not isinstance(mapping, dict):
            raise AppError("本案保存的工作时长分析记录不完整，请重新导入订单记录", code="bad_worktime")
        try:
            data = self.files.read_verified(sha)
        except StorageError as exc:
            raise StorageError(f"订单记录“{name}”无法使用：{exc.message}") from exc
        report, problems = self._analyse_bytes(data, name, city, mapping)
        evidence = kept.get("evidence_id")
        return WorkTimeAnalysis(case_no, name, dict(mapping), report, tuple(problems), sha,
                                evidence if isinstance(evidence, int) else None)

    def answers(self, case_no: str) -> dict[str, object]:
        """The questionnaire answers the attached order file established ({} without one)."""
        with self.ctx.session() as s:
            row = answers_row(s, case_by_no(s, case_no), WORKTIME)
            kept = row.answers.get("answers") if row else None
        return dict(kept) if isinstance(kept, dict) else {}

    # --- helpers ---------------------------------------------------------------------------
    def _mapping(self, case_no: str, path: Path,
                 mapping: Mapping[str, str] | None) -> dict[str, str]:
        if mapping:
            return {k: v for k, v in mapping.items() if v}
        found = self.guess_mapping(case_no, self.headers(path))
        if found is None:
            names = "、".join(FIELD_LABELS[f] for f in REQUIRED_FIELDS)
            raise AppError(f"无法识别订单文件“{path.name}”的表头，请指定{names}各在哪一列",
                           code="mapping_needed")
        return found

    def _analyse(self, path: Path, city: str, mapping: Mapping[str, str]
                 ) -> tuple[WorkTimeReport, list[str]]:
        return KnowledgeService(self.ctx).worktime(path, city=city or None, mapping=dict(mapping))

    def _analyse_bytes(self, data: bytes, name: str, city: str, mapping: Mapping[str, str]
                       ) -> tuple[WorkTimeReport, list[str]]:
        # The reader takes a path; the file's own name keeps the messages about it readable.
        with tempfile.TemporaryDirectory(prefix="worktime-") as folder:
            copy = Path(folder) / (Path(name).name or "orders.csv")
            copy.write_bytes(data)
            return self._analyse(copy, city, mapping)

    def _case_facts(self, case_no: str) -> tuple[str, int]:
        with self.ctx.session() as s:
            case = case_by_no(s, case_no)
            return case.city, case.organisation_id


def _source(report: WorkTimeReport, file_name: str) -> str:
    platforms = list(dict.fromkeys(o.platform for o in report.orders if o.platform))
    return "、".join(platforms) + "导出" if platforms else f"平台导出文件 {file_name}"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

