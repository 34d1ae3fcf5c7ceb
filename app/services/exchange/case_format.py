"""The case JSON format shared by export and import: the rows it carries, how a row is
written and read back, and the helpers both sides use (docs/case-format.md)."""

from __future__ import annotations

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
]


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
        except (ValueError, TypeError, InvalidOperation, OverflowError):
            problems.append(FieldError(f"{where}.{name}", f"值“{str(raw)[:50]}”的格式不正确"))
    for name, info in model.model_fields.items():
        if name not in skip and name not in data and info.is_required():
            problems.append(FieldError(f"{where}.{name}", "缺少必填字段"))
    unknown = set(data) - {c.name for c in table.columns} - {"party_ref", "submitted_by_ref",
                                                            "terms", "file"}
    for name in sorted(unknown):
        problems.append(FieldError(f"{where}.{name}", "未知字段"))
    return values


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
        if not isinstance(raw, str):
            raise TypeError
        return datetime.fromisoformat(raw)
    if isinstance(kind, Date):
        if not isinstance(raw, str):
            raise TypeError
        return date.fromisoformat(raw)
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
                  CaseEvent, GeneratedDocument, Party):
        for row in s.exec(select(model).where(model.case_id == case_id)):  # type: ignore[attr-defined]
            s.delete(row)
        s.flush()


def refresh_search(s: Session, case: Case) -> None:
    parties = list(s.exec(select(Party).where(Party.case_id == case.id)))
    case.search_text = build_search_text(case, parties)
