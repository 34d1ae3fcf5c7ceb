"""Bulk loading on SQLite: driver-level executemany, and indexes with random keys built after."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, insert

from app.fileutil import make_private_file
from app.models.case import search_key_sql

# Secondary indexes whose keys arrive in random order (dates, names, ID numbers): at 100,000
# cases and more each insert touches a page anywhere in them, and the page cache misses made
# demo generation grow ×23 for ×10 data. A large load drops them and builds each once, sorted,
# at the end. The indexes keyed by case id (new rows append at the end) are kept.
DEFERRED_INDEXES = ("ix_dispute_case_received_on", "ix_dispute_case_stats", "ix_party_name",
                    "ix_party_id_number", "ix_case_deadline_due",
                    "ix_case_deadline_kind_state_due", "ix_dispute_case_register",
                    "ix_party_register", "ix_dispute_case_status_stage",
                    "ix_dispute_case_occupation", "ix_dispute_case_platform")
# FTS5 keeps a transaction's new terms in memory, writes them out as a segment whenever they
# pass 1 MB (hashsize) and merges segments as it goes (automerge: when 4 of a level exist;
# crisismerge: at 16 whatever automerge says). In a load of a million cases those merges
# re-read the growing index after every batch (1-3 s a batch at 800 MB of trigram index,
# 0.2 s without), so a large load turns automerge off and keeps a batch's terms in memory
# until its commit (one segment a batch, not eight: fewer crisis merges). The index is left
# in the segments the crisis merges made (at most 15 a level; 100,000 cases: 23 and 10), not
# merged into one: 'optimize' took 3.6 s at 100,000 cases but over 6 minutes at a million
# (it re-read hundreds of gigabytes through the page cache), and one segment made the
# searches at 100,000 only 2-5 ms faster. After the load automerge is SQLite's default again.
FTS_TABLES = ("case_search", "case_search_chars")
FTS5_AUTOMERGE, FTS5_HASHSIZE = 4, 1024 * 1024
LOAD_HASHSIZE = 64 * 1024 * 1024  # a 5,000-case batch holds about 8 MB of trigram terms
# Beside the database while indexes are deferred: their CREATE statements, so a load that was
# killed half-way gets them back at the next start (`restore_deferred`).
PENDING_FILE = "bulk-load-indexes.json"


_NOTHING = object()


def fast_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """What `conn.execute(insert(table), rows)` does, without SQLAlchemy's per-row parameter
    building (a third of a bulk load's time): the columns of the first row, each value through
    its type's bind processor, one executemany of the driver. Other dialects, and rows that
    leave a column with a Python-side default to SQLAlchemy, take the Core path."""
    if not rows:
        return
    keys = list(rows[0])
    missing_defaults = any(c.default is not None and c.key not in rows[0] for c in table.columns)
    if conn.dialect.name != "sqlite" or missing_defaults:
        conn.execute(insert(table), rows)
        return
    dialect = conn.dialect
    procs = [table.c[k].type.dialect_impl(dialect).bind_processor(dialect) for k in keys]
    converted = [(i, k, p) for i, (k, p) in enumerate(zip(keys, procs, strict=True))
                 if p is not None]
    params = []
    # A processor is a pure function and many rows share one value (a batch's clock instant,
    # a case's dates): each column converts a value once while it repeats.
    last: list[Any] = [_NOTHING] * len(keys)
    done: list[Any] = [None] * len(keys)
    for row in rows:
        values = [row[k] for k in keys]
        for i, _k, p in converted:
            value = values[i]
            if value is not last[i]:
                last[i], done[i] = value, p(value)
            values[i] = done[i]
        params.append(tuple(values))
    insert_bound(conn, table, keys, params)


def insert_bound(conn: Connection, table: Table, keys: list[str],
                 params: list[tuple[Any, ...]]) -> None:
    """One executemany of the driver: `params` already through their columns' bind processors
    (`fast_insert`, or `audit.created_rows` in the demo's second process), in `keys`' order."""
    dialect = conn.dialect
    names = ", ".join(dialect.identifier_preparer.quote(k) for k in keys)
    marks = ", ".join("?" for _ in keys)
    sql = f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({names}) VALUES ({marks})"
    conn.exec_driver_sql(sql, params)


# The full-text indexes a case insert feeds through its AFTER INSERT trigger, and the trigger's
# exact body (anything else keeps the trigger): row by row through the trigger cost 2 s per
# 5,000 cases at 30,000, one INSERT … SELECT for the batch 0.3 s.
FTS_FEEDS = (("dispute_case_search_ai", "case_search", "search_text"),
             ("dispute_case_chars_ai", "case_search_chars", "search_chars"))


@contextmanager
def batch_fts(conn: Connection, table: str, first_id: int) -> Iterator[None]:
    """Inside one transaction: drop the FTS insert triggers of `table`, run the block (which
    inserts rows with ids from `first_id`), feed the FTS indexes those rows in one statement
    each and create the triggers again. Schema changes are transactional in SQLite: other
    connections never see the triggers missing, and a failed batch rolls back with them."""
    found = dict(conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
        (table,)).all())
    # The rowid is the case's search key (migration 0017: date and id in one integer).
    feeds = [(name, fts, col) for name, fts, col in FTS_FEEDS
             if f"INSERT INTO {fts}(rowid, {col}) VALUES ({search_key_sql('new.')}, "
                f"new.{col}); END" in (found.get(name) or "")]
    if feeds and not conn.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        # The driver begins a transaction only before an INSERT/UPDATE/DELETE: a DROP before
        # the batch's first insert was committed on its own, and a failed batch lost the
        # triggers (its later cases never reached the search indexes).
        conn.exec_driver_sql("BEGIN")
    for name, _, _ in feeds:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    for name, fts, col in feeds:
        conn.exec_driver_sql(f"INSERT INTO {fts}(rowid, {col}) SELECT {search_key_sql()}, {col} "
                             f"FROM {table} WHERE id >= ? ORDER BY 1", (first_id,))
        conn.exec_driver_sql(found[name])


# Beside the database while a batch is written without a journal on disk (`unjournalled`): a
# process killed in that batch may leave a damaged file, which the next start refuses to open.
UNJOURNALLED_FILE = "bulk-load-unjournalled"


@contextmanager
def unjournalled(conn: Connection, data_dir: Path) -> Iterator[bool]:
    """For one batch into a database that held no cases (a demo into a new data folder): the
    rollback journal in memory and no fsync, so each page is written once, not to the WAL and
    again at the checkpoint (half of a million-case load's 59 GB written). A failed batch still
    rolls back (the journal is in memory); a killed process may damage the file, so a marker
    file stands for the batch (`interrupted_load`). WAL and synchronous=NORMAL come back
    after it. Yields False (and changes nothing) when another connection holds the WAL open."""
    from sqlalchemy.exc import OperationalError

    marker = data_dir / UNJOURNALLED_FILE
    make_private_file(marker)
    with marker.open("w", encoding="utf-8") as fh:
        fh.write("unjournalled bulk load in progress\n")
        fh.flush()
        os.fsync(fh.fileno())
    try:
        try:
            mode = conn.exec_driver_sql("PRAGMA journal_mode=MEMORY").scalar()
        except OperationalError:  # another connection has the database open in WAL mode
            mode = None
        conn.commit()
        if mode != "memory":
            marker.unlink()
            yield False
            return
        conn.exec_driver_sql("PRAGMA synchronous=OFF")
        conn.commit()  # SQLAlchemy's autobegun transaction: the block begins its own
        try:
            yield True
        finally:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
            conn.commit()
        marker.unlink()
    except BaseException:
        # A failed batch rolled back through the memory journal: the file is whole. The marker
        # stays only when WAL could not be restored.
        if conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal":
            marker.unlink(missing_ok=True)
        raise


def interrupted_load(data_dir: Path) -> bool:
    """True when a process was killed while writing a batch without a journal on disk."""
    return (data_dir / UNJOURNALLED_FILE).exists()


def _pending(data_dir: Path) -> Path:
    return data_dir / PENDING_FILE


@contextmanager
def deferred_indexes(engine: Engine, data_dir: Path) -> Iterator[None]:
    """Drop DEFERRED_INDEXES for the block, build them again after it (also when it fails).

    Their statements go to PENDING_FILE (written and flushed to disk) before any is dropped,
    and the file goes only after all are built, so a killed process leaves the file and the
    next start builds what is missing; nothing in the rows depends on an index."""
    with engine.connect() as conn:
        found = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index'").all()
    statements = {name: sql for name, sql in found if sql and name in DEFERRED_INDEXES}
    # Written even without statements: the file also stands for the FTS merges put off below.
    path = _pending(data_dir)
    previous = _stored(path) if path.exists() else {}
    make_private_file(path)  # beside the database, as private as it
    with path.open("w", encoding="utf-8") as fh:
        json.dump({**previous, **statements}, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    with engine.begin() as conn:
        for name in statements:
            conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{name}"')
        _fts_merging(conn, automerge=0, hashsize=LOAD_HASHSIZE)
    try:
        yield
    finally:
        restore_deferred(engine, data_dir)


def restore_deferred(engine: Engine, data_dir: Path) -> bool:
    """Build the indexes a bulk load deferred (PENDING_FILE), if any; True when it did."""
    path = _pending(data_dir)
    if not path.exists():
        return False
    with engine.begin() as conn:
        for sql in pending_statements(path):
            conn.exec_driver_sql(sql.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
        _fts_merging(conn, automerge=FTS5_AUTOMERGE, hashsize=FTS5_HASHSIZE)
    path.unlink()
    return True


def _fts_merging(conn: Connection, automerge: int, hashsize: int) -> None:
    """Set the FTS5 indexes' automerge and hashsize (kept in each index's config table, so they
    outlive the connection: `restore_deferred` sets them back, at the next start if need be)."""
    present = {name for (name,) in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    for fts in FTS_TABLES:
        if fts in present:
            for setting, value in (("automerge", automerge), ("hashsize", hashsize)):
                conn.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES (?, ?)",
                                     (setting, value))


def _stored(path: Path) -> dict[str, Any]:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


# The only statements a pending file may hold: a plain index over named columns, as SQLite
# stores ours (`CREATE INDEX ix_party_name ON party (name)`).
_INDEX_SQL = re.compile(r"CREATE INDEX (?P<name>\w+) ON \w+ \(\w+(, \w+)*\)")


def pending_statements(path: Path) -> list[str]:
    """The CREATE INDEX statements of a pending file that are ours. The file sits in the data
    folder, where anything may be written: it is never run as SQL unless each entry is one of
    DEFERRED_INDEXES in the plain form above; anything else (other SQL, a damaged file) is
    left out and logged, and the index stays missing, which only slows the queries it served."""
    from app.logs import logger

    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        logger.warning("忽略无法读取的 %s", path)
        return []
    statements = []
    for name, sql in stored.items() if isinstance(stored, dict) else ():
        match = _INDEX_SQL.fullmatch(sql) if isinstance(sql, str) else None
        if name in DEFERRED_INDEXES and match and match["name"] == name:
            statements.append(sql)
        else:
            logger.warning("忽略 %s 中不是本程序索引的条目：%r", path.name, name)
    return statements


def copy_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """`fast_insert` through PostgreSQL's COPY on the session's own connection (same
    transaction): no statement text per row for the server to parse, no SQLAlchemy parameter
    building; values through their types' bind processors, as a plain INSERT binds them.
    Other dialects, and rows that leave a column to a Python-side default, take fast_insert."""
    if not rows:
        return
    keys = list(rows[0])
    missing_defaults = any(c.default is not None and c.key not in rows[0] for c in table.columns)
    if conn.dialect.name != "postgresql" or missing_defaults:
        fast_insert(conn, table, rows)
        return
    dialect = conn.dialect
    procs = [(i, p) for i, k in enumerate(keys)
             if (p := table.c[k].type.dialect_impl(dialect).bind_processor(dialect)) is not None]
    quote = dialect.identifier_preparer.quote
    sql = (f"COPY {dialect.identifier_preparer.format_table(table)} "
           f"({', '.join(quote(k) for k in keys)}) FROM STDIN")
    raw = conn.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(sql) as copy:  # type: ignore[union-attr]
        for row in rows:
            values = [row[k] for k in keys]
            for i, p in procs:
                values[i] = p(values[i])
            copy.write_row(values)
