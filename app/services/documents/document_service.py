"""Documents of a case: check, render, register; stage packs; one application per worker.

The case is read as a CaseData snapshot (`case_data.py`) and handed to the pure document layer
(`app.documents.api`), which builds every template context and decides how many files a kind
needs; the document tests use that same layer, so they test what the clerk gets.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import select

from app.documents.case_context import build_context
from app.documents.data import CaseData
from app.documents.packs import (
    FREE_TEXT,
    GROUP_OF,
    OTHER_GROUP,
    REPRESENTATIVE_KINDS,
    STAGE_KINDS,
    kind_order,
)
from app.documents.templates import MissingField, load_template, missing_fields
from app.documents.templates import available_kinds as template_kinds
from app.errors import AppError, NotFound
from app.models import Case, GeneratedDocument
from app.services.admin.preferences import DOCUMENT_FONT
from app.services.context import ServiceContext
from app.services.documents.case_data import load_case_data
from app.services.documents.filing_setup import FilingSetup, ForumChoice
from app.services.knowledge.rights_service import RightsService
from app.services.security.accounts import Permission, require_permission
from app.services.workflow import deadline_store
from app.workflow.filing.dates import DateCheck

if TYPE_CHECKING:  # reportlab and python-docx load only when a document is made (CLI start-up)
    from app.documents.render import Job, Progress, RenderResult


def _font(ctx: ServiceContext) -> str | None:
    """The administrator's font (设置 → 文书正文字体); None: the best installed one."""
    with ctx.session() as s:
        return deadline_store.setting(s, DOCUMENT_FONT, "") or None


def _render_jobs(ctx: ServiceContext, *args: Any, **kwargs: Any) -> list[RenderResult]:
    from app.documents import render

    return render.render_jobs(*args, font_setting=_font(ctx), **kwargs)


STAGE_PACKS = {stage.value: kinds for stage, kinds in STAGE_KINDS.items()}
def _noted(results: list[RenderResult], notes: list[str]) -> list[RenderResult]:
    """The forum's and the filing date's warnings go with every file they concern."""
    if not notes:
        return results
    return [replace(r, warnings=tuple(dict.fromkeys((*notes, *r.warnings)))) for r in results]


@dataclass(frozen=True)
class KindInfo:
    kind: str
    title: str
    per: str | None
    group: str = OTHER_GROUP  # the stage heading it is listed under (packs.GROUPS)
    representative_kind: str | None = None  # a collective dispute's representatives' version
    variant_of: str | None = None  # this kind is that kind's representatives' version


class DocumentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.filings = FilingSetup(ctx)

    @property
    def override_dir(self) -> Path:
        return self.ctx.config.templates_dir

    def kinds(self) -> list[KindInfo]:
        """Every kind in the one table's order (app/documents/packs.py), with its stage."""
        infos = []
        variants = {v: k for k, v in REPRESENTATIVE_KINDS.items()}
        for kind in sorted(template_kinds(), key=kind_order):
            template = load_template(kind, self.override_dir)
            infos.append(KindInfo(kind, template.title, template.per,
                                  GROUP_OF.get(kind, OTHER_GROUP),
                                  REPRESENTATIVE_KINDS.get(kind), variants.get(kind)))
        return infos

    def typed_fields(self, kind: str) -> list[tuple[str, str]]:
        """The texts a clerk types just before generating this kind (生成文书前的补充内容),
        as (field, Chinese label), in the template's order; passed back as `extra`."""
        body = load_template(kind, self.override_dir).source.read_text(encoding="utf-8")
        found = sorted((m.start(), key) for key in FREE_TEXT
                       if (m := re.search(rf"\b{key}\b", body)) is not None)
        return [(key, FREE_TEXT[key]) for _, key in found]

    def typed_defaults(self, case_no: str, kind: str) -> dict[str, str]:
        """What a typed field (补充内容) reads when left empty, from the case record (申请执行
        事项 and 标的 from the unperformed terms): each file's own value, joined when several
        files (one per debtor) differ."""
        keys = [key for key, _label in self.typed_fields(kind)]
        found: dict[str, list[str]] = {}
        for job in self.jobs(self.prepared(case_no, [kind])[0], kind, "pdf"):
            for key in keys:
                value = job.context.get(key)
                if value not in (None, "") and str(value) not in found.setdefault(key, []):
                    found[key].append(str(value))
        return {key: "；".join(values) for key, values in found.items() if values}

    def case_texts(self, case_no: str, kind: str) -> list[tuple[str, str, str]]:
        """The case's own texts this kind prints (事实与理由), as (case field, Chinese label,
        current text): asked for before generating and saved to the case, not typed into
        the Word file."""
        body = load_template(kind, self.override_dir).source.read_text(encoding="utf-8")
        if not re.search(r"\bcase\.facts\b", body):
            return []
        return [("facts", "事实与理由", self.case_data(case_no).facts_and_reasons or "")]

    def uses_evidence(self, kind: str) -> bool:
        """Whether the kind lists the case's evidence (证据目录, 仲裁申请书, 起诉状…): the
        documents dialog then offers the items, and a new one, before generating."""
        body = load_template(kind, self.override_dir).source.read_text(encoding="utf-8")
        return re.search(r"\bevidence\b", body) is not None

    def is_collective(self, case_no: str) -> bool:
        """A collective dispute (调解仲裁法 art 7): its applications are per worker or by the
        representatives."""
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                raise NotFound(f"找不到案号为“{case_no}”的案件，请核对案号")
            return bool(case.collective)

    def case_data(self, case_no: str, extra: dict[str, Any] | None = None) -> CaseData:
        """The case as its documents see it; `extra` adds fields an organisation's template reads."""
        titles = {k.kind: k.title for k in self.kinds()}
        # The rights check's breaches give the legal basis of 事实与理由 (none without answers).
        legal_basis = RightsService(self.ctx).legal_basis(case_no)
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                raise NotFound(f"找不到案号为“{case_no}”的案件，请核对案号")
            return load_case_data(s, case, self.ctx.today(), titles=titles,
                                  legal_basis=legal_basis, extra=extra)

    def prepared(self, case_no: str, kinds: list[str], extra: dict[str, Any] | None = None, *,
                 filing_date: date | None = None,
                 forum: str | None = None) -> tuple[CaseData, list[str]]:
        """The snapshot with each kind's forum and filing date (`extra["by_kind"]`), and the
        warnings about them (a late filing, an unverified forum). A filing date before the
        event it depends on raises AppError: nothing is written."""
        by_kind, warnings = self.filings.by_kind(case_no, kinds, filing_date, forum)
        return self.case_data(case_no, {**(extra or {}), "by_kind": by_kind}), warnings

    def forum_choice(self, case_no: str, kind: str) -> ForumChoice | None:
        """The forum a document of `kind` is addressed to (the filing's, or the rules')."""
        return self.filings.choice(case_no, kind)

    def check_filing_date(self, case_no: str, kind: str, filed_on: date) -> DateCheck:
        return self.filings.check_date(case_no, kind, filed_on)

    def context(self, case_no: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """The template context of the case (the one builder every document uses)."""
        return build_context(self.case_data(case_no, extra))

    def jobs(self, data: CaseData, kind: str, fmt: str, *,
             per_worker: bool = False, collective: str | None = None) -> list[Job]:
        """One file, or one per respondent / agent (and per worker with `per_worker`).

        collective: "worker" — one application per worker, each with that worker's own
        claims; "representative" — the representatives' one application with the list of
        workers."""
        from app.documents import api
        from app.documents.render import Job

        if kind not in template_kinds():
            raise AppError(f"没有“{kind}”这种文书，可用 render --list 查看", code="unknown_kind")
        return [Job(job.kind, job.context, f"{job.stem}.{fmt}")
                for job in api.jobs(kind, data, expand=True, per_worker=per_worker,
                                    collective=collective, override_dir=self.override_dir)]

    def missing(self, case_no: str, kind: str) -> list[MissingField]:
        problems: list[MissingField] = []
        template = load_template(kind, self.override_dir)
        for job in self.jobs(self.prepared(case_no, [kind])[0], kind, "pdf"):
            for field in missing_fields(template, job.context):
                if field not in problems:
                    problems.append(field)
        return problems

    def render(self, case_no: str, kind: str, fmt: str, out_path: Path, *,
               draft: bool = False, extra: dict[str, Any] | None = None,
               collective: str | None = None, filing_date: date | None = None,
               forum: str | None = None,
               evidence: Sequence[int] | None = None) -> list[RenderResult]:
        """One kind; several files when it is written per respondent, per agent, or (in a
        collective dispute, `collective="worker"`) per worker. An application is dated
        `filing_date` (today when None) and addressed to `forum` (the filing's or the rules'
        when None); a late date is warned about in each result. `evidence`: the numbers of
        the case's evidence items this document lists (renumbered from 1; None: all)."""
        from app.documents.render import Job

        self._may_register()
        data, notes = self.prepared(case_no, [kind], extra, filing_date=filing_date,
                                    forum=forum)
        if evidence is not None:
            picked = [e for e in data.evidence if e.seq in set(evidence)]
            data = replace(data, evidence=tuple(replace(e, seq=i)
                                                for i, e in enumerate(picked, start=1)))
        jobs = self.jobs(data, kind, fmt, collective=collective)
        if not jobs:
            raise AppError("该案件没有需要出具此文书的对象（例如没有委托代理人）", code="nothing")
        out_path = Path(out_path)
        if len(jobs) == 1:
            jobs = [Job(jobs[0].kind, jobs[0].context, out_path.name)]
            folder = out_path.parent
        else:
            folder = out_path if out_path.suffix == "" else out_path.parent
        body = load_template(kind, self.override_dir).source.read_text(encoding="utf-8")
        notes += self.filings.document_notes(body, [job.context for job in jobs])
        results = _render_jobs(self.ctx, jobs, fmt, folder, draft=draft,
                               override_dir=self.override_dir)
        self._register(case_no, results)
        return _noted(results, notes)

    def render_pack(self, case_no: str, stage: str, out_dir: Path, fmt: str = "pdf", *,
                    draft: bool = False, progress: Progress | None = None,
                    cancel: threading.Event | None = None,
                    extra: dict[str, Any] | None = None,
                    filing_date: date | None = None) -> list[RenderResult]:
        """A stage's documents, numbered in filing order; a collective dispute's applications
        once per worker."""
        from app.documents import api

        if stage not in STAGE_PACKS:
            raise AppError(f"没有“{stage}”阶段的文书包，可选：{'、'.join(STAGE_PACKS)}",
                           code="unknown_stage")
        self._may_register()
        data, notes = self.prepared(case_no, list(STAGE_PACKS[stage]), extra,
                                    filing_date=filing_date)
        for kind in STAGE_PACKS[stage]:
            body = load_template(kind, self.override_dir).source.read_text(encoding="utf-8")
            notes += self.filings.document_notes(body, [j.context
                                                        for j in self.jobs(data, kind, fmt)])
        pack = api.render_pack(stage, data, fmt, Path(out_dir),
                               progress=progress, cancel=cancel, draft=draft,
                               override_dir=self.override_dir, font_setting=_font(self.ctx))
        self._register(case_no, pack.results)
        return _noted(pack.results, notes)

    def collective_applications(self, case_no: str, out_dir: Path, fmt: str = "pdf", *,
                                progress: Progress | None = None,
                                cancel: threading.Event | None = None) -> list[RenderResult]:
        """A collective dispute: one arbitration application per worker and respondent."""
        self._may_register()
        jobs = self.jobs(self.prepared(case_no, ["arbitration_application"])[0],
                         "arbitration_application", fmt, per_worker=True)
        results = _render_jobs(self.ctx, jobs, fmt, Path(out_dir), override_dir=self.override_dir,
                               progress=progress, cancel=cancel)
        self._register(case_no, results)
        return results

    def _may_register(self) -> None:
        """Every file written is registered on the case: a role (or a read-only data folder)
        that may not write case data is refused before any file is written."""
        require_permission(self.ctx.role, self.ctx.user, Permission.CASE_WRITE,
                           read_only=self.ctx.read_only, where=str(self.ctx.config.data_dir))

    def _register(self, case_no: str, results: list[RenderResult]) -> None:
        if not results:
            return
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).one()
            for r in results:
                s.add(GeneratedDocument(case_id=case.id, kind=r.kind, file_format=r.fmt,  # type: ignore[arg-type]
                                        template_version=r.template_version, sha256=r.sha256,
                                        file_name=r.path.name, pages=r.pages or 0,
                                        draft=r.draft,
                                        created_by=self.ctx.user))
            s.commit()

    def history(self, case_no: str) -> list[GeneratedDocument]:
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                raise NotFound(f"找不到案号为“{case_no}”的案件")
            return list(s.exec(select(GeneratedDocument)
                               .where(GeneratedDocument.case_id == case.id)))
