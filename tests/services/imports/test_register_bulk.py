"""The register import's bulk writer writes exactly what the ORM path wrote before it (kept here
as the reference): the same rows in every table and the same audit entries, on SQLite and
PostgreSQL; `check` passes after it and finds a changed imported row; a duplicate, a bad row or
a refused course anywhere leaves nothing written."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.bootstrap import Services, open_services
from app.config import AppConfig
from app.errors import AppError, ValidationFailed
from app.models import Case, CaseEvent, Claim, MediationAgreement, Organisation, utcnow
from app.services.admin.organisations import next_case_no
from app.services.cases.case_service import party_from_input
from app.services.cases.search import build_search_text
from app.services.imports import register_service
from app.services.imports.register_reader import RegisterRow
from app.services.imports.register_service import RegisterImportService
from app.services.imports.register_writer import FINAL_STATUS, course
from app.services.reports.report_service import ReportService
from app.services.workflow import deadline_store
from app.workflow.calendar import HolidayCalendar
from app.workflow.case_deadlines import EventRecord, derive_deadlines
from app.workflow.deadlines import RuleTable
from app.workflow.events import recorded_kinds
from app.workflow.routing import CaseFacts
from app.workflow.transitions import TransitionRefused, apply_event
from tests.conftest import TODAY, drop_pg_database, new_pg_database
from tests.services.imports.test_register_import import good_rows, write_csv
from tests.services.security.test_pg_roles import Office, office  # noqa: F401, F811 — the fixture

CLOCK = {"created_at", "updated_at", "at", "prev_hash", "entry_hash"}
TABLES = ("dispute_case", "party", "claim", "case_event", "mediation_agreement",
          "case_deadline", "case_counter")


class OrmRegisterImport(RegisterImportService):
    """The import as it wrote before the bulk writer: ORM objects in three flushes per batch,
    audited by the flush hook (the reference the bulk writer is compared with)."""

    def _write_batch(self, s: Session, org: Organisation, rows: list[RegisterRow],
                     mediators: dict[str, int], file_name: str, today: date,
                     calendar: HolidayCalendar, rules: RuleTable) -> list[tuple[RegisterRow, str]]:
        numbers = [row.case_no or next_case_no(s, org, row.received_on.year) for row in rows]
        built, records = [], []
        with s.no_autoflush:
            for row, case_no in zip(rows, numbers, strict=True):
                case, parties, children, events = self._build(org, row, case_no,
                                                              mediators.get(row.mediator),
                                                              file_name)
                built.append((case, parties, children))
                records.append(events)
        s.add_all(case for case, _, _ in built)
        s.flush()
        for case, parties, children in built:
            for child in [*parties, *children]:
                child.case_id = case.id
            s.add_all(parties)
            s.add_all(children)
        s.flush()
        for (case, _, _), events in zip(built, records, strict=True):
            assert case.id is not None
            s.add_all(deadline_store.rows_for(case.id, derive_deadlines(
                sorted(events, key=lambda e: e.on), rules, calendar, today,
                excluded=deadline_store.excluded_rules(s, case))))
        s.flush()
        return list(zip(rows, numbers, strict=True))

    def _build(self, org: Organisation, row: RegisterRow, case_no: str, mediator_id: int | None,
               file_name: str) -> tuple[Case, list[Any], list[Any], list[EventRecord]]:
        case = Case(case_no=case_no, organisation_id=org.id, received_on=row.received_on,  # type: ignore[arg-type]
                    accepted_on=row.accepted_on, city=row.city, district=row.district,
                    category=row.category, occupation=row.occupation, platform=row.platform,
                    collective=row.collective, summary=row.summary, mediator_id=mediator_id)
        parties = [party_from_input(p, 0, i + 1)
                   for i, p in enumerate([*row.applicants, *row.respondents])]
        case.search_text = build_search_text(case, parties)
        children: list[Any] = [Claim(case_id=0, seq=i, claim_type=c.claim_type,
                                     description=c.description, amount=c.amount)  # type: ignore[arg-type]
                               for i, c in enumerate(row.claims, start=1)]
        events: list[EventRecord] = []

        def record(kind: str, on: date, note: str) -> None:
            children.append(CaseEvent(case_id=0, kind=kind, occurred_on=on, note=note,
                                      created_by=self.ctx.user))
            events.append(EventRecord(kind, on, {}))

        note = f"从台账“{file_name}”第{row.line}行导入"
        record("application.received", row.received_on, note)
        for event, on in course(row):
            try:
                applied = apply_event(case.state, event, CaseFacts(category=case.category))
            except TransitionRefused as exc:
                raise AppError(f"第{row.line}行：{exc.message}") from exc
            for kind in recorded_kinds(event):
                record(kind, on, f"{note}（原台账状态：{row.status_text}）")
            case.state, case.stage = applied.state, applied.stage.value
            if event == "agreement.sign":
                children.append(MediationAgreement(case_id=0, signed_on=on, effective_on=on,
                                                   content=f"（调解协议内容见原系统，{note}）"))
        case.status = FINAL_STATUS.get(row.course, "active")
        case.updated_at = utcnow()
        return case, parties, children, events


def written(services: Services) -> tuple[str, list[str]]:
    """A digest of every row the import writes, ordered by id, without the clock; and the
    audit entries after the set-up's, each as its text without id, clock or hashes, sorted (the
    ORM path logs a batch's last counter step with its cases, the bulk path before them)."""
    h = hashlib.sha256()
    entries: list[str] = []
    with services.ctx.engine.connect() as conn:
        for table in TABLES:
            result = conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))
            keys = list(result.keys())
            rows = [{k: v for k, v in zip(keys, row, strict=True) if k not in CLOCK}
                    for row in result]
            h.update(json.dumps([table, rows], ensure_ascii=False, sort_keys=True,
                                default=str).encode())
        names = ", ".join(f"'{t}'" for t in TABLES)
        for row in conn.execute(text(f"SELECT * FROM audit_entry WHERE entity IN ({names}) "
                                     "ORDER BY id")).mappings():
            data = {k: v for k, v in row.items() if k not in CLOCK and k != "id"}
            if data["action"] == "create":
                logged = json.loads(data["new_value"])
                data["new_value"] = {k: v for k, v in logged.items() if k not in CLOCK}
            entries.append(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str))
    return h.hexdigest(), sorted(entries)


@pytest.fixture
def twin(backend_config: AppConfig, tmp_path: Path, sqlite_template: Path,
         request: pytest.FixtureRequest) -> Iterator[Services]:
    """A second database on the same backend as `services`, the same user."""
    import shutil

    (tmp_path / "twin").mkdir()
    if backend_config.database_url is None:
        config = AppConfig(data_dir=tmp_path / "twin")
        shutil.copy(sqlite_template, config.db_path)
        admin_url = url = None
    else:
        admin_url = request.getfixturevalue("pg_admin_url")
        url = new_pg_database(admin_url)
        config = AppConfig(data_dir=tmp_path / "twin", database_url=url)
    svc = open_services(config, user="tester", today=lambda: TODAY)
    yield svc
    svc.close()
    if admin_url and url:
        drop_pg_database(admin_url, url)


def demo_register(tmp_path: Path) -> Path:
    """Our own register of 120 demo cases of every course (the bench imports a week of it)."""
    config = AppConfig(data_dir=tmp_path / "source")
    config.data_dir.mkdir()
    source = open_services(config, user="tester", today=lambda: TODAY)
    try:
        source.demo.generate(120, seed=3)
        return ReportService(source.ctx).write_register(date(2000, 1, 1), TODAY,
                                                        tmp_path / "demo.xlsx")
    finally:
        source.close()


def test_the_bulk_writer_writes_what_the_orm_path_wrote(
        services: Services, twin: Services, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(register_service, "BATCH", 37)  # several batches, numbers taken in two
    files = [demo_register(tmp_path), write_csv(tmp_path / "台账.csv", good_rows())]
    reference = OrmRegisterImport(twin.ctx)
    for path in files:
        ours = services.register_import.apply(path)
        theirs = reference.apply(path)
        assert ours.case_nos == theirs.case_nos and ours.written > 0
    digest, entries = written(services)
    assert (digest, entries) == written(twin)
    assert len(entries) > 1000
    for svc in (services, twin):
        found = svc.check.run()
        assert found.ok, found.problems


def test_a_changed_imported_row_is_found_by_check(services: Services, tmp_path: Path) -> None:
    services.register_import.apply(write_csv(tmp_path / "台账.csv", good_rows()))
    assert services.check.run().ok
    with services.ctx.engine.begin() as conn:
        conn.execute(text("UPDATE party SET name = '改过的名字' WHERE id = "
                          "(SELECT MAX(id) FROM party)"))
    found = services.check.run()
    assert not found.ok and any("party" in str(p) for p in found.problems), found.problems


def counts(services: Services) -> dict[str, int]:
    with services.ctx.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in (*TABLES, "audit_entry")}


def test_a_duplicate_or_a_bad_row_anywhere_leaves_nothing_written(
        services: Services, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "台账.csv", good_rows())
    services.register_import.apply(path)
    before = counts(services)
    with pytest.raises(ValidationFailed) as again:  # the same register: every row a duplicate
        services.register_import.apply(path)
    assert "已存在" in str(again.value) or "重复" in str(again.value)
    rows = good_rows()
    rows = [rows[0], *[[f"新〔2026〕{i}号", *r[1:]] for i, r in enumerate(rows[1:], 1) if r]]
    rows.append(["新〔2026〕99号", "2025-13-01", "", "孙七", "", "某公司", "", "杭州市", "", "",
                 "", "办理中", "", ""])  # the last row's date cannot be read
    with pytest.raises(ValidationFailed) as bad:
        services.register_import.apply(write_csv(tmp_path / "坏.csv", rows))
    assert "第7行" in str(bad.value) and "收到日期" in str(bad.value)
    assert counts(services) == before


def test_a_course_refused_in_a_later_batch_leaves_nothing_written(
        services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first batches are already inserted when a later row's course is refused: the one
    transaction rolls them back, and the message names the row."""
    from app.services.imports import register_writer

    monkeypatch.setattr(register_service, "BATCH", 1)
    real = register_writer.apply_event

    def refuse_closing(state: str, event: str, facts: CaseFacts) -> Any:
        if event == "case.withdraw":  # the fourth line's course (已撤回)
            raise TransitionRefused("当前状态不能撤回")
        return real(state, event, facts)

    monkeypatch.setattr(register_writer, "apply_event", refuse_closing)
    path = write_csv(tmp_path / "台账.csv", good_rows())
    services.register_import.preview(path)  # the default organisation, created on first use
    before = counts(services)
    with pytest.raises(AppError) as refused:
        services.register_import.apply(path)
    assert "第5行" in str(refused.value) and "当前状态不能撤回" in str(refused.value)
    assert counts(services) == before


def test_imported_cases_are_found_through_the_search_indexes(services: Services,
                                                              tmp_path: Path) -> None:
    """SQLite's FTS5 indexes fed once per batch, PostgreSQL's GIN indexes through their pending
    lists, switched off again before the import commits."""
    from app.services.cases.dto import CaseQuery

    services.register_import.apply(write_csv(tmp_path / "台账.csv", good_rows()))
    for term, case_no in (("张三", "旧调〔2025〕1号"), ("迅达即配", "旧调〔2025〕1号"),
                          ("工人11", "旧调〔2025〕5号"), ("某某物流", None)):
        found = services.cases.list_cases(CaseQuery(search=term, limit=50))
        if case_no is None:
            assert found.total == 2
        else:
            assert [r.case_no for r in found.rows] == [case_no]
    if not services.ctx.is_sqlite:
        with services.ctx.engine.connect() as conn:
            options = conn.execute(text(
                "SELECT c.relname, c.reloptions FROM pg_class c WHERE c.relname IN "
                "('case_search_trgm', 'case_search_grams', 'case_search_digits')")).all()
        assert len(options) == 3
        assert all(opts == ["fastupdate=off"] for _, opts in options), options


@pytest.mark.postgres
def test_a_clerk_s_own_postgresql_login_imports_without_owning_the_indexes(
        office: Office, tmp_path: Path) -> None:  # noqa: F811
    """A mediator's login (pg-login) may insert but not alter the search indexes: the import
    writes through them as they are, and `check` replays it."""
    from app.services.cases.dto import CaseQuery

    clerk = office.open("mediator", "clerk", "mediator")
    try:
        report = clerk.register_import.apply(write_csv(tmp_path / "台账.csv", good_rows()))
        assert report.written == 5
        assert [r.case_no for r in clerk.cases.list_cases(CaseQuery(search="李四")).rows] == [
            "旧调〔2025〕2号"]
    finally:
        clerk.close()
    owner = office.owner()
    try:
        assert owner.check.run().ok
    finally:
        owner.close()


def test_a_table_refused_while_the_entries_are_built_leaves_nothing_written(
        services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL the rows are copied in a second thread while the audit entries are built:
    a COPY that fails there (here the parties', after the cases went in) still fails the
    import, the one transaction rolls back, and the audit chain is as it was."""
    import threading

    from app.services.imports import register_writer

    real = register_writer.copy_insert
    threads: set[str] = set()

    def fail_on_parties(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
        threads.add(threading.current_thread().name)
        if table.name == "party":
            raise RuntimeError("磁盘已满")
        real(conn, table, rows)

    monkeypatch.setattr(register_writer, "copy_insert", fail_on_parties)
    path = write_csv(tmp_path / "台账.csv", good_rows())
    services.register_import.preview(path)  # the default organisation, created on first use
    before = counts(services)
    with pytest.raises(RuntimeError, match="磁盘已满"):
        services.register_import.apply(path)
    assert counts(services) == before
    assert services.check.run().ok
    on_postgres = not services.ctx.is_sqlite
    assert all(name.startswith("register-copy") == on_postgres for name in threads), threads
    monkeypatch.setattr(register_writer, "copy_insert", real)
    assert services.register_import.apply(path).written == 5
    assert services.check.run().ok


@pytest.mark.postgres
def test_postgresql_statistics_after_an_import_skip_the_audit_log_s_texts(
        pg_admin_url: str, tmp_path: Path) -> None:
    """An import that brings a tenth of the cases or more refreshes the written tables'
    statistics; the audit log's only for the columns queries filter on (its JSON texts took
    most of the time), the cases' in full."""
    url = new_pg_database(pg_admin_url)
    svc = open_services(AppConfig(data_dir=tmp_path, database_url=url), user="tester",
                        today=lambda: TODAY)
    try:
        query = ("SELECT tablename, attname FROM pg_stats WHERE tablename IN "
                 "('audit_entry', 'dispute_case')")
        with svc.ctx.engine.begin() as conn:  # what the migrations' ANALYZE left, forgotten
            conn.execute(text("DELETE FROM pg_statistic WHERE starelid IN "
                              "('audit_entry'::regclass, 'dispute_case'::regclass)"))
            assert conn.execute(text(query)).all() == []
        svc.register_import.apply(write_csv(tmp_path / "台账.csv", good_rows()))
        with svc.ctx.engine.connect() as conn:
            analysed = {(t, c) for t, c in conn.execute(text(query))}
        assert {("audit_entry", "case_id"), ("audit_entry", "entity"),
                ("dispute_case", "received_on"), ("dispute_case", "search_text")} <= analysed
        assert ("audit_entry", "new_value") not in analysed
        assert ("audit_entry", "entry_hash") not in analysed
    finally:
        svc.close()
        drop_pg_database(pg_admin_url, url)
