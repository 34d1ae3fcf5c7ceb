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
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, select

from app.db import refresh_planner_statistics
from app.errors import AppError, FieldError, ValidationFailed
from app.knowledge.table_file import RowProblem
from app.models import Case, CaseEvent, Claim, MediationAgreement, Organisation, Party, utcnow
from app.models.organisation import Mediator
from app.services.admin.organisations import OrganisationService, next_case_no
from app.services.cases.case_service import party_from_input
from app.services.cases.search import build_search_text
from app.services.context import ServiceContext
from app.services.imports.register_reader import (
    AGREED,
    FAILED,
    REFUSED,
    SUSPENDED,
    WITHDRAWN,
    RegisterFile,
    RegisterRow,
    read_register_file,
)
from app.services.imports.tables import ColumnMappings
from app.services.workflow import deadline_store
from app.workflow.calendar import HolidayCalendar
from app.workflow.case_deadlines import EventRecord, derive_deadlines
from app.workflow.deadlines import RuleTable
from app.workflow.events import recorded_kinds
from app.workflow.routing import CaseFacts
from app.workflow.transitions import TransitionRefused, apply_event

MAPPING_FILE = "register-import-mapping.json"
BATCH = 500  # cases written per round of flushes
RESTAT_SHARE = 10  # full ANALYZE after an import that brings a tenth of the cases or more
# The event that ends each course, replayed on the closing date after the acceptance.
CLOSING_EVENTS = {
    AGREED: ("agreement.sign", "case.close"), FAILED: ("mediation.fail", "case.close"),
    "closed": ("case.close",), WITHDRAWN: ("case.withdraw",), REFUSED: ("mediation.refuse",),
}
FINAL_STATUS = {SUSPENDED: "suspended", WITHDRAWN: "withdrawn", REFUSED: "refused",
                AGREED: "closed", FAILED: "closed", "closed": "closed"}


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
        with self.ctx.session() as s:
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
            for batch in batches:
                for row, case in self._write_batch(s, org, batch, mediators, Path(path).name,
                                                   today, calendar, rules):
                    written[row.line] = case.case_no
            total = s.exec(select(func.count()).select_from(Case)).one()
            s.commit()
        if written and len(written) * RESTAT_SHARE >= total:
            # The case table changed shape: full statistics again (2 s at 100,000 cases, so
            # not for a week's register added to a large office's cases, whose proportions
            # it hardly moves).
            refresh_planner_statistics(self.ctx.engine)
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
                     calendar: HolidayCalendar, rules: RuleTable) -> list[tuple[RegisterRow, Case]]:
        """A batch of rows in three flushes (cases; their parties, claims, events and
        agreements; their deadlines), each one multi-row INSERT per table with its audit
        entries chained in memory by the flush hook — instead of two flushes per case. The
        course is replayed on the case before it is written, and the deadlines are derived
        from the events just built, once per case, without reading them back."""
        numbers = [row.case_no or next_case_no(s, org, row.received_on.year) for row in rows]
        built: list[tuple[RegisterRow, Case, list[Party], list[Any]]] = []
        records: list[list[EventRecord]] = []
        with s.no_autoflush:
            for row, case_no in zip(rows, numbers, strict=True):
                case, parties, children, events = self._build_case(
                    org, row, case_no, mediators.get(row.mediator), file_name)
                built.append((row, case, parties, children))
                records.append(events)
        s.add_all(case for _, case, _, _ in built)
        s.flush()
        for _, case, parties, children in built:
            for child in [*parties, *children]:
                child.case_id = case.id
            s.add_all(parties)
            s.add_all(children)
        s.flush()
        for (_, case, _, _), events in zip(built, records, strict=True):
            assert case.id is not None
            s.add_all(deadline_store.rows_for(case.id, derive_deadlines(
                sorted(events, key=lambda e: e.on), rules, calendar, today,
                excluded=deadline_store.excluded_rules(s, case))))
        s.flush()
        return [(row, case) for row, case, _, _ in built]

    def _build_case(self, org: Organisation, row: RegisterRow, case_no: str,
                    mediator_id: int | None, file_name: str
                    ) -> tuple[Case, list[Party], list[Any], list[EventRecord]]:
        """The case in its final state, with its rows not yet tied to its id."""
        case = Case(case_no=case_no, organisation_id=org.id, received_on=row.received_on,  # type: ignore[arg-type]
                    accepted_on=row.accepted_on, city=row.city, district=row.district, category=row.category,
                    occupation=row.occupation, platform=row.platform, collective=row.collective,
                    summary=row.summary, mediator_id=mediator_id)
        parties = [party_from_input(p, 0, i + 1)
                   for i, p in enumerate([*row.applicants, *row.respondents])]
        case.search_text = build_search_text(case, parties)
        children: list[Any] = [Claim(case_id=0, seq=i, claim_type=c.claim_type,
                                     description=c.description, amount=c.amount)  # type: ignore[arg-type]
                               for i, c in enumerate(row.claims, start=1)]
        events: list[EventRecord] = []

        def record(kind: str, on: date, text: str) -> None:
            children.append(CaseEvent(case_id=0, kind=kind, occurred_on=on, note=text,
                                      created_by=self.ctx.user))
            events.append(EventRecord(kind, on, {}))

        note = f"从台账“{file_name}”第{row.line}行导入"
        record("application.received", row.received_on, note)
        for event, on in self._course(row):
            try:
                applied = apply_event(case.state, event, CaseFacts(category=case.category))
            except TransitionRefused as exc:  # the transition table is the law: say, do not force
                raise AppError(f"第{row.line}行：{exc.message}", code="transition_refused") from exc
            for kind in recorded_kinds(event):
                record(kind, on, f"{note}（原台账状态：{row.status_text}）")
            case.state, case.stage = applied.state, applied.stage.value
            if event == "agreement.sign":
                # The register says an agreement was reached on that day; its text stays in
                # the old system, so the record says where to find it.
                children.append(MediationAgreement(case_id=0, signed_on=on, effective_on=on,
                                                   content=f"（调解协议内容见原系统，{note}）"))
        case.status = FINAL_STATUS.get(row.course, "active")
        case.updated_at = utcnow()
        return case, parties, children, events

    @staticmethod
    def _course(row: RegisterRow) -> list[tuple[str, date]]:
        steps: list[tuple[str, date]] = []
        if row.accepted_on is not None:
            steps.append(("mediation.accept", row.accepted_on))
        if row.closed_on is not None:
            steps += [(event, row.closed_on) for event in CLOSING_EVENTS.get(row.course, ())]
        return steps
