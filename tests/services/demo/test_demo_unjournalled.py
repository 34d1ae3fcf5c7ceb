"""A large demo into a database without cases writes each batch without a journal on disk:
inside a batch the rollback journal is in memory and a marker file stands; a failed batch
still rolls back (and keeps the search triggers); a killed one leaves the marker and the next
start refuses the file; a database that holds cases, or another open connection, keeps WAL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.bootstrap import Services, open_services
from app.bulk import UNJOURNALLED_FILE, batch_fts, interrupted_load, unjournalled
from app.errors import AppError
from app.services.cases.dto import CaseQuery
from app.services.demo import generator, loader
from tests.conftest import TODAY
from tests.services.demo.test_demo_bulk import searched

FTS_TRIGGERS = {"dispute_case_search_ai", "dispute_case_chars_ai"}


def _mode(services: Services) -> str:
    with services.ctx.engine.connect() as conn:
        return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar())


def _triggers(services: Services) -> set[str]:
    with services.ctx.engine.connect() as conn:
        return {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, str, bool]]:
    """Each unjournalled batch: whether it was taken, the journal mode inside, the marker."""
    seen: list[tuple[bool, str, bool]] = []
    real = loader.unjournalled

    def spying(conn, data_dir):  # type: ignore[no-untyped-def]
        with real(conn, data_dir) as taken:
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            conn.commit()
            seen.append((taken, mode, interrupted_load(data_dir)))
            yield taken

    from contextlib import contextmanager
    monkeypatch.setattr(loader, "unjournalled", contextmanager(spying))
    return seen


def test_a_large_demo_into_a_new_database_writes_its_batches_unjournalled(
        sqlite_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator, "BATCH", 40)
    monkeypatch.setattr(generator, "DEFER_INDEXES_FROM", 100)
    seen = _spy(monkeypatch)
    assert sqlite_services.demo.generate(120, seed=3) == 120
    assert seen == [(True, "memory", True)] * 3
    data_dir = sqlite_services.ctx.config.data_dir
    assert not interrupted_load(data_dir) and _mode(sqlite_services) == "wal"
    with sqlite_services.ctx.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    assert all(searched(sqlite_services))  # the FTS indexes were fed, and check out
    found = sqlite_services.check.run()
    assert found.ok, found.problems
    # A second demo into the same database (it holds cases now): WAL throughout.
    seen.clear()
    assert sqlite_services.demo.generate(120, seed=4) == 120
    assert seen == []
    assert sqlite_services.check.run().ok


def test_a_failed_batch_rolls_back_and_keeps_the_search_triggers(
        sqlite_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator, "BATCH", 40)
    monkeypatch.setattr(generator, "DEFER_INDEXES_FROM", 100)
    real = loader.log_created_payloads
    calls: list[int] = []

    def failing(session, model, payloads):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) > 14:  # in the second batch, after its cases and parties went in
            raise RuntimeError("磁盘已满")
        return real(session, model, payloads)

    monkeypatch.setattr(loader, "log_created_payloads", failing)
    with pytest.raises(RuntimeError):
        sqlite_services.demo.generate(120, seed=3)
    assert sqlite_services.cases.list_cases(CaseQuery(limit=1)).total == 40
    assert FTS_TRIGGERS <= _triggers(sqlite_services)
    assert not interrupted_load(sqlite_services.ctx.config.data_dir)
    assert _mode(sqlite_services) == "wal"
    found = sqlite_services.check.run()
    assert found.ok, found.problems


def test_batch_fts_in_a_transaction_that_fails_keeps_the_triggers(
        sqlite_services: Services) -> None:
    with sqlite_services.ctx.engine.connect() as conn, pytest.raises(RuntimeError):
        with batch_fts(conn, "dispute_case", 1):
            raise RuntimeError("失败")
    assert FTS_TRIGGERS <= _triggers(sqlite_services)


def test_another_open_connection_keeps_wal(sqlite_services: Services) -> None:
    other = sqlite3.connect(sqlite_services.ctx.config.db_path)
    try:
        other.execute("SELECT count(*) FROM dispute_case").fetchall()  # holds the WAL index
        with sqlite_services.ctx.engine.connect() as conn:
            with unjournalled(conn, sqlite_services.ctx.config.data_dir) as taken:
                assert not taken
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert not interrupted_load(sqlite_services.ctx.config.data_dir)
    finally:
        other.close()


def test_a_start_after_a_killed_unjournalled_batch_refuses_the_file(
        sqlite_services: Services) -> None:
    config = sqlite_services.ctx.config
    sqlite_services.close()
    (config.data_dir / UNJOURNALLED_FILE).write_text("x", encoding="utf-8")
    with pytest.raises(AppError) as raised:
        open_services(config, user="tester", today=lambda: TODAY)
    assert "中途被中断" in raised.value.message and str(config.db_path) in raised.value.message
    (config.data_dir / UNJOURNALLED_FILE).unlink()
    open_services(config, user="tester", today=lambda: TODAY).close()


def test_the_marker_is_owner_only(sqlite_services: Services, tmp_path: Path) -> None:
    import os
    with sqlite_services.ctx.engine.connect() as conn:
        with unjournalled(conn, sqlite_services.ctx.config.data_dir) as taken:
            assert taken
            marker = sqlite_services.ctx.config.data_dir / UNJOURNALLED_FILE
            if os.name == "posix":
                assert marker.stat().st_mode & 0o777 == 0o600
