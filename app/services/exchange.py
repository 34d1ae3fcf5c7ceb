"""Case export and import as JSON (format documented in docs/case-format.md).

Rows are written by column with internal ids left out; references between rows use the
party's `seq` ("party_ref"), so a file moves between databases. Re-importing a case number
that exists replaces that case's contents in one transaction instead of duplicating it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel, col, select

from app.errors import AppError, FieldError, ValidationFailed
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
    Organisation,
    Party,
    PerformanceTerm,
    StoredFile,
)
from app.models.base import Money
from app.services.accounts import Permission, can
from app.services.case_validation import validate_party
from app.services.context import ServiceContext
from app.services.dto import PartyInput
from app.services.privacy import anonymise_document, mask_document
from app.services.search import build_search_text

FORMAT = "mediation-desk/case"
FORMAT_VERSION = 1
ALWAYS_SKIP = {"id", "case_id", "version"}
CASE_SKIP = ALWAYS_SKIP | {"organisation_id", "mediator_id", "owner_user_id", "search_text"}
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


class ExchangeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def export_case(self, case_no: str) -> dict[str, Any]:
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                raise AppError(f"找不到案号为“{case_no}”的案件，请核对案号", code="not_found")
            org = s.get(Organisation, case.organisation_id)
            assert org is not None
            parties = {p.id: p.seq for p in s.exec(select(Party).where(Party.case_id == case.id))}
            out: dict[str, Any] = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "organisation": {k: getattr(org, k) for k in ORG_FIELDS},
                "case": dump_row(case, CASE_SKIP),
            }
            for key, model, skip, refs in CHILDREN:
                rows = s.exec(select(model).where(model.case_id == case.id)  # type: ignore[attr-defined]
                              .order_by(*self._order(model)))
                items = []
                for row in rows:
                    item = dump_row(row, skip | set(refs))
                    for column, ref_key in refs.items():
                        item[ref_key] = parties.get(getattr(row, column))
                    if model is Evidence and row.file_sha256:  # type: ignore[attr-defined]
                        stored = s.get(StoredFile, row.file_sha256)  # type: ignore[attr-defined]
                        if stored:
                            item["file"] = dump_row(stored, {"sha256", "stored_at"})
                    items.append(item)
                out[key] = items
            out["agreements"] = []
            for agreement in s.exec(select(MediationAgreement)
                                    .where(MediationAgreement.case_id == case.id)
                                    .order_by(col(MediationAgreement.id))):
                item = dump_row(agreement, ALWAYS_SKIP)
                item["terms"] = [dump_row(t, ALWAYS_SKIP | {"agreement_id"}) for t in s.exec(
                    select(PerformanceTerm).where(PerformanceTerm.agreement_id == agreement.id)
                    .order_by(col(PerformanceTerm.seq)))]
                out["agreements"].append(item)
            return out

    @staticmethod
    def _order(model: type[SQLModel]) -> list[Any]:
        table = model.__table__  # type: ignore[attr-defined]
        keys = [table.columns["seq"]] if "seq" in table.columns else []
        return keys + [table.columns["id"]]

    def export_for_viewer(self, case_no: str) -> dict[str, Any]:
        """The case as the current user may see it: ID and phone numbers masked unless the
        role may see personal data."""
        document = self.export_case(case_no)
        if self.ctx.role is not None and not can(self.ctx.role, Permission.SEE_PERSONAL_DATA):
            return mask_document(document)
        return document

    def export_anonymised(self, case_no: str) -> dict[str, Any]:
        """For publishing as a typical case (典型案例): only a case that has ended."""
        document = self.export_case(case_no)
        if document["case"]["status"] not in ("closed", "withdrawn"):
            raise AppError("只能匿名导出已结案或已撤回的案件（典型案例发布前须结案）", code="not_closed")
        return anonymise_document(document)

    def export_to_file(self, case_no: str, path: Path, *, anonymise: bool = False) -> None:
        data = self.export_anonymised(case_no) if anonymise else self.export_for_viewer(case_no)
        text = json.dumps(data, ensure_ascii=False, indent=2)
        path.write_text(text + "\n", encoding="utf-8")

    def import_file(self, path: Path) -> tuple[str, bool]:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise AppError(f"找不到文件：{path}", code="not_found") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise AppError(f"文件不是有效的 UTF-8 JSON（{exc}），未导入任何内容",
                           code="bad_file") from exc
        return self.import_case(data)

    def import_case(self, data: Any) -> tuple[str, bool]:
        """Validate the whole document, then write it in one transaction. Returns (case_no, updated)."""
        from app.services.exchange_import import parse_document, write_document

        parsed = parse_document(data, self.ctx.today())
        with self.ctx.session() as s:
            updated = write_document(s, parsed, self.ctx.today())
            s.commit()
        return parsed.case["case_no"], updated


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


__all__ = ["ExchangeService", "FORMAT", "FORMAT_VERSION", "ValidationFailed"]
