"""A register's cases written in bulk: rows and their audit entries built in memory, each table
one executemany of the driver, inside the import's one transaction.

Building the ORM objects and flushing them cost 17 s of CPU for a week's register (2,467
cases, 40,000 rows; issue 21): SQLModel's constructor, the unit of work and the flush hook's
snapshots. Here each row is a dict of every column (the model's own defaults filled in), its
id taken in advance — on SQLite the next ids after the largest (the import holds the write
lock), on PostgreSQL from the table's sequence — and its create entry is the one the flush
hook writes for the same row, so `check` replays the import as before. On SQLite the two
full-text indexes are fed once per batch (app.bulk.batch_fts) instead of by trigger per case.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import Connection, Table, text
from sqlmodel import Session, SQLModel

from app.bulk import batch_fts, copy_insert
from app.errors import AppError
from app.models import Case, CaseEvent, Claim, MediationAgreement, Organisation, Party, utcnow
from app.models.case import search_grams
from app.models.records import CaseDeadlineRow
from app.services.cases.case_service import party_values
from app.services.cases.search import build_search_text
from app.services.imports.register_reader import (
    AGREED,
    FAILED,
    REFUSED,
    SUSPENDED,
    WITHDRAWN,
    RegisterRow,
)
from app.services.security.audit import created_entries, open_chain, write_entries
from app.services.workflow import deadline_store
from app.workflow.calendar import HolidayCalendar
from app.workflow.case_deadlines import EventRecord, derive_deadlines
from app.workflow.deadlines import RuleTable
from app.workflow.events import recorded_kinds
from app.workflow.routing import CaseFacts
from app.workflow.transitions import TransitionRefused, apply_event

# Written in this order (a child after its parent); the audit entries follow it too.
TABLES: tuple[type[SQLModel], ...] = (Case, Party, Claim, CaseEvent, MediationAgreement,
                                      CaseDeadlineRow)


def _table(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


class _Defaults:
    """Every column of a model as a dict in the table's order, the model's defaults filled in
    (what its constructor would have set), so all rows of a table have the same keys."""

    def __init__(self, model: type[SQLModel]) -> None:
        self.keys = [c.key for c in _table(model).columns]
        self.fixed: dict[str, Any] = {}
        self.factories: list[tuple[str, Any]] = []
        for key in self.keys:
            field = model.model_fields.get(key)
            if field is None:
                continue
            if field.default_factory is not None:
                self.factories.append((key, field.default_factory))
            elif field.default is not PydanticUndefined:
                self.fixed[key] = field.default

    def row(self, values: dict[str, Any]) -> dict[str, Any]:
        out = {k: values[k] if k in values else self.fixed.get(k) for k in self.keys}
        for key, factory in self.factories:
            if key not in values:
                out[key] = factory()
        return out


DEFAULTS = {model: _Defaults(model) for model in TABLES}


@dataclass
class _Built:
    case: dict[str, Any]
    parties: list[dict[str, Any]]
    children: list[tuple[type[SQLModel], dict[str, Any]]]  # claims, events, agreements in order
    events: list[EventRecord]


def reserve_ids(s: Session, model: type[SQLModel], n: int) -> list[int]:
    """`n` ids for new rows of `model`: from its sequence on PostgreSQL (other clerks' inserts
    take theirs meanwhile), else the next after the largest (SQLite: the caller holds the
    database's write lock, so nobody else inserts until it commits)."""
    if n == 0:
        return []
    table = _table(model).name
    conn = s.connection()
    if conn.dialect.name == "postgresql":
        found = conn.execute(text(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
                                  "FROM generate_series(1, :n)"), {"n": n}).scalars().all()
        return sorted(int(i) for i in found)
    start = int(conn.exec_driver_sql(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"').scalar_one())
    return list(range(start + 1, start + 1 + n))


def reserve_all_ids(s: Session, counts: dict[type[SQLModel], int]) -> dict[type[SQLModel], list[int]]:
    """`reserve_ids` for several tables; on PostgreSQL in one statement (one round trip)."""
    conn = s.connection()
    wanted = [(m, n) for m, n in counts.items() if n]
    if conn.dialect.name != "postgresql" or len(wanted) < 2:
        return {m: reserve_ids(s, m, n) for m, n in counts.items()}
    parts = [f"SELECT {i} AS t, nextval(pg_get_serial_sequence('{_table(m).name}', 'id')) AS id "
             f"FROM generate_series(1, :n{i})" for i, (m, _) in enumerate(wanted)]
    found: dict[type[SQLModel], list[int]] = {m: [] for m in counts}
    for t, taken in conn.execute(text(" UNION ALL ".join(parts)),
                                 {f"n{i}": n for i, (_, n) in enumerate(wanted)}):
        found[wanted[t][0]].append(int(taken))
    return {m: sorted(v) for m, v in found.items()}


# PostgreSQL's GIN indexes of the search text (migrations 0008, 0021) are kept with fastupdate off, so
# each inserted row's 200-300 keys go into the index one by one: 2.5 s of the server's time for
# a week's 2,467 cases. During the import's transaction they collect new keys in their pending
# list instead, merged sorted in one go before commit; other sessions only ever see the index
# as it was (the change is transactional) and the list empty again.
PG_GIN_INDEXES = ("case_search_trgm", "case_search_grams", "case_search_digits")


@contextmanager
def gin_pending_lists(s: Session) -> Iterator[None]:
    """PostgreSQL: the search indexes fed through their pending lists inside the block."""
    conn = s.connection()
    if conn.dialect.name != "postgresql":
        yield
        return
    # Only the owner may change an index: a clerk's own login (pg-login) writes through the
    # indexes as they are, slower but the same rows.
    found = set(conn.execute(text(
        "SELECT c.relname FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
        "WHERE i.indrelid = 'dispute_case'::regclass "
        "AND pg_has_role(current_user, c.relowner, 'USAGE')")).scalars())
    names = [n for n in PG_GIN_INDEXES if n in found]
    for name in names:
        conn.exec_driver_sql(f"ALTER INDEX {name} SET (fastupdate = on)")
    yield
    for name in names:
        conn.execute(text("SELECT gin_clean_pending_list(CAST(:n AS regclass))"), {"n": name})
        conn.exec_driver_sql(f"ALTER INDEX {name} SET (fastupdate = off)")


def lock_for_writing(s: Session) -> None:
    """SQLite: take the database's write lock now (a write that changes nothing), so the ids
    read next stay free until commit. PostgreSQL's sequences need no lock."""
    if s.connection().dialect.name == "sqlite":
        s.connection().exec_driver_sql("UPDATE case_counter SET last_seq = last_seq WHERE 0")


class RegisterWriter:
    """Writes batches of accepted rows, with the numbers already taken, in the caller's session."""

    def __init__(self, s: Session, org: Organisation, mediators: dict[str, int], file_name: str,
                 user: str, today: date, calendar: HolidayCalendar, rules: RuleTable) -> None:
        self.s, self.org, self.mediators, self.file_name = s, org, mediators, file_name
        self.user, self.today, self.calendar, self.rules = user, today, calendar, rules
        self.excluded: dict[str, frozenset[str]] = {}

    def write(self, rows: list[RegisterRow], numbers: list[str]) -> None:
        built = [self._build(row, case_no) for row, case_no in zip(rows, numbers, strict=True)]
        by_table: dict[type[SQLModel], list[dict[str, Any]]] = {m: [] for m in TABLES}
        for b in built:
            by_table[Case].append(b.case)
        for b in built:
            by_table[Party] += b.parties
            for model, values in b.children:
                by_table[model].append(values)
        # The deadlines need no id to be derived: derived first, so every table's ids are
        # taken in one round trip.
        derived = [derive_deadlines(sorted(b.events, key=lambda e: e.on), self.rules,
                                    self.calendar, self.today,
                                    excluded=self._excluded(b.case["category"]))
                   for b in built]
        counts = {m: len(by_table[m]) for m in TABLES[:-1]}
        counts[CaseDeadlineRow] = sum(len(d) for d in derived)
        ids = {m: iter(taken) for m, taken in reserve_all_ids(self.s, counts).items()}
        for b, deadlines in zip(built, derived, strict=True):
            case_id = b.case["id"] = next(ids[Case])
            for values in b.parties:
                values["id"], values["case_id"] = next(ids[Party]), case_id
            for model, values in b.children:
                values["id"], values["case_id"] = next(ids[model]), case_id
            for values in deadline_store.row_values(case_id, deadlines):
                row = DEFAULTS[CaseDeadlineRow].row(values)
                row["id"] = next(ids[CaseDeadlineRow])
                by_table[CaseDeadlineRow].append(row)
        conn = self.s.connection()
        if conn.dialect.name == "postgresql":
            # The server indexes the rows (trigrams, grams, foreign keys) while this process
            # builds and signs their audit entries: the COPYs run in a second thread on the
            # session's connection, which nothing else touches until it is done (the log's
            # last entry is read before). Only the entries' own COPY waits for it.
            chain = open_chain(self.s)
            with ThreadPoolExecutor(1, thread_name_prefix="register-copy") as pool:
                copying = pool.submit(self._insert, conn, by_table)
                entries = self._entries(built, by_table)
                chain.sign(entries)
                copying.result()
            if entries:
                chain.insert(entries, bulk=True)
            return
        feeding = (batch_fts(conn, "dispute_case", by_table[Case][0]["id"])
                   if conn.dialect.name == "sqlite" and built else nullcontext())
        with feeding:
            self._insert(conn, by_table)
        entries = self._entries(built, by_table)
        if entries:
            write_entries(self.s, entries, bulk=True)

    @staticmethod
    def _insert(conn: Connection, by_table: dict[type[SQLModel], list[dict[str, Any]]]) -> None:
        for model in TABLES:
            copy_insert(conn, _table(model), by_table[model])

    def _entries(self, built: list[_Built], by_table: dict[type[SQLModel], list[dict[str, Any]]]
                 ) -> list[dict[str, Any]]:
        """The create entries in the flush hook's order: the cases; each case's parties, then
        its other rows in the order they were built; the deadlines."""
        logged = {m: iter(created_entries(self.s, m, by_table[m])) for m in TABLES}
        entries = list(logged[Case])
        for b in built:
            entries += [next(logged[Party]) for _ in b.parties]
            entries += [next(logged[model]) for model, _ in b.children]
        entries += logged[CaseDeadlineRow]
        return entries

    def _excluded(self, category: str) -> frozenset[str]:
        if category not in self.excluded:
            self.excluded[category] = deadline_store.excluded_for(self.org, category)
        return self.excluded[category]

    def _build(self, row: RegisterRow, case_no: str) -> _Built:
        """The case in its final state, its rows not yet given ids."""
        case_values: dict[str, Any] = dict(
            case_no=case_no, organisation_id=self.org.id, received_on=row.received_on,
            accepted_on=row.accepted_on, city=row.city, district=row.district,
            category=row.category, occupation=row.occupation, platform=row.platform,
            collective=row.collective, summary=row.summary,
            mediator_id=self.mediators.get(row.mediator))
        parties = [DEFAULTS[Party].row(party_values(p, 0, i + 1))
                   for i, p in enumerate([*row.applicants, *row.respondents])]
        search = build_search_text(SimpleNamespace(**case_values),  # type: ignore[arg-type]
                                   [SimpleNamespace(**p) for p in parties])
        case_values.update(search_text=search, search_chars=search_grams(search))
        children: list[tuple[type[SQLModel], dict[str, Any]]] = [
            (Claim, DEFAULTS[Claim].row(dict(case_id=0, seq=i, claim_type=c.claim_type,
                                             description=c.description, amount=c.amount)))
            for i, c in enumerate(row.claims, start=1)]
        events: list[EventRecord] = []

        def record(kind: str, on: date, note: str) -> None:
            children.append((CaseEvent, DEFAULTS[CaseEvent].row(dict(
                case_id=0, kind=kind, occurred_on=on, note=note, created_by=self.user))))
            events.append(EventRecord(kind, on, {}))

        note = f"从台账“{self.file_name}”第{row.line}行导入"
        record("application.received", row.received_on, note)
        state, stage = Case.model_fields["state"].default, Case.model_fields["stage"].default
        for event, on in course(row):
            try:
                applied = apply_event(state, event, CaseFacts(category=row.category))
            except TransitionRefused as exc:  # the transition table is the law: say, do not force
                raise AppError(f"第{row.line}行：{exc.message}", code="transition_refused") from exc
            for kind in recorded_kinds(event):
                record(kind, on, f"{note}（原台账状态：{row.status_text}）")
            state, stage = applied.state, applied.stage.value
            if event == "agreement.sign":
                # The register says an agreement was reached on that day; its text stays in
                # the old system, so the record says where to find it.
                children.append((MediationAgreement, DEFAULTS[MediationAgreement].row(dict(
                    case_id=0, signed_on=on, effective_on=on,
                    content=f"（调解协议内容见原系统，{note}）"))))
        case_values.update(state=state, stage=stage,
                           status=FINAL_STATUS.get(row.course, "active"), updated_at=utcnow())
        return _Built(DEFAULTS[Case].row(case_values), parties, children, events)


# The event that ends each course, replayed on the closing date after the acceptance.
CLOSING_EVENTS = {
    AGREED: ("agreement.sign", "case.close"), FAILED: ("mediation.fail", "case.close"),
    "closed": ("case.close",), WITHDRAWN: ("case.withdraw",), REFUSED: ("mediation.refuse",),
}
FINAL_STATUS = {SUSPENDED: "suspended", WITHDRAWN: "withdrawn", REFUSED: "refused",
                AGREED: "closed", FAILED: "closed", "closed": "closed"}


def course(row: RegisterRow) -> list[tuple[str, date]]:
    steps: list[tuple[str, date]] = []
    if row.accepted_on is not None:
        steps.append(("mediation.accept", row.accepted_on))
    if row.closed_on is not None:
        steps += [(event, row.closed_on) for event in CLOSING_EVENTS.get(row.course, ())]
    return steps
