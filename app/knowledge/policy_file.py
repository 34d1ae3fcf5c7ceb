"""Read and validate policy JSON files (resources/policies/SCHEMA.md), shipped or imported."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from app.knowledge.errors import PolicyFileError
from app.knowledge.policies import (
    Article,
    Jurisdiction,
    JurisdictionLevel,
    Policy,
    PolicyDates,
    RightRef,
    Section,
)
from app.knowledge.vocab import RIGHT_PARAMS, RightId, Strength, Topic
from app.resources import resource_path

SCHEMA_VERSION = 1
POLICY_DIR = ("policies",)
NATIONAL_FILE = "national_laws.json"
SUBSIDY_COVERS = {"weather", "night"}  # weather_night_subsidy "covers"
CATEGORY_VALUES = ("1", "2", "3")  # RelationshipCategory values an article may be limited to


class _Checker:
    """Typed access to one JSON object; every failure names the file and the place."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, place: str, reason: str) -> PolicyFileError:
        return PolicyFileError(self.file, place, reason)

    def obj(self, value: Any, place: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(place, "应为对象（{…}）")
        return value

    def items(self, data: dict[str, Any], key: str, place: str) -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list):
            raise self.fail(place, f"缺少列表字段“{key}”")
        return value

    def text(self, data: dict[str, Any], key: str, place: str, what: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(place, f"缺少{what}（字段“{key}”）")
        return value

    def opt_text(self, data: dict[str, Any], key: str, place: str) -> str | None:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(place, f"字段“{key}”应为文字或 null")
        return value or None

    def opt_date(self, data: dict[str, Any], key: str, place: str) -> date | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.fail(
                place, f"日期“{key}”无效：{value!r}（应为 YYYY-MM-DD 或 null）"
            ) from None


def load_policy_file(path: Path | str, *, local: bool = False) -> Policy:
    """Read one policy file; any defect raises PolicyFileError naming the file and the place."""
    path = Path(path)
    return policy_from_bytes(read_policy_bytes(path), path.name, local=local)


def read_policy_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PolicyFileError(path.name, "", f"无法读取（{exc.strerror or exc}）") from None


def policy_from_bytes(raw: bytes, file: str, *, local: bool = False) -> Policy:
    """Validate a file's content; the importer checks exactly the bytes it then stores."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PolicyFileError(file, "", "不是 UTF-8 编码的文本文件") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PolicyFileError(
            file, f"第{exc.lineno}行第{exc.colno}列", "不是有效的 JSON"
        ) from None
    return parse_policy(data, file, local=local)


def parse_policy(data: Any, file: str, *, local: bool = False) -> Policy:
    c = _Checker(file)
    top = c.obj(data, "文件顶层")
    if top.get("schema_version") != SCHEMA_VERSION:
        raise c.fail(
            "", f"schema_version 应为 {SCHEMA_VERSION}，实际为 {top.get('schema_version')!r}"
        )
    policy_id = c.text(top, "id", "", "编号")
    title = c.text(top, "title", "", "标题")
    issuers = c.items(top, "issuers", "")
    if not all(isinstance(i, str) and i.strip() for i in issuers):
        raise c.fail("制定机关（issuers）", "每一项都应为非空文字")
    sections = _sections(c, c.items(top, "sections", ""))
    articles = _articles(c, c.items(top, "articles", ""), {s.key for s in sections})
    notes = top.get("notes") or []
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise c.fail("说明（notes）", "应为文字列表")
    return Policy(
        id=policy_id,
        title=title,
        issuers=tuple(issuers),
        interpreting_body=c.opt_text(top, "interpreting_body", ""),
        document_number=c.opt_text(top, "document_number", ""),
        dates=_dates(c, c.obj(top.get("dates"), "日期（dates）")),
        jurisdiction=_jurisdiction(c, c.obj(top.get("jurisdiction"), "适用地域（jurisdiction）")),
        sections=sections,
        articles=articles,
        notes=tuple(notes),
        source_file=c.opt_text(top, "source_file", ""),
        local=local,
    )


def _dates(c: _Checker, d: dict[str, Any]) -> PolicyDates:
    place = "日期（dates）中"
    issued = c.opt_date(d, "issued", place)
    effective = c.opt_date(d, "effective", place)
    expires = c.opt_date(d, "expires", place)
    placeholder = d.get("placeholder", False)
    if not isinstance(placeholder, bool):
        raise c.fail(place, "placeholder 应为 true 或 false")
    start = effective or issued
    if start and expires and expires < start:
        raise c.fail(place, f"有效期届满日 {expires} 早于施行日 {start}")
    if issued and effective and effective < issued:
        raise c.fail(place, f"施行日 {effective} 早于成文日 {issued}")
    return PolicyDates(issued, effective, expires, placeholder, c.opt_text(d, "source_text", place))


def _jurisdiction(c: _Checker, j: dict[str, Any]) -> Jurisdiction:
    place = "适用地域（jurisdiction）中"
    level = j.get("level")
    if level not in set(JurisdictionLevel):
        raise c.fail(place, f"level 应为 city 或 province，实际为 {level!r}")
    name = c.opt_text(j, "name", place)
    if level == JurisdictionLevel.CITY and not name:
        raise c.fail(place, "市级政策必须写明城市名称（name）")
    return Jurisdiction(JurisdictionLevel(level), name, c.opt_text(j, "province", place))


def _sections(c: _Checker, items: list[Any]) -> tuple[Section, ...]:
    result: list[Section] = []
    for i, item in enumerate(items, 1):
        place = f"第{i}个章节"
        s = c.obj(item, place)
        key = c.text(s, "key", place, "键")
        if any(x.key == key for x in result):
            raise c.fail(place, f"键“{key}”重复")
        parent = c.opt_text(s, "parent", place)
        if parent is not None and not any(x.key == parent for x in result):
            raise c.fail(place, f"上级章节“{parent}”不存在或排在其后")
        result.append(
            Section(key, c.opt_text(s, "label", place), c.text(s, "title", place, "标题"), parent)
        )
    return tuple(result)


def _articles(c: _Checker, items: list[Any], section_keys: set[str]) -> tuple[Article, ...]:
    if not items:
        raise c.fail("", "没有任何条目（articles 为空）")
    result: list[Article] = []
    for i, item in enumerate(items, 1):
        a = c.obj(item, f"第{i}个条目")
        label = a.get("label")
        place = f"条目“{label}”" if isinstance(label, str) and label else f"第{i}个条目"
        key = c.text(a, "key", place, "键")
        if any(x.key == key for x in result):
            raise c.fail(place, f"键“{key}”重复")
        label = c.text(a, "label", place, "条目编号")
        section = c.opt_text(a, "section", place)
        if section is not None and section not in section_keys:
            raise c.fail(place, f"所属章节“{section}”不存在")
        result.append(
            Article(
                key=key,
                label=label,
                cite_label=c.text(a, "cite_label", place, "引用编号"),
                section=section,
                heading=c.opt_text(a, "heading", place),
                text=c.text(a, "text", place, "正文"),
                topics=_topics(c, a.get("topics", []), place),
                rights=tuple(_right(c, r, place) for r in _list_of(c, a, "rights", place)),
            )
        )
    return tuple(result)


def _list_of(c: _Checker, a: dict[str, Any], key: str, place: str) -> list[Any]:
    value = a.get(key, [])
    if not isinstance(value, list):
        raise c.fail(place, f"字段“{key}”应为列表")
    return value


def _topics(c: _Checker, value: Any, place: str) -> tuple[Topic, ...]:
    if not isinstance(value, list):
        raise c.fail(place, "主题（topics）应为列表")
    known = {t.value for t in Topic}
    for t in value:
        if t not in known:
            raise c.fail(place, f"主题“{t}”不在规定的主题词表中")
    return tuple(Topic(t) for t in value)


def _right(c: _Checker, value: Any, place: str) -> RightRef:
    r = c.obj(value, place + "的权益项")
    right = r.get("right")
    if right not in {x.value for x in RightId}:
        raise c.fail(place, f"权益项“{right}”不在权益核查清单中")
    rid = RightId(right)
    strength = r.get("strength")
    if strength not in {x.value for x in Strength}:
        raise c.fail(place, f"权益项“{right}”的 strength 应为 duty 或 advisory")
    categories = r.get("categories", [])
    if not isinstance(categories, list) or any(x not in CATEGORY_VALUES for x in categories):
        raise c.fail(place, f"权益项“{right}”的 categories 只能取 {list(CATEGORY_VALUES)}")
    params = r.get("params", {})
    allowed = RIGHT_PARAMS.get(rid, {})
    if not isinstance(params, dict):
        raise c.fail(place, f"权益项“{right}”的 params 应为对象")
    for name, val in params.items():
        want = allowed.get(name)
        if want is None:
            raise c.fail(place, f"权益项“{right}”不接受参数“{name}”")
        valid = isinstance(val, want) and not isinstance(val, bool)
        if isinstance(val, int):
            valid = valid and val > 0
        if isinstance(val, list):
            valid = valid and all(isinstance(v, str) and v in SUBSIDY_COVERS for v in val)
        if not valid:
            raise c.fail(place, f"权益项“{right}”的参数“{name}”取值无效：{val!r}")
    note = r.get("note")
    if note is not None and not isinstance(note, str):
        raise c.fail(place, f"权益项“{right}”的 note 应为文字")
    return RightRef(rid, Strength(strength), tuple(categories), dict(params), note)


def builtin_policy_paths() -> list[Path]:
    folder = resource_path(*POLICY_DIR)
    return sorted(p for p in folder.glob("*.json") if p.name != NATIONAL_FILE)


def load_builtin_policies() -> list[Policy]:
    """The five shipped policies, in file order (000 … 004)."""
    return [load_policy_file(p) for p in builtin_policy_paths()]


def import_policy_file(path: Path | str, existing_ids: Iterable[str] = ()) -> Policy:
    """Validate an organisation's own policy file before it is stored; raises PolicyFileError."""
    path = Path(path)
    return import_policy_bytes(read_policy_bytes(path), path.name, existing_ids)


def import_policy_bytes(raw: bytes, file: str, existing_ids: Iterable[str] = ()) -> Policy:
    policy = policy_from_bytes(raw, file, local=True)
    if policy.id in set(existing_ids):
        raise PolicyFileError(file, "", f"编号“{policy.id}”与已有政策重复，请改用其他编号")
    return policy


def load_local_policies(
    folder: Path, reserved_ids: Iterable[str] = ()
) -> tuple[list[Policy], list[str]]:
    """An organisation's imported policies (folder/*.json, by name). A file that has become
    unusable since (edited by hand, id now shipped) is left out with the reason, so one bad
    file never stops the policies page or the rights check."""
    reserved = set(reserved_ids)
    policies: list[Policy] = []
    problems: list[str] = []
    if not folder.is_dir():
        return policies, problems
    for path in sorted(folder.glob("*.json")):
        try:
            policy = import_policy_file(path, reserved)
        except PolicyFileError as exc:
            problems.append(exc.message)
            continue
        reserved.add(policy.id)
        policies.append(policy)
    return policies, problems
