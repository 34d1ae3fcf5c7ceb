"""The case JSON format shared by export and import: the rows it carries, how a row is
written and read back, and the helpers both sides use (docs/case-format.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel, col, select

from app.errors import FieldError
from app.models import (
    Agent,
    Case,
    CaseEvent,
    Claim,
    Evidence,
    Filing,
    GeneratedDocument,
    MediationAgreement,
    MediationSession,
    Party,
    PerformanceTerm,
    ServiceAddress,
    ServiceRecord,
    Witness,
)
from app.models.base import Money
from app.services.cases.dto import PartyInput
from app.services.cases.search import build_search_text
from app.services.cases.validation import validate_party

FORMAT = "mediation-desk/case"
FORMAT_VERSION = 1
ALWAYS_SKIP = {"id", "case_id", "version"}
CASE_SKIP = ALWAYS_SKIP | {"organisation_id", "mediator_id", "owner_user_id", "search_text",
                           "search_chars"}
ORG_FIELDS = ("name", "short_name", "kind", "province", "city", "address", "phone",
              "credit_code", "case_no_pattern", "category2_route")
# (json key, model, skipped columns, party-reference columns)
CHILDREN: list[tuple[str, type[SQLModel], set[str], dict[str, str]]] = [
    ("parties", Party, ALWAYS_SKIP, {}),
    ("agents", Agent, ALWAYS_SKIP, {"party_id": "party_ref"}),
    ("claims", Claim, ALWAYS_SKIP, {"party_id": "party_ref"}),
    ("evidence", Evidence, ALWAYS_SKIP, {"submitted_by_party_id": "submitted_by_ref"}),
    ("sessions", MediationSession, ALWAYS_SKIP, {}),
    ("filings", Filing, ALWAYS_SKIP, {}),
    ("events", CaseEvent, ALWAYS_SKIP, {}),
    ("documents", GeneratedDocument, ALWAYS_SKIP, {}),
    ("witnesses", Witness, ALWAYS_SKIP, {"party_id": "party_ref"}),
    ("services", ServiceRecord, ALWAYS_SKIP, {"party_id": "party_ref"}),
    ("service_addresses", ServiceAddress, ALWAYS_SKIP, {"party_id": "party_ref"}),
]
# Sections whose rows must name their party (a service is always on someone).
PARTY_REQUIRED = {"services", "service_addresses"}


@dataclass
class ParsedDocument:
    """A case document checked and converted to column values, ready to compare or write."""

    organisation: dict[str, Any]
    case: dict[str, Any]
    children: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = field(default_factory=dict)
    agreements: list[tuple[dict[str, Any], list[dict[str, Any]]]] = field(default_factory=list)
    version: int | None = None  # the stored case's version when the file was exported


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def dump_row(obj: SQLModel, skip: set[str]) -> dict[str, Any]:
    table = obj.__table__  # type: ignore[attr-defined]
    return {c.name: _to_json(getattr(obj, c.name)) for c in table.columns if c.name not in skip}


def load_row(model: type[SQLModel], data: Any, skip: set[str], where: str,
             problems: list[FieldError]) -> dict[str, Any]:
    """Convert one JSON object to column values, collecting every type problem."""
    if not isinstance(data, dict):
        problems.append(FieldError(where, "应为 JSON 对象"))
        return {}
    values: dict[str, Any] = {}
    table = model.__table__  # type: ignore[attr-defined]
    for column in table.columns:
        name = column.name
        if name in skip or name not in data:
            continue
        raw = data[name]
        if raw is None and not column.nullable:
            problems.append(FieldError(f"{where}.{name}", "不能为空"))
            continue
        try:
            values[name] = _convert(column.type, raw)
        except BadValue as exc:
            problems.append(FieldError(f"{where}.{name}", exc.reason))
        except (ValueError, TypeError, InvalidOperation, OverflowError):
            problems.append(FieldError(f"{where}.{name}", f"值“{_preview(raw)}”的格式不正确"))
    for name, info in model.model_fields.items():
        if name not in skip and name not in data and info.is_required():
            problems.append(FieldError(f"{where}.{name}", "缺少必填字段"))
    unknown = set(data) - {c.name for c in table.columns} - {"party_ref", "submitted_by_ref",
                                                            "terms", "file"}
    for name in sorted(unknown):
        problems.append(FieldError(f"{where}.{name}", "未知字段"))
    return values


class BadValue(ValueError):
    """A value of the right JSON type that the program still cannot take, with the reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# Dates a case can plausibly carry; 9999-12-31 and the like are typing slips or probes.
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def _preview(raw: Any) -> str:
    text = raw if isinstance(raw, str) else type(raw).__name__
    return "".join(c if c.isprintable() else "?" for c in text[:50])


def _moment(kind: Any, raw: Any) -> datetime:
    if not isinstance(raw, str):
        raise TypeError
    value = datetime.fromisoformat(raw)
    aware = bool(getattr(kind, "timezone", False))
    if aware and value.tzinfo is None:
        raise BadValue(f"时间“{_preview(raw)}”缺少时区，请写作如 2026-11-23T09:30:00+08:00")
    if not aware and value.tzinfo is not None:
        raise BadValue(f"时间“{_preview(raw)}”是当地时间，不应带时区，请写作如 2026-11-05T09:30:00")
    _in_range(value.date(), raw)
    return value


def _in_range(value: date, raw: str) -> date:
    if not EARLIEST <= value <= LATEST:
        raise BadValue(f"日期“{_preview(raw)}”不在 {EARLIEST.year} 年至 {LATEST.year} 年之间，请核对")
    return value


def _convert(kind: Any, raw: Any) -> Any:
    if raw is None:
        return None
    if isinstance(kind, Money):
        if isinstance(raw, bool) or not isinstance(raw, (str, int)):
            raise TypeError  # amounts travel as strings; floats would lose fen
        return Decimal(str(raw))
    if isinstance(kind, TypeDecorator):  # e.g. SQLModel's UTCDateTime wraps DateTime
        kind = kind.impl
    if isinstance(kind, DateTime):
        return _moment(kind, raw)
    if isinstance(kind, Date):
        if not isinstance(raw, str):
            raise TypeError
        return _in_range(date.fromisoformat(raw), raw)
    if isinstance(kind, Boolean):
        if not isinstance(raw, bool):
            raise TypeError
        return raw
    if isinstance(kind, Integer):
        if isinstance(raw, bool) or not isinstance(raw, int) or abs(raw) >= 2**62:
            raise TypeError
        return raw
    if isinstance(kind, String):
        if not isinstance(raw, str) or (kind.length is not None and len(raw) > kind.length):
            raise TypeError
        return raw
    if isinstance(kind, JSON):
        if not isinstance(raw, dict):
            raise TypeError
        return raw
    raise TypeError  # a column type this importer does not know: refuse rather than guess


class BadJson(ValueError):
    """A JSON text refused before its content is looked at; `reason` is Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise BadJson(f"同一对象中键“{_preview(key)}”出现了不止一次，无法判断以哪一个为准，"
                          "请删去重复的键")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise BadJson(f"含有 {name}，JSON 中不允许这种数值")


def load_json(data: str | bytes) -> Any:
    """Parse a user's JSON strictly: UTF-8, no duplicate keys, no NaN/Infinity, bounded
    nesting. Raises BadJson with a Chinese reason."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data  # Notepad adds a BOM
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except BadJson:
        raise
    except RecursionError:
        raise BadJson("嵌套层数过深，不是本程序导出的文件") from None
    except UnicodeDecodeError as exc:
        raise BadJson(f"不是 UTF-8 编码（第 {exc.start + 1} 个字节无法解码）") from None
    except json.JSONDecodeError as exc:
        raise BadJson(f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）") from None
    except ValueError:
        raise BadJson("不是有效的 JSON（含有无法读取的数值）") from None


def validate_parties(parties: list[dict[str, Any]], today: date) -> list[FieldError]:
    problems: list[FieldError] = []
    for i, p in enumerate(parties):
        fields = {k: p.get(k) or ("" if k != "birth_date" else None)
                  for k in PartyInput.__dataclass_fields__}
        problems += [e for e in validate_party(PartyInput(**fields), f"parties[{i}]", today)
                     if not e.warning]
    return problems


def delete_case_contents(s: Session, case_id: int) -> None:
    """Remove every row of a case but the case itself, through the ORM so each delete is audited."""
    agreement_ids = list(s.exec(select(MediationAgreement.id)
                                .where(MediationAgreement.case_id == case_id)))
    if agreement_ids:
        for term in s.exec(select(PerformanceTerm)
                           .where(col(PerformanceTerm.agreement_id).in_(agreement_ids))):
            s.delete(term)
        s.flush()
    for model in (Agent, Claim, Evidence, MediationAgreement, MediationSession, Filing,
                  CaseEvent, GeneratedDocument, Witness, ServiceRecord, ServiceAddress, Party):
        for row in s.exec(select(model).where(model.case_id == case_id)):  # type: ignore[attr-defined]
            s.delete(row)
        s.flush()


def search_text_for(case: Case, parties: list[dict[str, Any]]) -> str:
    """The case's search text from the party rows about to be written (computed before the
    first flush, so writing the case takes exactly one version)."""
    return build_search_text(case, [Party(case_id=0, **values) for values in parties])
