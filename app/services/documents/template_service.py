"""The template editor's work: an organisation adapts a document's wording without Python.

An organisation's copy of a template lives in its templates folder (config.templates_dir) and
wins over the shipped one. Saving checks the text first (header, Jinja syntax, the sandbox, the
fields it names) by rendering it for the sample case, so a broken template never reaches a clerk
who is printing. Each save or revert also writes a settings row `document_template.<kind>`
(title, fingerprint): the change is then administrator-only (the settings table is) and appears
in the audit log like every other change, with who and when.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.documents.case_context import build_context
from app.documents.sample import SAMPLE_CASE
from app.documents.templates import (
    DEFAULT_DIR,
    MAX_TEMPLATE_BYTES,
    Template,
    TemplateError,
    available_kinds,
    load_template,
    missing_fields,
    parse_template,
    render_blocks,
    with_placeholders,
)
from app.errors import AppError
from app.fileutil import atomic_write_bytes
from app.models import Setting
from app.services.admin.preferences import DOCUMENT_FONT
from app.services.context import ServiceContext
from app.services.security.accounts import Permission, require_permission
from app.services.workflow import deadline_store

SETTING_PREFIX = "document_template."


@dataclass(frozen=True)
class TemplateInfo:
    kind: str
    title: str
    version: str
    customised: bool  # the organisation's own copy is in use


@dataclass(frozen=True)
class TemplateField:
    path: str  # as written in a template: {{ case_no }}, {{ applicants[0].name }}
    example: str  # its value for the sample case


@dataclass(frozen=True)
class CheckResult:
    template: Template
    missing_for_sample: tuple[str, ...]  # required fields the sample lacks (labels)


class TemplateService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def folder(self) -> Path:
        return self.ctx.config.templates_dir

    def _own(self, kind: str) -> Path:
        if kind not in available_kinds():
            raise AppError(f"没有“{kind}”这种文书", code="unknown_kind")
        return self.folder / f"{kind}.tpl"

    def kinds(self) -> list[TemplateInfo]:
        out = []
        for kind in available_kinds():
            try:
                template = load_template(kind, self.folder)
            except TemplateError:  # a broken own copy: still listed, so it can be reverted
                template = load_template(kind, None)
            out.append(TemplateInfo(kind, template.title, template.version,
                                    self._own(kind).is_file()))
        return out

    def text(self, kind: str) -> str:
        """The text in use: the organisation's copy if there is one, else the shipped one."""
        own = self._own(kind)
        return own.read_text(encoding="utf-8") if own.is_file() else self.shipped_text(kind)

    def shipped_text(self, kind: str) -> str:
        self._own(kind)
        return (DEFAULT_DIR / f"{kind}.tpl").read_text(encoding="utf-8")

    def fields(self) -> list[TemplateField]:
        """What a template may name, with the sample case's value as the example."""
        return list(_flatten(build_context(SAMPLE_CASE)))

    def check(self, kind: str, text: str) -> CheckResult:
        """Parse and render `text` for the sample case; raises TemplateError naming the line."""
        own = self._own(kind)
        if len(text.encode("utf-8")) > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"模板超过{MAX_TEMPLATE_BYTES // 1024} KB，不像是一份文书模板")
        template = parse_template(kind, text, own)
        context = build_context(SAMPLE_CASE)
        missing = missing_fields(template, context)
        render_blocks(template, with_placeholders(context, missing) if missing else context,
                      self.folder)
        return CheckResult(template, tuple(m.label for m in missing))

    def preview(self, kind: str, text: str, out_path: Path) -> Path:
        """The sample case's document from an unsaved text, as a PDF at `out_path`."""
        from app.documents.render import render

        result = self.check(kind, text)
        with self.ctx.session() as s:
            font = deadline_store.setting(s, DOCUMENT_FONT, "") or None
        render(kind, build_context(SAMPLE_CASE), "pdf", out_path, draft=True,
               override_dir=self.folder, font_setting=font, template=result.template)
        return out_path

    def save(self, kind: str, text: str) -> TemplateInfo:
        """Check, then store the organisation's copy (administrators only)."""
        result = self.check(kind, text)
        data = text.encode("utf-8")
        self._record(kind, {"title": result.template.title, "version": result.template.version,
                            "sha256": hashlib.sha256(data).hexdigest()},
                     lambda: atomic_write_bytes(self._own(kind), data))
        return TemplateInfo(kind, result.template.title, result.template.version, True)

    def revert(self, kind: str) -> TemplateInfo:
        """Back to the shipped version: the organisation's copy is removed."""
        own = self._own(kind)
        self._record(kind, None, lambda: own.unlink(missing_ok=True))
        shipped = load_template(kind, None)
        return TemplateInfo(kind, shipped.title, shipped.version, False)

    def _record(self, kind: str, value: dict[str, str] | None, write: Any) -> None:
        """The settings row first (it checks the role), the file inside the same transaction:
        a refused role or a failed write leaves both as they were."""
        require_permission(self.ctx.role, self.ctx.user, Permission.ADMIN)
        key = SETTING_PREFIX + kind
        with self.ctx.session() as s:
            row = s.get(Setting, key)
            if value is None:
                if row is None:
                    return write()
                s.delete(row)
            else:
                row = row or Setting(key=key)
                row.value = value
                s.add(row)
            s.flush()  # the role check and the audit entry happen here
            try:
                write()
            except OSError as exc:
                raise AppError(f"无法写入模板文件（{self._own(kind)}）：{exc.strerror or exc}",
                               code="io") from exc
            s.commit()


def _flatten(value: Any, path: str = "", depth: int = 0):
    """Field paths of a template context: dicts by key, lists by their first element."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if isinstance(key, str) and not key.startswith("_") and depth < 3:
                yield from _flatten(inner, f"{path}.{key}" if path else key, depth + 1)
        return
    if isinstance(value, list | tuple):
        if value and isinstance(value[0], dict):
            yield from _flatten(value[0], f"{path}[0]", depth)
        else:
            yield TemplateField(path, "、".join(str(v) for v in value[:3]))
        return
    if callable(value):
        return
    yield TemplateField(path, "" if value is None else str(value))
