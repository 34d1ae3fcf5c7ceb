"""Document templates: text files with Jinja placeholders and block markers.

Defaults ship in resources/templates/<kind>.tpl; an organisation's own copy of the same name in
its templates folder wins. Header lines (before any content) declare metadata and the fields a
document cannot do without:
  ::meta title 调解协议书
  ::meta version 2026.1
  ::meta per respondent          (one document per respondent / agent / debtor / worker)
  ::meta split debtor            (a `per worker` kind split again per debtor owing under
                                  the agreement: 强制执行申请书)
  ::meta basis 《…法》第…条       (the legal basis, never printed; each kind has one)
  ::require applicants[0].id_number 申请人身份证号码
  ::require respondents[*].phone 被申请人联系电话   (each respondent's, named when several)
"""

from __future__ import annotations

import copy
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError

from app.documents.amounts import cn_date, figures, money, rmb_upper
from app.documents.blocks import Block, BlockSyntaxError, parse_blocks
from app.documents.case_context import joint_parties
from app.documents.sandbox import DocumentSandbox, TemplateLimit, render_budget
from app.errors import AppError
from app.resources import resource_path

DEFAULT_DIR = resource_path("templates")
MAX_TEMPLATE_BYTES = 256 * 1024  # the largest shipped template is about 3 KB
PATH_TOKEN = re.compile(r"([A-Za-z_][A-Za-z_0-9]*)|\[(\d+)\]")


class DocumentError(AppError):
    """Any document failure the user must act on; nothing was written when it is raised."""

    code = "document"
    missing: list[MissingField] = []  # noqa: RUF012 - read-only default, set per instance


class TemplateError(DocumentError):
    """A broken template; the message names the file and the line or place."""

    code = "template"


@dataclass(frozen=True)
class MissingField:
    path: str
    label: str


@dataclass(frozen=True)
class Template:
    kind: str
    title: str
    version: str
    per: str | None
    required: tuple[MissingField, ...]
    body: str
    source: Path
    header_lines: int
    split: str | None = None  # "debtor": each file again per debtor (::meta split debtor)


def template_path(kind: str, override_dir: Path | None = None) -> Path:
    if override_dir is not None and (Path(override_dir) / f"{kind}.tpl").is_file():
        return Path(override_dir) / f"{kind}.tpl"
    return DEFAULT_DIR / f"{kind}.tpl"


def available_kinds() -> list[str]:
    """Document kinds; files starting with "_" hold shared macros, not documents."""
    return sorted(p.stem for p in DEFAULT_DIR.glob("*.tpl") if not p.stem.startswith("_"))


def load_template(kind: str, override_dir: Path | None = None) -> Template:
    path = template_path(kind, override_dir)
    if not path.is_file():
        raise TemplateError(f"没有“{kind}”文书模板（{path}）")
    if not path.resolve().is_relative_to(path.parent.resolve()):
        raise TemplateError(f"模板 {path.name} 指向模板文件夹以外的文件，请放入文件本身")
    if path.stat().st_size > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"模板 {path.name} 超过{MAX_TEMPLATE_BYTES // 1024} KB，不像是一份文书模板")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateError(f"模板 {path} 不是 UTF-8 编码（第{exc.start}字节附近）") from exc
    return parse_template(kind, text, path)


def parse_template(kind: str, text: str, path: Path) -> Template:
    """The header (::meta, ::require) and body of a template's text; `path` names it in errors.

    The template editor checks an unsaved text with this before anything is written.
    """
    meta: dict[str, str] = {}
    required: list[MissingField] = []
    lines = text.splitlines()
    header = 0
    in_comment = False  # a {# … #} comment in the header may run over several lines
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if in_comment or (stripped.startswith("{#") and "#}" not in stripped):
            in_comment = "#}" not in stripped
        elif stripped.startswith("::meta "):
            key, _, value = stripped[len("::meta "):].partition(" ")
            meta[key] = value.strip()
        elif stripped.startswith("::require "):
            field_path, _, label = stripped[len("::require "):].partition(" ")
            if not PATH_TOKEN.match(field_path) or not label.strip():
                raise TemplateError(f"模板 {path.name} 第{number}行：::require 应写作“字段路径 中文名称”")
            required.append(MissingField(field_path, label.strip()))
        elif stripped and not stripped.startswith("{#"):
            break
        header = number
    for key in ("title", "version"):
        if key not in meta:
            raise TemplateError(f"模板 {path.name} 缺少 ::meta {key}")
    body = "\n".join(lines[header:])
    return Template(kind, meta["title"], meta["version"], meta.get("per"), tuple(required),
                    body, path, header, meta.get("split"))


PLACEHOLDER = "【待填写】"


class DraftUndefined(jinja2.ChainableUndefined):
    """In a draft, anything the case does not have yet prints as a visible gap, never an error.

    The required fields carry their own labelled placeholders (with_placeholders); this covers
    what hangs below a missing object (an agreement's terms, a party's sex…). A final document
    keeps StrictUndefined, so a misspelt field in a template still fails there.
    """

    def __str__(self) -> str:
        return PLACEHOLDER


def _draft_safe(fn: Any) -> Any:
    def wrapper(value: Any) -> Any:
        if isinstance(value, jinja2.Undefined):
            return PLACEHOLDER
        if isinstance(value, str) and value.startswith("【"):
            return value  # a labelled placeholder standing in for a date or an amount
        return fn(value)
    return wrapper


def _env(override_dir: Path | None, draft: bool = False) -> jinja2.Environment:
    # Shared macros ({% import "_macros.tpl" as m %}) come from the organisation's folder first;
    # the sandbox hands out nothing else (app/documents/sandbox.py).
    folders = [Path(override_dir)] if override_dir is not None else []
    env = DocumentSandbox(folders + [DEFAULT_DIR],
                          undefined=DraftUndefined if draft else jinja2.StrictUndefined,
                          autoescape=False,
                          keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    filters = dict(date=cn_date, money=money, upper=rmb_upper, figures=figures)
    env.filters.update({k: _draft_safe(f) for k, f in filters.items()} if draft else filters)
    return env


_ENVS: dict[tuple[str | None, bool], jinja2.Environment] = {}


def environment(override_dir: Path | None, draft: bool = False) -> jinja2.Environment:
    key = (str(override_dir) if override_dir is not None else None, draft)
    if key not in _ENVS:
        _ENVS[key] = _env(override_dir, draft)
    return _ENVS[key]


def render_blocks(template: Template, context: dict[str, Any],
                  override_dir: Path | None = None, *, draft: bool = False) -> list[Block]:
    """Jinja first, then block markers; any error names the template file and its line."""
    try:
        with render_budget():
            compiled = environment(override_dir, draft).from_string(template.body)
            text = "".join(compiled.generate(**context))
    except Exception as exc:  # a hostile template can raise anything: none may reach the user
        raise _template_error(template, exc) from exc
    try:
        return parse_blocks(text)
    except BlockSyntaxError as exc:
        raise TemplateError(f"模板 {template.source.name} 渲染后的{exc}") from exc


def _template_error(template: Template, exc: Exception) -> TemplateError:
    """The Chinese message for what went wrong, with the file and line where it happened."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        if exc.filename and Path(exc.filename).name != template.source.name:
            where = f"{Path(exc.filename).name} 第{exc.lineno or 0}行"  # in an imported macro file
        else:
            where = f"{template.source.name} 第{(exc.lineno or 0) + template.header_lines}行"
        unknown = re.match(r"No (filter|test) named '([^']*)'", exc.message or "")
        if unknown:  # the sandbox offers only some of Jinja's filters
            kind = "过滤器" if unknown[1] == "filter" else "测试"
            return TemplateError(f"模板 {where}语法错误：不能使用{kind}“{unknown[2]}”")
        return TemplateError(f"模板 {where}语法错误：{exc.message}")
    where = _where(template, exc)
    if isinstance(exc, SecurityError):
        return TemplateError(f"模板 {where}含有不允许的操作，已拒绝：{exc}")
    if isinstance(exc, TemplateLimit):
        return TemplateError(f"模板 {where}超出限制，已停止：{exc}")
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"模板 {where}引用的宏文件“{exc.name}”不存在")
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(f"模板 {where}引用了不存在的字段：{exc.message}")
    if isinstance(exc, RecursionError):
        return TemplateError(f"模板 {where}的宏调用层次过深（疑为无限递归），已停止")
    if isinstance(exc, MemoryError):
        return TemplateError(f"模板 {where}生成的内容过大，已停止")
    return TemplateError(f"模板 {where}无法填写：{exc}")


def _where(template: Template, exc: BaseException) -> str:
    """The innermost template frame: the document itself or one of its macro files."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == "<template>" and frame.lineno:
            return f"{template.source.name} 第{frame.lineno + template.header_lines}行"
        if frame.filename.endswith(".tpl") and frame.lineno:
            return f"{Path(frame.filename).name} 第{frame.lineno}行"
    return template.source.name + " "


def _walk(context: Any, field_path: str) -> Any:
    value = context
    for name, index in PATH_TOKEN.findall(field_path):
        if name:
            value = value.get(name) if isinstance(value, dict) else None
        else:
            value = value[int(index)] if isinstance(value, list) and int(index) < len(value) else None
        if value is None:
            return None
    return value


def missing_fields(template: Template, context: dict[str, Any]) -> list[MissingField]:
    return [f for required in template.required for f in _each(required, context)
            if _walk(context, f.path) in (None, "", [])]


def _each(field: MissingField, context: dict[str, Any]) -> list[MissingField]:
    """`respondents[*].phone` stands for every respondent's phone, each named when several."""
    head, star, tail = field.path.partition("[*]")
    if not star:
        return [field]
    items = _walk(context, head)
    if not isinstance(items, list) or not items:
        return [MissingField(f"{head}[0]{tail}", field.label)]
    named = len(items) > 1
    return [MissingField(f"{head}[{i}]{tail}",
                         f"{field.label}（{item['name']}）"
                         if named and isinstance(item, dict) and item.get("name") else field.label)
            for i, item in enumerate(items)]


def with_placeholders(context: dict[str, Any], missing: list[MissingField]) -> dict[str, Any]:
    """A copy of the context where each missing field reads 【待填写：label】 (draft mode)."""
    filled = copy.deepcopy(context)
    for field in missing:
        tokens = PATH_TOKEN.findall(field.path)
        target: Any = filled
        for i, (name, index) in enumerate(tokens):
            last = i == len(tokens) - 1
            placeholder: Any = f"【待填写：{field.label}】"
            if name:
                if not isinstance(target, dict):
                    break
                if last:
                    target[name] = placeholder
                else:
                    nxt = tokens[i + 1]
                    if not isinstance(target.get(name), (dict, list)):
                        target[name] = [] if nxt[1] else {}
                    target = target[name]
            else:
                if not isinstance(target, list):
                    break
                while len(target) <= int(index):
                    target.append({})
                if last:
                    target[int(index)] = placeholder
                else:
                    target = target[int(index)]
    # Documents list every party from the plural keys: let the placeholder party show there.
    for one, many in (("applicant", "applicants"), ("respondent", "respondents")):
        if isinstance(filled.get(one), dict) and not filled.get(many):
            filled[one].setdefault("is_person", one == "applicant")  # the worker applies
            filled[many] = [filled[one]]
    if "joint_parties" in filled and not filled["joint_parties"]:
        filled["joint_parties"] = joint_parties(filled.get("applicants", []) +
                                                filled.get("respondents", []))
    return filled
