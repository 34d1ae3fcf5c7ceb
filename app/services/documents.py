"""Documents of a case: check, render, register; stage packs; one application per worker."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import select

from app.documents.packs import STAGE_KINDS
from app.documents.templates import MissingField, load_template, missing_fields
from app.documents.templates import available_kinds as template_kinds
from app.errors import AppError, NotFound
from app.models import Case, GeneratedDocument
from app.services import deadline_store
from app.services.context import ServiceContext
from app.services.document_context import build_context
from app.services.preferences import DOCUMENT_FONT
from app.services.rights import RightsService

if TYPE_CHECKING:  # reportlab and python-docx load only when a document is made (CLI start-up)
    from app.documents.render import Job, Progress, RenderResult


def _render_jobs(ctx: ServiceContext, *args: Any, **kwargs: Any) -> list[RenderResult]:
    from app.documents import render

    # The administrator's font (设置 → 文书正文字体); empty: the best installed one.
    with ctx.session() as s:
        font = deadline_store.setting(s, DOCUMENT_FONT, "") or None
    return render.render_jobs(*args, font_setting=font, **kwargs)


def _job(kind: str, context: dict[str, Any], file_name: str) -> Job:
    from app.documents.render import Job

    return Job(kind, context, file_name)


STAGE_PACKS = {stage.value: kinds for stage, kinds in STAGE_KINDS.items()}
# The order a clerk meets the documents in, from the application to the archive.
ORDER = ["mediation_application", "oral_application_record", "acceptance_notice",
         "refusal_notice", "rights_notice", "evidence_list", "power_of_attorney",
         "service_receipt", "mediation_record", "mediation_agreement",
         "mediation_failure_notice", "arbitration_review_application",
         "judicial_confirmation_application", "payment_order_application",
         "arbitration_application", "legal_aid_application", "inspection_complaint",
         "civil_complaint", "file_cover", "file_index"]
SAFE = re.compile(r"[\\/:*?\"<>|\s]+")


@dataclass(frozen=True)
class KindInfo:
    kind: str
    title: str
    per: str | None


def _safe(text: str) -> str:
    return SAFE.sub("_", text).strip("_") or "文书"


class DocumentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def override_dir(self) -> Path:
        return self.ctx.config.templates_dir

    def kinds(self) -> list[KindInfo]:
        infos = []
        kinds = template_kinds()
        for kind in sorted(kinds, key=lambda k: (ORDER.index(k) if k in ORDER else len(ORDER), k)):
            template = load_template(kind, self.override_dir)
            infos.append(KindInfo(kind, template.title, template.per))
        return infos

    def context(self, case_no: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                raise NotFound(f"找不到案号为“{case_no}”的案件，请核对案号")
            context = build_context(s, case, self.ctx.today())
        # The rights check's breaches give the legal basis of 事实与理由 (none without answers).
        context["legal_basis"] = RightsService(self.ctx).legal_basis(case_no)
        titles = {k.kind: k.title for k in self.kinds()}
        for item in context["file_items"]:
            item["title"] = titles.get(item["title"], item["title"])
        context.update(extra or {})
        return context

    def jobs(self, case_no: str, kind: str, fmt: str, context: dict[str, Any] | None = None,
             *, per_applicant: bool = False) -> list[Job]:
        """One job, or one per respondent / agent (and per applicant for collective cases)."""
        if kind not in template_kinds():
            raise AppError(f"没有“{kind}”这种文书，可用 render --list 查看", code="unknown_kind")
        context = context if context is not None else self.context(case_no)
        template = load_template(kind, self.override_dir)
        stem = _safe(f"{case_no}-{template.title}")
        applicants = context["applicants"] if per_applicant else [context["applicant"]]
        jobs = []
        if template.per == "respondent":
            for a_index, applicant in enumerate(applicants):
                for r_index, respondent in enumerate(context["respondents"] or [None]):
                    suffix = "" if len(applicants) == 1 else f"-{a_index + 1:03d}{applicant['name']}"
                    if len(context["respondents"]) > 1:
                        suffix += f"-对{respondent['name'] if respondent else r_index + 1}"
                    jobs.append(_job(kind, {**context, "applicant": applicant,
                                           "respondent": respondent},
                                    _safe(stem + suffix) + f".{fmt}"))
        elif template.per == "agent":
            for party in context["applicants"] + context["respondents"]:
                for agent in party["agents"]:
                    jobs.append(_job(kind, {**context, "agent": agent, "principal": party,
                                           "counterparty": self._counterparty(context, party)},
                                    _safe(f"{stem}-{party['name']}-{agent['name']}") + f".{fmt}"))
        else:
            jobs.append(_job(kind, context, f"{stem}.{fmt}"))
        return jobs

    @staticmethod
    def _counterparty(context: dict[str, Any], party: dict[str, Any]) -> str:
        other = context["respondents"] if party["role"] == "applicant" else context["applicants"]
        return "、".join(p["name"] for p in other) or "对方当事人"

    def missing(self, case_no: str, kind: str) -> list[MissingField]:
        problems: list[MissingField] = []
        for job in self.jobs(case_no, kind, "pdf"):
            for field in missing_fields(load_template(kind, self.override_dir), job.context):
                if field not in problems:
                    problems.append(field)
        return problems

    def render(self, case_no: str, kind: str, fmt: str, out_path: Path, *,
               draft: bool = False, extra: dict[str, Any] | None = None) -> list[RenderResult]:
        """One kind; several files when it is written per respondent or per agent."""
        jobs = self.jobs(case_no, kind, fmt, self.context(case_no, extra))
        if not jobs:
            raise AppError("该案件没有需要出具此文书的对象（例如没有委托代理人）", code="nothing")
        out_path = Path(out_path)
        if len(jobs) == 1:
            jobs = [_job(jobs[0].kind, jobs[0].context, out_path.name)]
            folder = out_path.parent
        else:
            folder = out_path if out_path.suffix == "" else out_path.parent
        results = _render_jobs(self.ctx, jobs, fmt, folder, draft=draft, override_dir=self.override_dir)
        self._register(case_no, results)
        return results

    def render_pack(self, case_no: str, stage: str, out_dir: Path, fmt: str = "pdf", *,
                    draft: bool = False, progress: Progress | None = None,
                    cancel: threading.Event | None = None,
                    extra: dict[str, Any] | None = None) -> list[RenderResult]:
        if stage not in STAGE_PACKS:
            raise AppError(f"没有“{stage}”阶段的文书包，可选：{'、'.join(STAGE_PACKS)}",
                           code="unknown_stage")
        context = self.context(case_no, extra)
        jobs = [job for kind in STAGE_PACKS[stage] for job in self.jobs(case_no, kind, fmt, context)]
        results = _render_jobs(self.ctx, jobs, fmt, Path(out_dir), draft=draft,
                              override_dir=self.override_dir, progress=progress, cancel=cancel)
        self._register(case_no, results)
        return results

    def collective_applications(self, case_no: str, out_dir: Path, fmt: str = "pdf", *,
                                progress: Progress | None = None,
                                cancel: threading.Event | None = None) -> list[RenderResult]:
        """A collective dispute: one arbitration application per worker and respondent."""
        jobs = self.jobs(case_no, "arbitration_application", fmt, per_applicant=True)
        results = _render_jobs(self.ctx, jobs, fmt, Path(out_dir), override_dir=self.override_dir,
                              progress=progress, cancel=cancel)
        self._register(case_no, results)
        return results

    def _register(self, case_no: str, results: list[RenderResult]) -> None:
        if not results:
            return
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).one()
            for r in results:
                s.add(GeneratedDocument(case_id=case.id, kind=r.kind, file_format=r.fmt,  # type: ignore[arg-type]
                                        template_version=r.template_version, sha256=r.sha256,
                                        file_name=r.path.name, draft=r.draft,
                                        created_by=self.ctx.user))
            s.commit()

    def history(self, case_no: str) -> list[GeneratedDocument]:
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                raise NotFound(f"找不到案号为“{case_no}”的案件")
            return list(s.exec(select(GeneratedDocument)
                               .where(GeneratedDocument.case_id == case.id)))
