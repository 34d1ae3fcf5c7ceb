"""Case export and import as JSON (format documented in docs/case-format.md).

Rows are written by column with internal ids left out; references between rows use the
party's `seq` ("party_ref"), so a file moves between databases. A case number that exists is
never replaced silently: the same content is a no-op, different content is refused with the
differences listed unless the caller asks to replace, a file older than the stored case needs
a second yes, and no import moves a case to another organisation.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import text as sql
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, col, select

from app.errors import AppError, ValidationFailed
from app.fileutil import atomic_write_bytes
from app.models import (
    Case,
    Evidence,
    MediationAgreement,
    Organisation,
    Party,
    PerformanceTerm,
    StoredFile,
)
from app.services.context import ServiceContext
from app.services.exchange.case_compare import differences, incoming_view, stored_view
from app.services.exchange.case_file_import import parse_document, write_document
from app.services.exchange.case_format import (
    ALWAYS_SKIP,
    CASE_SKIP,
    CHILDREN,
    FORMAT,
    FORMAT_VERSION,
    ORG_FIELDS,
    BadJson,
    ParsedDocument,
    dump_row,
    load_json,
)
from app.services.security.accounts import Permission, can
from app.services.security.privacy import anonymise_document, mask_document

LOCK_TIMEOUT_MS = 5000  # PostgreSQL waits this long for a case another clerk holds (SQLite: busy_timeout)
BUSY_SIGNS = ("database is locked", "database is busy", "lock timeout", "locknotavailable",
              "deadlock detected", "could not serialize", "could not obtain lock")


class ImportOutcome(StrEnum):
    CREATED = "created"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"  # the stored case already says what the file says: nothing written


@dataclass(frozen=True)
class ImportResult:
    case_no: str
    outcome: ImportOutcome

    @property
    def updated(self) -> bool:
        return self.outcome is ImportOutcome.REPLACED


class CaseDiffers(AppError):
    """The case number exists with other content: nothing was written. `older` is set when the
    file was exported before the stored case's last change (a replace would lose that change)."""

    code = "case_differs"

    def __init__(self, case_no: str, lines: list[str], older: str | None = None) -> None:
        self.case_no, self.differences, self.older = case_no, lines, older
        head = f"案号“{case_no}”的案件已存在，且与文件内容不同："
        body = "\n".join(f"  - {line}" for line in lines)
        tail = f"\n{older}" if older else ""
        super().__init__(f"{head}\n{body}{tail}\n未导入任何内容。")
        if older:
            self.code = "case_older"


def _stamp(value: datetime) -> str:
    return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M:%S} (UTC)"


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
                "case": dump_row(case, CASE_SKIP) | {"version": case.version},
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
        atomic_write_bytes(Path(path), (text + "\n").encode("utf-8"))

    def import_file(self, path: Path, *, replace: bool = False,
                    allow_older: bool = False) -> ImportResult:
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError as exc:
            raise AppError(f"找不到文件：{path}", code="not_found") from exc
        except OSError as exc:
            raise AppError(f"无法读取文件 {path}（{exc.strerror}）", code="bad_file") from exc
        try:
            data = load_json(raw)
        except BadJson as exc:
            raise AppError(f"文件{exc.reason}，未导入任何内容", code="bad_file") from None
        return self.import_case(data, replace=replace, allow_older=allow_older)

    def import_case(self, data: Any, *, replace: bool = False, allow_older: bool = False,
                    before_write: Callable[[], None] | None = None) -> ImportResult:
        """Validate the whole document, compare it with the stored case of that number and
        write it in one transaction. `replace` lets different content replace the stored case;
        `allow_older` (with `replace`) also lets a file older than the stored case do so.
        `before_write` runs after every check passed, inside the transaction (a bundle writes
        its files there)."""
        parsed = parse_document(data, self.ctx.today())
        case_no = parsed.case["case_no"]
        try:
            with self.ctx.session() as s:
                stored = self._locked_case(s, case_no)
                if stored is not None:
                    lines = self._check_replace(s, stored, parsed)
                    if not lines:
                        return ImportResult(case_no, ImportOutcome.UNCHANGED)
                    older = self._older(stored, parsed)
                    if not replace or (older and not allow_older):
                        raise CaseDiffers(case_no, lines, older)
                if before_write is not None:
                    before_write()
                write_document(s, parsed, self.ctx.today(), stored)
                s.commit()
        except (IntegrityError, OperationalError, StaleDataError) as exc:
            if isinstance(exc, StaleDataError) or _busy(exc):
                raise AppError(f"另一位工作人员正在导入或修改案件“{case_no}”（或其组织），本次导入"
                               "未写入任何内容。请稍后重新导入；如仍不成功，请先核对该案件的当前内容。",
                               code="busy") from None
            raise AppError(f"案件“{case_no}”未能写入数据库（{str(exc.orig)[:200]}），未导入任何"
                           "内容。请把此文件和这条信息交给管理员检查。", code="storage") from None
        outcome = ImportOutcome.CREATED if stored is None else ImportOutcome.REPLACED
        return ImportResult(case_no, outcome)

    def _locked_case(self, s: Session, case_no: str) -> Case | None:
        """The stored case, held against other writers until commit so what is compared is
        what is replaced: PostgreSQL locks the row; SQLite takes its write lock now (a
        statement that writes nothing), as BEGIN IMMEDIATE would."""
        if self.ctx.is_sqlite:
            s.execute(sql("UPDATE dispute_case SET id = id WHERE case_no = :no"), {"no": case_no})
        else:
            s.execute(sql(f"SET LOCAL lock_timeout = {int(LOCK_TIMEOUT_MS)}"))
        return s.exec(select(Case).where(Case.case_no == case_no).with_for_update()).first()

    @staticmethod
    def _check_replace(s: Session, stored: Case, parsed: ParsedDocument) -> list[str]:
        org = s.get(Organisation, stored.organisation_id)
        assert org is not None
        if org.name != parsed.organisation["name"]:
            raise AppError(
                f"案号“{stored.case_no}”的案件属于“{org.name}”，文件中的组织为"
                f"“{parsed.organisation['name']}”。导入不会把案件移到另一个组织（选择替换"
                "也不会），未导入任何内容。请核对案号或文件。", code="other_organisation")
        return differences(stored_view(s, stored), incoming_view(parsed))

    @staticmethod
    def _older(stored: Case, parsed: ParsedDocument) -> str | None:
        """Why the file is older than the stored case (it was exported before the stored case's
        last change), or None. The version counts every save of the case row; updated_at also
        moves across databases."""
        if parsed.version is not None and parsed.version < stored.version:
            return (f"文件是较旧的版本：文件导出自该案件的第 {parsed.version} 版，已存案件已是第 "
                    f"{stored.version} 版；替换会丢失此后的修改。")
        exported = parsed.case.get("updated_at")
        if isinstance(exported, datetime) and exported.tzinfo is not None \
                and stored.updated_at > exported:
            return (f"文件是较旧的版本：已存案件最后修改于 {_stamp(stored.updated_at)}，文件中的"
                    f"最后修改时间为 {_stamp(exported.astimezone(stored.updated_at.tzinfo))}；"
                    "替换会丢失此后的修改。")
        return None


def _busy(exc: IntegrityError | OperationalError) -> bool:
    """A lock held by another writer, or a unique key (case number, organisation name) another
    writer committed first: a race between clerks, not a fault in the file."""
    seen = f"{exc.orig!r} {exc.orig}".lower()
    if isinstance(exc, IntegrityError):
        return getattr(exc.orig, "sqlstate", None) == "23505" or "unique constraint" in seen
    return any(sign in seen for sign in BUSY_SIGNS)


__all__ = ["CaseDiffers", "ExchangeService", "FORMAT", "FORMAT_VERSION", "ImportOutcome",
           "ImportResult", "ValidationFailed"]
