"""Render a document kind from a plain context to DOCX or PDF; stage packs with progress."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.documents.blocks import Block
from app.documents.docx_writer import write_docx
from app.documents.fonts import choose_fonts
from app.documents.pdf_writer import write_pdf
from app.documents.templates import (
    DocumentError,
    MissingField,
    Template,
    TemplateError,
    load_template,
    missing_fields,
    render_blocks,
    with_placeholders,
)
from app.errors import AppError
from app.fileutil import atomic_write_bytes

FORMATS = ("pdf", "docx")
Progress = Callable[[int, int, str], bool | None]


# Where in the program a missing field is filled in, by the first name of its path.
SCREENS = {
    "applicant": "当事人页", "applicants": "当事人页", "respondent": "当事人页",
    "respondents": "当事人页", "third_parties": "当事人页", "joint_parties": "当事人页",
    "principal": "当事人页", "agent": "当事人页的代理人", "claims": "请求事项页",
    "evidence": "证据页", "witnesses": "证据页的证人", "session": "调解页", "sessions": "调解页",
    "agreement": "调解协议页", "debtor_terms": "调解协议页的履行条款",
    "payment_order_amount": "调解协议页的履行条款", "court": "申请页的受理机构",
    "arbitration_commission": "申请页的受理机构", "inspection_authority": "申请页的受理机构",
    "org": "设置页的本单位信息", "documents_served": "生成文书前的补充内容",
    "served_on": "生成文书前的补充内容",
    "workers": "当事人页", "representative_parties": "当事人页的集体争议代表人",
    "arbitration_filing": "申请页", "execution_title": "申请页的执行依据",
    "intermediate_court": "申请页的受理机构", "enforcement_court": "申请页的受理机构",
}


def screen_for(path: str) -> str:
    """申请人通讯地址 is fixed on 当事人页, 事实与理由 on 概况页…; the rest before generating."""
    if path.startswith("case."):
        return "概况页"
    head = path.split(".", 1)[0].split("[", 1)[0]
    return SCREENS.get(head, "生成文书前的补充内容")


class MissingData(DocumentError):
    """Required fields are empty; nothing was written. `missing` lists them field by field,
    each with the screen where the clerk fills it in (never the field's internal path)."""

    code = "missing_data"

    def __init__(self, title: str, missing: list[MissingField]) -> None:
        self.missing = missing
        lines = "\n".join(f"  - {m.label}（{screen_for(m.path)}）" for m in missing)
        super().__init__(f"《{title}》还缺少以下内容，请先填写（或选择生成草稿）：\n{lines}")


@dataclass(frozen=True)
class RenderResult:
    kind: str
    title: str
    template_version: str
    fmt: str
    path: Path
    sha256: str
    pages: int | None
    draft: bool
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Job:
    kind: str
    context: dict[str, Any]
    file_name: str


def prepare(kind: str, context: dict[str, Any], *, draft: bool = False,
            override_dir: Path | None = None,
            template: Template | None = None) -> tuple[Template, list[Block]]:
    """Check the required fields, then build the blocks; raises before anything is written.

    `template`: an unsaved text from the template editor instead of the stored one."""
    template = template or load_template(kind, override_dir)
    missing = missing_fields(template, context)
    if missing and not draft:
        raise MissingData(template.title, missing)
    blocks = render_blocks(template, with_placeholders(context, missing) if missing else context,
                           override_dir, draft=draft)
    return template, blocks


def render(kind: str, context: dict[str, Any], fmt: str, out_path: Path, *,
           draft: bool = False, override_dir: Path | None = None,
           font_setting: str | None = None, template: Template | None = None) -> RenderResult:
    if fmt not in FORMATS:
        raise AppError(f"不支持的格式“{fmt}”，可选 pdf 或 docx", code="format")
    template, blocks = prepare(kind, context, draft=draft, override_dir=override_dir,
                               template=template)
    warnings: tuple[str, ...] = ()
    pages: int | None = None
    if fmt == "pdf":
        fonts = choose_fonts(font_setting)
        data, pages = write_pdf(blocks, fonts, draft=draft, title=template.title)
        warnings = (fonts.warning,) if fonts.warning else ()
    else:
        data = write_docx(blocks, draft=draft)
    atomic_write_bytes(Path(out_path), data)
    return RenderResult(kind, template.title, template.version, fmt, Path(out_path),
                        hashlib.sha256(data).hexdigest(), pages, draft, warnings)


def render_jobs(jobs: Sequence[Job], fmt: str, out_dir: Path, *, draft: bool = False,
                override_dir: Path | None = None, progress: Progress | None = None,
                cancel: threading.Event | None = None,
                font_setting: str | None = None) -> list[RenderResult]:
    """Render several documents; stops (keeping those done) when cancelled or progress says no.

    Every document is checked first, so a pack with missing data fails before writing any file.
    """
    if not draft:
        for job in jobs:
            prepare(job.kind, job.context, override_dir=override_dir)
    results = []
    for done, job in enumerate(jobs):
        if cancel is not None and cancel.is_set():
            break
        results.append(render(job.kind, job.context, fmt, Path(out_dir) / job.file_name,
                              draft=draft, override_dir=override_dir,
                              font_setting=font_setting))
        if progress is not None and progress(done + 1, len(jobs), job.file_name) is False:
            break
    return results


__all__ = ["FORMATS", "Job", "MissingData", "RenderResult", "TemplateError", "render",
           "render_jobs", "prepare"]
