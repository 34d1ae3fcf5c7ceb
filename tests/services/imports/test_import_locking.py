"""A large import reads and checks its whole file before the write transaction opens: while the
file is being parsed, another clerk's connection can take the write lock (SQLite) or change the
case (PostgreSQL) at once, and the import still writes what the file holds afterwards."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import select

from app.bootstrap import Services, open_services
from app.models import Case, Party
from app.services.imports import register_service, worker_service
from tests.conftest import TODAY
from tests.factories import case_input
from tests.services.imports.test_register_import import good_rows
from tests.services.imports.test_register_import import write_csv as write_register
from tests.services.imports.test_worker_import import HEADER, worker_id, write_csv


def _probe_write_lock(services: Services, case_no: str) -> float:
    """Another connection takes the write lock and changes the case with no waiting at all
    (SQLite: timeout 0; PostgreSQL: lock_timeout 50 ms). Returns how long it took."""
    started = time.perf_counter()
    if services.ctx.is_sqlite:
        conn = sqlite3.connect(services.ctx.config.db_path, timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")  # fails at once if anyone holds the write lock
            conn.execute("UPDATE dispute_case SET summary = summary WHERE case_no = ?", (case_no,))
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    else:
        engine = create_engine(services.ctx.engine.url)
        try:
            with engine.begin() as conn:
                conn.execute(text("SET LOCAL lock_timeout = '50ms'"))
                conn.execute(text("SELECT id FROM dispute_case WHERE case_no = :n FOR UPDATE"),
                             {"n": case_no})
        finally:
            engine.dispose()
    return time.perf_counter() - started


def _during_parsing(monkeypatch: pytest.MonkeyPatch, module: Any, name: str,
                    action: Callable[[], None]) -> list[float]:
    """Run `action` while the import's reader is at work (once, at its first call)."""
    real = getattr(module, name)
    calls: list[float] = []

    def reading(*args: Any, **kwargs: Any) -> Any:
        if not calls:
            started = time.perf_counter()
            action()
            calls.append(time.perf_counter() - started)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, reading)
    return calls


def test_a_worker_list_is_parsed_without_holding_the_case(
        services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    rows = [HEADER] + [[f"工人{n}", worker_id(n), "", "2026-01-01", "2026-03-31", "1000"]
                       for n in range(10, 60)]
    path = write_csv(tmp_path / "名单.csv", rows)
    probes = _during_parsing(monkeypatch, worker_service, "read_worker_file",
                             lambda: _probe_write_lock(services, case_no) and None)
    report = services.worker_import.apply(case_no, path)
    assert probes and probes[0] < 1.0  # the other clerk was not kept waiting
    assert report.parties_added == 50
    with services.ctx.session() as s:
        case = s.exec(select(Case).where(Case.case_no == case_no)).one()
        assert len(list(s.exec(select(Party).where(Party.case_id == case.id)))) == 52


def test_a_register_is_parsed_while_another_clerk_registers_a_case(
        sqlite_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other clerk's case is saved during the parse; the import notices the new case
    number, checks the file again inside its transaction and writes every row."""
    path = write_register(tmp_path / "台账.csv", good_rows())
    other = open_services(sqlite_services.ctx.config, user="other", today=lambda: TODAY)
    taken: list[str] = []

    def another_clerk() -> None:
        assert _probe_write_lock(sqlite_services, "none") < 1.0
        taken.append(other.cases.create_case(case_input()).case_no)

    try:
        probes = _during_parsing(monkeypatch, register_service, "read_register_file",
                                 another_clerk)
        report = sqlite_services.register_import.apply(path)
    finally:
        other.close()
    assert probes and probes[0] < 5.0 and taken
    assert report.written == 5 and taken[0] not in report.case_nos
    with sqlite_services.ctx.session() as s:
        numbers = set(s.exec(select(Case.case_no)))
    assert set(report.case_nos) | set(taken) == numbers
    assert sqlite_services.check.run().ok
