"""The due list and the calendar read the partial index of the deadlines still to be done
(open or missed, not completed) in due order and stop after their page: what they list is what
a plain query over every deadline lists, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event, text

from app.bootstrap import Services
from tests.conftest import TODAY
from tests.services.reports.test_statistics_plans import plan, statements

PLAIN = ("SELECT c.case_no, d.rule_id, d.due, d.state, d.kind FROM case_deadline d "
         "JOIN dispute_case c ON c.id = d.case_id WHERE d.state IN ('open', 'missed') "
         "AND d.completed_on IS NULL AND d.due IS NOT NULL AND c.status = 'active' "
         "AND d.kind IN ('duty', 'term') AND d.due <= :h ORDER BY d.due, c.case_no")


def _plain(services: Services, horizon: date) -> list[tuple[Any, ...]]:
    with services.ctx.engine.connect() as conn:
        rows = conn.execute(text(PLAIN), {"h": horizon.isoformat()}).all()
    return [(r[0], r[1], r[2] if isinstance(r[2], date) else date.fromisoformat(r[2]),
             r[3], r[4]) for r in rows]


def test_the_due_list_is_the_plain_query(services: Services) -> None:
    services.demo.generate(150, seed=5)
    # Done deadlines before the open ones: the index must skip them, the result not change.
    expected = _plain(services, TODAY + timedelta(days=7))
    assert len(expected) > 60
    everything = services.workflow.due_list(within_days=7, limit=100_000)
    got = [(i.case_no, i.rule_id, i.due, i.state, i.kind) for i in everything]
    assert sorted(got) == sorted(expected)
    assert [(i.due, i.case_no) for i in everything] == [(r[2], r[0]) for r in expected]
    for limit in (1, 7, 50, len(expected) - 1):
        page = services.workflow.due_list(within_days=7, limit=limit)
        # Ties on (due, case number) may come in either order; the keys may not.
        assert [(i.due, i.case_no) for i in page] == [(r[2], r[0]) for r in expected[:limit]]
        assert {(i.case_no, i.rule_id) for i in page} <= {(r[0], r[1]) for r in expected}
    wider = _plain(services, TODAY + timedelta(days=60))
    assert len(services.workflow.due_list(within_days=60, limit=100_000)) == len(wider)


def test_the_due_list_and_calendar_read_the_open_deadlines_index(sqlite_services: Services
                                                                  ) -> None:
    sqlite_services.demo.generate(150, seed=5)
    for run in (lambda: sqlite_services.workflow.due_list(within_days=7, limit=500),
                lambda: sqlite_services.workflow.calendar(TODAY, TODAY + timedelta(days=30))):
        with statements(sqlite_services) as seen:
            run()
        assert len(seen) == 1
        shown = plan(sqlite_services, *seen[0])
        assert "USING INDEX ix_case_deadline_open_due" in shown, shown


COUNTS = ("SELECT count(*), sum(CASE WHEN d.due < :today THEN 1 ELSE 0 END) FROM case_deadline d "
          "JOIN dispute_case c ON c.id = d.case_id WHERE d.state IN ('open', 'missed') "
          "AND d.completed_on IS NULL AND d.due IS NOT NULL AND c.status = 'active' "
          "AND d.kind = 'duty' AND d.due <= :h")


def test_the_workbench_counts_stop_at_their_cap_and_say_so(services: Services) -> None:
    """The workbench's totals past its list: with a cap each count is the plain count, or the
    cap and flagged when there are more; without one, the plain counts."""
    services.demo.generate(150, seed=5)
    with services.ctx.engine.connect() as conn:
        total, overdue = conn.execute(text(COUNTS), {
            "today": TODAY.isoformat(), "h": (TODAY + timedelta(days=7)).isoformat()}).one()
    total, overdue = int(total), int(overdue or 0)
    assert total > overdue > 3  # overdue duties and ones still to come
    assert tuple(services.workflow.due_counts(within_days=7)) == (total, overdue, False, False)
    for cap in (1, overdue - 1, overdue, (overdue + total) // 2, total - 1, total, total + 5):
        got = services.workflow.due_counts(within_days=7, cap=cap)
        assert got.total == min(total, cap) and got.total_capped == (total > cap), cap
        assert got.overdue == min(overdue, cap) and got.overdue_capped == (overdue > cap), cap


def test_a_capped_count_searches_an_index_and_stops(sqlite_services: Services) -> None:
    sqlite_services.demo.generate(150, seed=5)
    with statements(sqlite_services) as seen:
        sqlite_services.workflow.due_counts(within_days=7, cap=20)
    assert len(seen) == 2  # everything due by the horizon; the overdue ones
    for sql, params in seen:
        assert "LIMIT" in sql.upper()
        shown = plan(sqlite_services, sql, params)
        # The partial index of the deadlines still to do, not (kind, state, due), which reads
        # past every deadline met late: as many as the office's history is long.
        assert "USING INDEX ix_case_deadline_open_due" in shown, shown
        assert "SCAN dispute_case" not in shown, shown


@pytest.mark.postgres
def test_postgres_counts_without_parallel_workers(pg_services: Services) -> None:
    """PostgreSQL planned two workers for a capped count (1,001 index entries): starting them
    took 3.5 of its 6 ms at 100,000 cases. With parallel plans made free, each count's plan,
    explained inside the service's own transaction, still has no Gather."""
    services = pg_services
    services.demo.generate(150, seed=5)
    free = ("SET parallel_setup_cost = 0", "SET parallel_tuple_cost = 0",
            "SET min_parallel_index_scan_size = 0", "SET min_parallel_table_scan_size = 0")
    plans: list[str] = []

    def explain(conn: Any, cursor: Any, sql: str, params: Any, _ctx: Any, _many: bool) -> None:
        if sql.lstrip().upper().startswith("SELECT") and "LIMIT" in sql.upper():
            for setting in free:
                cursor.execute(setting)
            cursor.execute(f"EXPLAIN {sql}", params)
            plans.append("\n".join(str(r[0]) for r in cursor.fetchall()))

    event.listen(services.ctx.engine, "before_cursor_execute", explain)
    try:
        got = services.workflow.due_counts(within_days=7, cap=20)
    finally:
        event.remove(services.ctx.engine, "before_cursor_execute", explain)
    assert len(plans) == 2 and got.total >= got.overdue
    for shown in plans:
        assert "Gather" not in shown, shown
