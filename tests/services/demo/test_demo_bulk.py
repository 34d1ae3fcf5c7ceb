"""Demo generation's bulk paths write exactly what the plain paths write, and `check` passes:
driver-level inserts against SQLAlchemy Core's, indexes built after the load against kept
ones; a load killed while its indexes were dropped gets them back at the next start."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.bootstrap import Services, open_services
from app.bulk import (
    DEFERRED_INDEXES,
    FTS5_AUTOMERGE,
    FTS5_HASHSIZE,
    FTS_TABLES,
    LOAD_HASHSIZE,
    PENDING_FILE,
    batch_fts,
    deferred_indexes,
)
from app.config import AppConfig
from app.models.case import search_grams, search_key
from app.services.demo import generator, loader
from app.services.security.audit import DERIVED
from tests.conftest import TODAY

# Columns that hold the clock (or hashes over it): the same seed gives the same rows but not
# the same instants. Derived columns (audit.DERIVED: search_chars, the short-term index's
# input, a function of search_text) are left out too: their format follows the index's.
CLOCK = {"created_at", "updated_at", "at", "prev_hash", "entry_hash"}
TABLES = ("dispute_case", "party", "claim", "case_event", "evidence", "mediation_session",
          "mediation_agreement", "performance_term", "filing", "case_deadline", "witness",
          "service_record", "case_counter", "audit_entry")


@pytest.fixture
def twin(tmp_path: Path, sqlite_template: Path) -> Iterator[Services]:
    """A second database like `sqlite_services`, same user (the audit entries name it)."""
    config = AppConfig(data_dir=tmp_path / "twin")
    config.data_dir.mkdir()
    shutil.copy(sqlite_template, config.db_path)
    svc = open_services(config, user="tester", today=lambda: TODAY)
    yield svc
    svc.close()


def digest(services: Services) -> str:
    """SHA-256 over every row the demo writes (its audit entries included), ordered by id."""
    h = hashlib.sha256()
    with services.ctx.engine.connect() as conn:
        for table in TABLES:
            result = conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))
            keys = list(result.keys())
            count = 0
            for row in result:
                data: dict[str, Any] = {k: v for k, v in zip(keys, row, strict=True)
                                        if k not in CLOCK and k not in DERIVED}
                if table == "dispute_case":  # derived from search_text: checked, not hashed
                    assert row._mapping["search_chars"] == search_grams(data["search_text"])
                if table == "audit_entry" and data["entity"] not in TABLES \
                        and data["entity"] != "demo":
                    continue  # seeded reference data (the forum registry…), not the demo's
                if table == "audit_entry" and data["action"] == "create" and data["entity"] != "demo":
                    logged = json.loads(data["new_value"])
                    data["new_value"] = {k: v for k, v in logged.items()
                                         if k not in CLOCK and k not in DERIVED}
                h.update(json.dumps(data, ensure_ascii=False, sort_keys=True,
                                    default=str).encode())
                count += 1
            h.update(f"{table}:{count}".encode())
    return h.hexdigest()


def searched(services: Services) -> list[list[int]]:
    """What both full-text indexes hold, and the checks FTS5 makes of them against the table."""
    found = []
    with services.ctx.engine.connect() as conn:
        for fts, col in (("case_search", "search_text"), ("case_search_chars", "search_chars")):
            conn.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
            terms = conn.exec_driver_sql(f"SELECT {col} FROM dispute_case ORDER BY id "
                                         "LIMIT 5").scalars().all()
            for term in terms:
                # case_search_chars: one of the case's tokens (a character's or a pair's,
                # migration 0020), found in the cases holding that token.
                piece = term[3:9] if fts == "case_search" else term.split()[2]
                where = (f"{col} LIKE ?" if fts == "case_search" else f"' ' || {col} || ' ' LIKE ?")
                pattern = f"%{piece}%" if fts == "case_search" else f"% {piece} %"
                # The rowid is the search key (migration 0017): date and id.
                hits = conn.exec_driver_sql(
                    f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid",
                    ('"' + piece.replace('"', '""') + '"',)).scalars().all()
                scan = [search_key(date.fromisoformat(day), case_id)
                        for case_id, day in conn.exec_driver_sql(
                            f"SELECT id, received_on FROM dispute_case WHERE {where} "
                            "ORDER BY received_on, id", (pattern,)).all()]
                assert hits and hits == scan
                found.append(list(hits))
    return found


def merging(services: Services) -> list[tuple[int, int, int]]:
    """Per full-text index: its automerge and hashsize settings and its segment count."""
    found = []
    with services.ctx.engine.connect() as conn:
        for fts in FTS_TABLES:
            config = dict(conn.exec_driver_sql(f"SELECT k, v FROM {fts}_config").all())
            segments = conn.exec_driver_sql(
                f"SELECT count(DISTINCT segid) FROM {fts}_idx").scalar()
            found.append((config.get("automerge", FTS5_AUTOMERGE),
                          config.get("hashsize", FTS5_HASHSIZE), segments))
    return found


def indexes(services: Services) -> set[str]:
    with services.ctx.engine.connect() as conn:
        return {r[0] for r in conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'index'"))}


def test_driver_inserts_write_what_core_inserts_write(
        sqlite_services: Services, twin: Services) -> None:
    twin.demo.driver_inserts = False
    assert sqlite_services.demo.generate(300, seed=9) == 300
    assert twin.demo.generate(300, seed=9) == 300
    assert digest(sqlite_services) == digest(twin)
    assert searched(sqlite_services) == searched(twin)
    with sqlite_services.ctx.engine.connect() as conn:  # the triggers are back after the load
        triggers = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"dispute_case_search_ai", "dispute_case_chars_ai"} <= triggers
    found = sqlite_services.check.run()
    assert found.ok, found.problems


def test_every_table_of_the_driver_path_is_bound_with_its_payloads(
        sqlite_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """A row missing a column (one added to a model later, left to its Python default) sends
    its table down the Core path, read back after the insert: slower by its whole table."""
    read_back: list[str] = []
    real = loader.log_created_rows

    def logged(s: Any, model: Any, ids: list[int]) -> None:
        read_back.append(model.__tablename__)
        real(s, model, ids)

    monkeypatch.setattr(loader, "log_created_rows", logged)
    assert sqlite_services.demo.generate(300, seed=9) == 300
    assert read_back == []
    with sqlite_services.ctx.engine.connect() as conn:  # derived columns are not logged
        logged = conn.exec_driver_sql(
            "SELECT new_value FROM audit_entry WHERE entity = 'dispute_case'").scalars().all()
    assert len(logged) == 300
    assert all('"search_text"' in v and '"search_chars"' not in v for v in logged)
    with sqlite_services.ctx.engine.connect() as conn:  # every table was written
        for table in ("mediation_agreement", "filing", "witness", "service_record"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
    assert sqlite_services.check.run().ok


def test_a_batch_feeds_the_full_text_indexes_once_without_its_triggers(
        sqlite_services: Services) -> None:
    with sqlite_services.ctx.engine.begin() as conn:
        with batch_fts(conn, "dispute_case", 1):
            inside = {r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        after = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    names = {"dispute_case_search_ai", "dispute_case_chars_ai"}
    assert not (inside & names) and names <= after


def test_indexes_built_after_the_load_give_the_same_rows(
        sqlite_services: Services, twin: Services,
        monkeypatch: pytest.MonkeyPatch) -> None:
    before = indexes(sqlite_services)
    assert set(DEFERRED_INDEXES) <= before
    monkeypatch.setattr(generator, "BATCH", 40)
    monkeypatch.setattr(generator, "DEFER_INDEXES_FROM", 100)
    during: list[set[str]] = []
    merges: list[list[tuple[int, int, int]]] = []
    pending = sqlite_services.ctx.config.data_dir / PENDING_FILE

    def progress(done: int, total: int) -> None:
        during.append(indexes(sqlite_services))
        merges.append(merging(sqlite_services))
        assert pending.exists()

    sqlite_services.demo.generate(120, seed=5, progress=progress)
    monkeypatch.setattr(generator, "DEFER_INDEXES_FROM", 10**9)
    twin.demo.generate(120, seed=5)
    assert len(during) == 3 and all(not (seen & set(DEFERRED_INDEXES)) for seen in during)
    assert indexes(sqlite_services) == before and not pending.exists()
    # During the load the segments pile up unmerged (one a batch: three batches, three);
    # after it they stay as they are and the indexes merge as before.
    assert all(m[:2] == (0, LOAD_HASHSIZE) for seen in merges for m in seen)
    assert [m[2] for m in merges[-1]] == [3, 3]
    assert merging(sqlite_services) == [(FTS5_AUTOMERGE, FTS5_HASHSIZE, 3)] * 2
    assert digest(sqlite_services) == digest(twin)
    assert searched(sqlite_services) == searched(twin)
    found = sqlite_services.check.run()
    assert found.ok, found.problems
    with sqlite_services.ctx.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_a_killed_load_gets_its_indexes_back_at_the_next_start(
        sqlite_services: Services, tmp_path: Path) -> None:
    config = sqlite_services.ctx.config
    sqlite_services.demo.generate(30, seed=2)  # rows, so that ANALYZE has something to say
    before = indexes(sqlite_services)
    # What a process killed inside the load leaves: the file written, the indexes dropped.
    # (Kept referenced: a collected generator would run its clean-up as a kill does not.)
    load = deferred_indexes(sqlite_services.ctx.engine, config.data_dir)
    load.__enter__()
    assert not (indexes(sqlite_services) & set(DEFERRED_INDEXES))
    assert [m[:2] for m in merging(sqlite_services)] == [(0, LOAD_HASHSIZE)] * 2
    sqlite_services.close()
    again = open_services(config, user="tester", today=lambda: TODAY)
    try:
        assert indexes(again) == before
        assert [m[:2] for m in merging(again)] == [(FTS5_AUTOMERGE, FTS5_HASHSIZE)] * 2
        assert not (config.data_dir / PENDING_FILE).exists()
        with again.ctx.engine.connect() as conn:  # the planner has their statistics again
            stats = {r[0] for r in conn.execute(text("SELECT idx FROM sqlite_stat1"))}
        assert set(DEFERRED_INDEXES) <= stats
    finally:
        again.close()
        del load


def test_a_hostile_pending_file_runs_no_sql_and_the_start_goes_on(
        sqlite_services: Services) -> None:
    # The pending file lies in the data folder, where anyone with the folder can write: it is
    # a list of our index statements, never SQL to run as it stands.
    config = sqlite_services.ctx.config
    before = indexes(sqlite_services)
    sqlite_services.close()
    (config.data_dir / PENDING_FILE).write_text(json.dumps({
        "ix_party_name": "CREATE INDEX ix_party_name ON party (name); DELETE FROM party",
        "x": "DROP TABLE audit_entry",
        "ix_party_id_number": "CREATE TABLE smuggled (x)",
        "ix_case_deadline_due": "CREATE INDEX ix_other ON case_deadline (due)",
    }), encoding="utf-8")
    again = open_services(config, user="tester", today=lambda: TODAY)
    try:
        assert indexes(again) == before  # nothing built, nothing dropped
        with again.ctx.engine.connect() as conn:
            tables = {r[0] for r in conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'table'"))}
        assert "audit_entry" in tables and "smuggled" not in tables
        assert not (config.data_dir / PENDING_FILE).exists()
        assert again.check.run().ok
    finally:
        again.close()
    (config.data_dir / PENDING_FILE).write_text("{not json", encoding="utf-8")
    third = open_services(config, user="tester", today=lambda: TODAY)  # a damaged file: it starts
    third.close()
    assert not (config.data_dir / PENDING_FILE).exists()
