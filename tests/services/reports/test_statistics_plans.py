"""The statistics and the due deadlines read indexes, never scan a table, once the planner has
full statistics (demo, import and migrations run a full ANALYZE); the counts behind them are
recounted here from the raw rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event, text

from app.bootstrap import Services
from app.db import refresh_planner_statistics
from app.services.reports.statistics import StatisticsService
from tests.conftest import TODAY

YEAR = (date(2025, 1, 1), date(2025, 12, 31))
# the tables the statistics touch that grow with the cases
BIG = ("dispute_case", "party", "claim", "case_deadline", "mediation_agreement",
       "mediation_session", "performance_term", "case_event")


@contextmanager
def statements(services: Services) -> Iterator[list[tuple[str, Any]]]:
    """Every SELECT the engine runs inside the block, with its parameters."""
    seen: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, sql: str, params: Any, _ctx: Any, _many: bool) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            seen.append((sql, params))

    event.listen(services.ctx.engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(services.ctx.engine, "before_cursor_execute", grab)


def table_scans(services: Services, run: Callable[[], object]) -> list[str]:
    """The plan lines, of every statement `run` issues, that read a large table row by row."""
    with statements(services) as seen:
        run()
    assert seen, "nothing was queried"
    scans = []
    raw = services.ctx.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for sql, params in seen:
            for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params):
                detail = str(row[-1])
                found = re.match(r"SCAN (\w+)", detail)
                if found and found.group(1) in BIG and "INDEX" not in detail:
                    scans.append(f"{detail}  ←  {sql[:120]}")
    finally:
        raw.close()
    return scans


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Any) -> Iterator[Services]:
    import shutil

    from app.bootstrap import open_services
    from app.config import AppConfig

    config = AppConfig(data_dir=tmp_path_factory.mktemp("plans"))
    shutil.copy(sqlite_template, config.db_path)
    svc = open_services(config, user="tester", today=lambda: TODAY)
    svc.demo.generate(600, seed=4)
    yield svc
    svc.close()


def test_demo_leaves_full_statistics(loaded: Services) -> None:
    """Not a sample: sqlite_stat1's row count of each index is the table's row count."""
    with loaded.ctx.engine.connect() as conn:
        cases = conn.execute(text("SELECT count(*) FROM dispute_case")).scalar()
        deadlines = conn.execute(text("SELECT count(*) FROM case_deadline")).scalar()
        stats = dict(conn.execute(text(
            "SELECT idx, stat FROM sqlite_stat1 WHERE idx IN "
            "('ix_dispute_case_stats', 'ix_case_deadline_kind_state_due')")).all())
    assert int(stats["ix_dispute_case_stats"].split()[0]) == cases
    assert int(stats["ix_case_deadline_kind_state_due"].split()[0]) == deadlines


def test_year_statistics_read_indexes_only(loaded: Services) -> None:
    stats = StatisticsService(loaded.ctx)
    assert table_scans(loaded, lambda: stats.compute(*YEAR)) == []
    assert table_scans(loaded, lambda: stats.compute(*YEAR, organisation_id=1)) == []


def test_a_table_scan_is_caught(loaded: Services) -> None:
    """The check above can fail: a query on an unindexed column is a scan."""
    def scan() -> object:
        with loaded.ctx.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM dispute_case WHERE facts = 'x'")).all()

    assert table_scans(loaded, scan)


def test_deadline_counts_are_one_indexed_query(loaded: Services) -> None:
    """The statistics' duties met / missed / open and the workbench's due and overdue counts:
    one statement each, through the (kind, state, due) index, equal to a count of the rows."""
    stats = StatisticsService(loaded.ctx)
    with loaded.ctx.session() as s:
        with statements(loaded) as seen:
            counts = stats._deadlines(s, *YEAR, None)
    assert len(seen) == 1
    assert "ix_case_deadline_kind_state_due" in plan(loaded, *seen[0])
    with loaded.ctx.engine.connect() as conn:
        expected = dict(conn.execute(text(
            "SELECT state, count(*) FROM case_deadline WHERE kind = 'duty' AND due BETWEEN "
            ":a AND :b AND state IN ('met', 'missed', 'open') GROUP BY state"),
            {"a": YEAR[0].isoformat(), "b": YEAR[1].isoformat()}).all())
    assert sum(counts.values()) > 0
    assert counts == {k: expected.get(k, 0) for k in ("met", "missed", "open")}

    with statements(loaded) as seen:
        total, overdue, *capped = loaded.workflow.due_counts(within_days=7)
    assert capped == [False, False]  # no cap asked for: exact counts
    assert len(seen) == 1
    assert "ix_case_deadline_kind_state_due" in plan(loaded, *seen[0])
    assert table_scans(loaded, lambda: loaded.workflow.due_counts(within_days=7)) == []
    listed = loaded.workflow.due_list(within_days=7, limit=100_000)
    assert total == len(listed) > 0
    assert overdue == sum(1 for i in listed if i.overdue)
    with loaded.ctx.engine.connect() as conn:
        raw = conn.execute(text(
            "SELECT count(*), sum(d.due < :today) FROM case_deadline d JOIN dispute_case c "
            "ON c.id = d.case_id WHERE d.kind = 'duty' AND d.state IN ('open', 'missed') AND "
            "d.completed_on IS NULL AND d.due <= :h AND c.status = 'active'"),
            {"today": TODAY.isoformat(), "h": (TODAY + timedelta(days=7)).isoformat()}).one()
    assert (total, overdue) == (raw[0], raw[1])


def plan(services: Services, sql: str, params: Any) -> str:
    raw = services.ctx.engine.raw_connection()
    try:
        return "\n".join(str(r[-1]) for r in raw.cursor().execute(f"EXPLAIN QUERY PLAN {sql}",
                                                                   params))
    finally:
        raw.close()


def test_statistics_are_fresh_after_demo(services: Services) -> None:
    """On both engines the planner's row count of the case table is the table's after a demo
    (SQLite: sqlite_stat1 read in full; PostgreSQL: ANALYZE's reltuples)."""
    services.demo.generate(120, seed=3)
    with services.ctx.engine.connect() as conn:
        if services.ctx.is_sqlite:
            stat = conn.execute(text("SELECT stat FROM sqlite_stat1 "
                                     "WHERE idx = 'ix_dispute_case_received_on'")).scalar()
            estimated = int(str(stat).split()[0])
        else:
            estimated = conn.execute(text(
                "SELECT reltuples FROM pg_class WHERE relname = 'dispute_case'")).scalar()
        counted = conn.execute(text("SELECT count(*) FROM dispute_case")).scalar()
    assert estimated == counted == 120
    refresh_planner_statistics(services.ctx.engine)  # idempotent, callable at any time


def test_statistics_on_two_connections_equal_one_connection(loaded: Services,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """The groups of queries run on two threads (two connections); the figures are those of
    the same groups run one after the other in one session."""
    import threading

    stats = StatisticsService(loaded.ctx)
    threads: set[int] = set()

    def seen(*_args: Any) -> None:
        threads.add(threading.get_ident())

    event.listen(loaded.ctx.engine, "before_cursor_execute", seen)
    try:
        parallel = stats.compute(*YEAR)
    finally:
        event.remove(loaded.ctx.engine, "before_cursor_execute", seen)
    assert len(threads) == 2

    def one_by_one(_self: StatisticsService, tasks: list[Callable[[Any], None]]) -> None:
        from sqlalchemy.orm import Session

        with Session(loaded.ctx.engine) as s:
            for task in tasks:
                task(s)

    monkeypatch.setattr(StatisticsService, "_parallel", one_by_one)
    sequential = stats.compute(*YEAR)
    assert parallel.received > 0
    assert parallel.to_json() == sequential.to_json()
    assert list(parallel.by_platform) == list(sequential.by_platform)
