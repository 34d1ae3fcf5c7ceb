"""A SQLite demo database copied into PostgreSQL, for the PostgreSQL figures at 100,000 cases.

    python -m benchmarks.pg_copy SQLITE_DATA_DIR POSTGRES_URL PG_DATA_DIR

The demo's bulk loader is SQLite's; generating 100,000 cases through the Core path on
PostgreSQL would take most of an hour on this machine. Instead the schema is created by the
app's own migrations in the (empty) PostgreSQL database, and every table's rows — the audit log
included, ids and hashes as they are — are read from the SQLite file and written with COPY.
The data folder's audit key and head are copied too, so the app's `check` replays the log
against the PostgreSQL rows (run by `pg_search`, which reuses the result).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import time
from pathlib import Path

from sqlalchemy import Boolean, create_engine, text
from sqlmodel import SQLModel

import app.models  # noqa: F401 — every table in the metadata
from app.bootstrap import open_services
from app.config import AppConfig

# What the data folder holds beside the database that `check` needs: the log's key and head.
KEPT_FILES = ("audit.key", "audit-head.json")


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
        # What the migrations seeded (and logged) comes again from the SQLite file.
        conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER USER"))
        conn.execute(text("TRUNCATE " + ", ".join(f'"{t.name}"' for t in tables)))
        conn.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER USER"))
        for table in tables:
            columns = [c.name for c in table.columns]
            flags = [isinstance(c.type, Boolean) for c in table.columns]
            start = time.perf_counter()
            cursor = source.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in columns)} '
                                    f'FROM "{table.name}" ORDER BY 1')
            count = 0
            names = ", ".join(f'"{c}"' for c in columns)
            with raw.cursor() as pg, pg.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                for row in cursor:
                    copy.write_row([("t" if v else "f") if flag and v is not None else v
                                    for v, flag in zip(row, flags, strict=True)])
                    count += 1
            if "id" in columns:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                  f"COALESCE((SELECT MAX(id) FROM \"{table.name}\"), 0) + 1, "
                                  "false)"))
            print(f"{table.name}: {count:,} rows in {time.perf_counter() - start:.1f} s",
                  flush=True)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()
    source.close()


if __name__ == "__main__":
    copy_database(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
