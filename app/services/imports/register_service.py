"""Writing a register of existing cases into the database: every case or none.

Each accepted row becomes a case with its parties and claims, and the workflow events its
status stands for are replayed through the transition table, so an imported "调解不成" case
is in the state a clerk would have reached by hand and its deadlines are computed the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, or_
from sqlmodel import Session, select

from app.db import refresh_planner_statistics
from app.errors import AppError, FieldError, ValidationFailed
from app.knowledge.table_file import RowProblem
from app.models import Case, Organisation
from app.models.organisation import Mediator
from app.services.admin.organisations import OrganisationService, next_case_no
from app.services.context import ServiceContext
from app.services.imports.register_reader import RegisterFile, RegisterRow, read_register_file
from app.services.imports.register_writer import (
    RegisterWriter,
    gin_pending_lists,
    lock_for_writing,
)
from app.services.imports.tables import ColumnMappings
from app.services.security.accounts import Permission, require_permission
from app.services.workflow import deadline_store
from app.workflow.calendar import HolidayCalendar
from app.workflow.deadlines import RuleTable

MAPPING_FILE = "register-import-mapping.json"
BATCH = 2000  # cases built and written at a time, all in the import's one transaction
RESTAT_SHARE = 10  # full ANALYZE after an import that brings a tenth of the cases or more
# The tables an import writes, whose statistics it refreshes (the others did not change).
WRITTEN_TABLES = ("dispute_case", "party", "claim", "case_event", "mediation_agreement",
                  "case_deadline", "case_counter", "audit_entry")
# The audit log's columns that queries filter, join or order on: PostgreSQL's ANALYZE of its
# long JSON texts took most of the refresh (0.24 s of 0.41 s after a week's register).
ANALYZED_COLUMNS = {"audit_entry": ("id", "at", "user", "action", "entity", "entity_id",
                                    "case_id", "field", "db_login")}


@dataclass(frozen=True)
class RegisterImportReport:
    accepted: tuple[RegisterRow, ...]
    refused: tuple[RowProblem, ...]
    columns: dict[str, str]
    encoding: str | None
    notes: tuple[str, ...]  # "第N行：…" things kept but worth a look (a mediator not on the roster)
    case_nos: tuple[str, ...] = ()  # the cases written, in the file's order

    @property
    def written(self) -> int:
        return len(self.case_nos)


class RegisterImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.mappings = ColumnMappings(ctx.config.data_dir, MAPPING_FILE)

    def preview(self, path: Path | str, mapping: Mapping[str, str] | None = None,
                organisation_id: int | None = None) -> RegisterImportReport:
        """What `apply` would accept and refuse; writes nothing."""
        org_id = organisation_id or OrganisationService(self.ctx).default_id()
        with self.ctx.session() as s:
            found = self._read(s, path, mapping, org_id)
            return self._report(found, self._mediators(s, org_id))

    def apply(self, path: Path | str, mapping: Mapping[str, str] | None = None,
              organisation_id: int | None = None, *,
              accepted_only: bool = False) -> RegisterImportReport:
        """One transaction. With refused rows nothing is written unless `accepted_only`.

        The whole file is read and checked before the write transaction opens (a register of
        thousands of rows takes seconds to parse; other clerks keep saving meanwhile)."""
        org_id = organisation_id or OrganisationService(self.ctx).default_id()
        today = self.ctx.today()
        with self.ctx.session() as s:
            if s.get(Organisation, org_id) is None:
                raise AppError("所选组织不存在，请在设置中核对组织", code="not_found")
            existing = self._existing(s)
        found = self._parse(path, mapping, org_id, existing)  # no transaction is open here
        if mapping:  # the columns resolved, so the mapping is right: keep it for next time
            self.mappings.remember(org_id, mapping)
        self._refuse(found, accepted_only)
        # The bulk writer's inserts bypass the flush guard: the same rule, checked here.
        require_permission(self.ctx.role, self.ctx.user, Permission.CASE_WRITE,
                           read_only=self.ctx.read_only, where=str(self.ctx.config.data_dir))
        with self.ctx.session() as s:
            lock_for_writing(s)  # SQLite: nobody else writes until commit (ids taken ahead)
            org = s.get(Organisation, org_id)
            if org is None:
                raise AppError("所选组织不存在，请在设置中核对组织", code="not_found")
            now_existing = self._existing(s)
            if now_existing != existing:  # another clerk registered cases meanwhile: check again
                found = self._parse(path, mapping, org_id, now_existing)
                self._refuse(found, accepted_only)
            mediators = self._mediators(s, org_id)
            calendar, rules = deadline_store.calendar_for(s), deadline_store.rules_for(s)
            written: dict[int, str] = {}
            # Rows with their own number first, written before any number is taken: a number
            # taken for a row without one then skips them (next_case_no) instead of colliding
            # with a later row of the file.
            own = [r for r in found.accepted if r.case_no]
            others = [r for r in found.accepted if not r.case_no]
            batches = [group[i:i + BATCH] for group in (own, others)
                       for i in range(0, len(group), BATCH)]
            with gin_pending_lists(s):
                for batch in batches:
                    for row, case_no in self._write_batch(s, org, batch, mediators,
                                                          Path(path).name, today, calendar,
                                                          rules):
                        written[row.line] = case_no
            total = s.exec(select(func.count()).select_from(Case)).one()
            s.commit()
        if written and len(written) * RESTAT_SHARE >= total:
            # The case table changed shape: full statistics again (2 s at 100,000 cases, so
            # not for a week's register added to a large office's cases, whose proportions
            # it hardly moves).
            refresh_planner_statistics(self.ctx.engine, WRITTEN_TABLES, ANALYZED_COLUMNS)
        return self._report(found, mediators, tuple(written[line] for line in sorted(written)))

    def remembered_mapping(self, organisation_id: int) -> dict[str, str]:
        return self.mappings.remembered(organisation_id)

    # --- helpers -------------------------------------------------------------------------
    def _read(self, s: Session, path: Path | str, mapping: Mapping[str, str] | None,
              org_id: int) -> RegisterFile:
        return self._parse(path, mapping, org_id, self._existing(s))

    @staticmethod
    def _existing(s: Session) -> frozenset[str]:
        return frozenset(s.exec(select(Case.case_no)))

    def _parse(self, path: Path | str, mapping: Mapping[str, str] | None, org_id: int,
               existing: frozenset[str]) -> RegisterFile:
        return read_register_file(path, mapping, remembered=self.mappings.remembered(org_id),
                                  today=self.ctx.today(), existing_case_nos=existing)

    @staticmethod
    def _refuse(found: RegisterFile, accepted_only: bool) -> None:
        if found.refused and not accepted_only:
            raise ValidationFailed([FieldError(f"rows[{p.line}]", str(p)) for p in found.refused])

    @staticmethod
    def _mediators(s: Session, org_id: int) -> dict[str, int]:
        # The organisation's own mediators, and those on no organisation's roster (shared).
        rows = s.exec(select(Mediator.name, Mediator.id, Mediator.organisation_id)
                      .where(or_(Mediator.organisation_id == org_id,
                                 Mediator.organisation_id.is_(None)))  # type: ignore[union-attr]
                      .order_by(Mediator.organisation_id.is_(None)))  # type: ignore[union-attr]
        found: dict[str, int] = {}
        for name, mediator_id, _org in rows:
            found.setdefault(name, mediator_id)  # the organisation's own first
        return found

    @staticmethod
    def _report(found: RegisterFile, mediators: dict[str, int],
                case_nos: tuple[str, ...] = ()) -> RegisterImportReport:
        notes = [f"第{r.line}行：{w}" for r in found.accepted for w in r.warnings]
        notes += [f"第{r.line}行：调解员“{r.mediator}”不在本组织调解员名册中，导入后未指定调解员"
                  for r in found.accepted if r.mediator and r.mediator not in mediators]
        notes.sort(key=lambda n: int(n[1:n.index("行")]))  # in the file's order
        return RegisterImportReport(found.accepted, found.refused, found.columns, found.encoding,
                                    tuple(notes), case_nos)

    def _write_batch(self, s: Session, org: Organisation, rows: list[RegisterRow],
                     mediators: dict[str, int], file_name: str, today: date,
                     calendar: HolidayCalendar, rules: RuleTable) -> list[tuple[RegisterRow, str]]:
        """A batch of rows: their numbers taken (rows without one), then every row of every
        table and its audit entry written in bulk (register_writer.py); the course is
        replayed and the deadlines derived in memory, once per case."""
        numbers = [row.case_no or next_case_no(s, org, row.received_on.year) for row in rows]
        s.flush()  # the counters' steps, audited before the cases' entries
        RegisterWriter(s, org, mediators, file_name, self.ctx.user, today, calendar,
                       rules).write(rows, numbers)
        return list(zip(rows, numbers, strict=True))
