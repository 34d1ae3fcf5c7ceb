"""Case export and import as JSON (format documented in docs/case-format.md).

Rows are written by column with internal ids left out; references between rows use the
party's `seq` ("party_ref"), so a file moves between databases. Re-importing a case number
that exists replaces that case's contents in one transaction instead of duplicating it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlmodel import SQLModel, col, select

from app.errors import AppError, ValidationFailed
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
from app.services.exchange.case_file_import import parse_document, write_document
from app.services.exchange.case_format import (
    ALWAYS_SKIP,
    CASE_SKIP,
    CHILDREN,
    FORMAT,
    FORMAT_VERSION,
    ORG_FIELDS,
    dump_row,
)
from app.services.security.accounts import Permission, can
from app.services.security.privacy import anonymise_document, mask_document


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
        parsed = parse_document(data, self.ctx.today())
        with self.ctx.session() as s:
            updated = write_document(s, parsed, self.ctx.today())
            s.commit()
        return parsed.case["case_no"], updated


__all__ = ["ExchangeService", "FORMAT", "FORMAT_VERSION", "ValidationFailed"]
