"""A SQLite demo database copied into PostgreSQL, for the PostgreSQL figures at 100,000 cases.

    python -m benchmarks.pg_copy SQLITE_DATA_DIR POSTGRES_URL PG_DATA_DIR

The demo's bulk loader is SQLite's; generating 100,000 cases through the Core path on
PostgreSQL would take most of an hour on this machine. Instead the schema is created by the
app's own migrations in the (empty) PostgreSQL database, and every table's rows — the audit log
included, ids and hashes as they are — are read from the SQLite file and written with COPY.
The data folder's audit key and head are copied too, so the app's `check` replays the log
against the PostgreSQL rows (run by `pg_search`, which reuses the result).

As pg_restore does, in one transaction: the secondary indexes, unique constraints and foreign
keys are dropped first (their definitions read back from pg_indexes and pg_constraint), every
table is copied (into the tables truncated in the same transaction, so `COPY … FREEZE`), and
then the indexes are built (maintenance_work_mem raised for the session) and the constraints
added again, each checked in one pass; a VACUUM ANALYZE ends it. Maintaining the two GIN search
indexes row by row took 219 s of the 100,000 cases' COPY.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import time
from pathlib import Path

from sqlalchemy import Boolean, Connection, create_engine, text
from sqlmodel import SQLModel

import app.models  # noqa: F401 — every table in the metadata
from app.bootstrap import open_services
from app.config import AppConfig

# What the data folder holds beside the database that `check` needs: the log's key and head.
KEPT_FILES = ("audit.key", "audit-head.json")
MAINTENANCE_WORK_MEM = "1GB"  # the index builds' sort memory, this session only


def deferred_schema(conn: Connection) -> tuple[list[str], list[str]]:
    """Drop what COPY would maintain row by row; return (what to create again, in order:
    indexes then unique constraints; the foreign keys, last). Primary keys stay: the rows
    arrive in id order, so their index only grows at its right edge."""
    indexes = conn.execute(text(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i "
        "WHERE i.schemaname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)")).all()
    constraints = conn.execute(text(
        "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) "
        "FROM pg_constraint WHERE connamespace = 'public'::regnamespace "
        "AND contype IN ('u', 'f') ORDER BY contype DESC, conname")).all()
    for table, name, _, _ in [c for c in constraints if c[2] == "f"] + \
            [c for c in constraints if c[2] == "u"]:
        conn.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
    for name, _ in indexes:
        conn.execute(text(f'DROP INDEX "{name}"'))
    build = [definition for _, definition in indexes] + [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        for table, name, kind, definition in constraints if kind == "u"]
    keys = [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
            for table, name, kind, definition in constraints if kind == "f"]
    return build, keys


def copy_database(sqlite_dir: Path, url: str, data_dir: Path) -> None:
    """Fill the empty PostgreSQL database `url` from the SQLite demo in `sqlite_dir`."""
    source_config = AppConfig(data_dir=sqlite_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in KEPT_FILES:
        shutil.copy2(sqlite_dir / name, data_dir / name)
    services = open_services(AppConfig(data_dir=data_dir, database_url=url))  # migrations
    services.close()
    engine = create_engine(url)
    source = sqlite3.connect(source_config.db_path)
    tables = list(SQLModel.metadata.sorted_tables)
    with engine.begin() as conn:
        raw = conn.connection.driver_connection
        conn.execute(text(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'"))
        # What the migrations seeded (and logged) comes again from the SQLite file.
        conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER USER"))
        conn.execute(text("TRUNCATE " + ", ".join(f'"{t.name}"' for t in tables)))
        conn.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER USER"))
        build, keys = deferred_schema(conn)
        for table in tables:
            columns = [c.name for c in table.columns]
            flags = [isinstance(c.type, Boolean) for c in table.columns]
            start = time.perf_counter()
            cursor = source.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in columns)} '
                                    f'FROM "{table.name}" ORDER BY 1')
            count = 0
            names = ", ".join(f'"{c}"' for c in columns)
            with raw.cursor() as pg, pg.copy(
                    f'COPY "{table.name}" ({names}) FROM STDIN WITH (FREEZE)') as copy:
                if any(flags):
                    for row in cursor:
                        copy.write_row([("t" if v else "f") if flag and v is not None else v
                                        for v, flag in zip(row, flags, strict=True)])
                        count += 1
                else:
                    for row in cursor:
                        copy.write_row(row)
                        count += 1
            if "id" in columns:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                  f"COALESCE((SELECT MAX(id) FROM \"{table.name}\"), 0) + 1, "
                                  "false)"))
            print(f"{table.name}: {count:,} rows in {time.perf_counter() - start:.1f} s",
                  flush=True)
        start = time.perf_counter()
        for statement in build:
            conn.execute(text(statement))
        print(f"{len(build)} indexes and unique constraints built in "
              f"{time.perf_counter() - start:.1f} s", flush=True)
        start = time.perf_counter()
        for statement in keys:
            conn.execute(text(statement))
        print(f"{len(keys)} foreign keys checked in {time.perf_counter() - start:.1f} s",
              flush=True)
    start = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    print(f"VACUUM ANALYZE in {time.perf_counter() - start:.1f} s", flush=True)
    engine.dispose()
    source.close()


if __name__ == "__main__":
    copy_database(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
