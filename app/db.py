"""Engine, sessions, SQLite pragmas, and upgrading the schema at start-up (backup first)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlmodel import Session

import app.models  # noqa: F401  (registers every table on the metadata)
from app.config import AppConfig
from app.errors import AppError, SchemaTooNew

if TYPE_CHECKING:  # Alembic loads only when a migration is due (or for check and restore)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# The newest migration's revision. tests/test_migrations.py checks it against Alembic's head,
# so a migration added without changing it fails there; knowing it here lets an up-to-date
# database open without importing Alembic, a large share of every command's start-up.
SCHEMA_HEAD = "0013"

SQLITE_CACHE_KIB = -65536  # negative: KiB rather than pages
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
SessionFactory = Callable[[], Session]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable at each checkpoint under WAL
    cursor.execute("PRAGMA busy_timeout=5000")
    # A 64 MB page cache (the default is 2 MB) and temporary b-trees (GROUP BY, ORDER BY,
    # index builds) in memory: bulk writes and statistics at 100,000 cases stay off the disk.
    cursor.execute(f"PRAGMA cache_size={SQLITE_CACHE_KIB}")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def make_engine(config: AppConfig) -> Engine:
    """One engine per process; SQLite gets foreign keys, WAL and a busy timeout.

    hide_parameters: a database error's text otherwise lists the statement's values, and a
    case's values are ID numbers, phones and names (a full disk once put them on screen).
    """
    if config.is_sqlite:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(config.url, connect_args={"check_same_thread": False},
                               hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(config.url, pool_pre_ping=True, hide_parameters=True)


def make_session_factory(engine: Engine) -> SessionFactory:
    def factory() -> Session:
        return Session(engine, expire_on_commit=False)

    return factory


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS_DIR.as_posix())
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: empty), read without Alembic."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


@dataclass(frozen=True)
class UpgradeReport:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def _backup_sqlite(config: AppConfig, revision: str | None) -> Path:
    """Copy the live file with SQLite's online backup API (consistent even in WAL mode)."""
    config.backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = config.backups_dir / f"before-upgrade-{revision or 'empty'}-{stamp}.sqlite3"
    src = sqlite3.connect(config.db_path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def upgrade_database(engine: Engine, config: AppConfig) -> UpgradeReport:
    """Bring the schema to head; refuse a database written by a newer build.

    A SQLite file that already holds data is copied before any migration runs.
    """
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return UpgradeReport(current, current, None)
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = head_revision()
    if current is not None and not _known(script, current):
        raise SchemaTooNew(
            f"此数据库的结构版本（{current}）来自更新版本的调解工作台，本程序无法识别。"
            "请安装最新版本后再打开；数据库未作任何改动。"
        )
    if current == head:
        return UpgradeReport(current, head, None)
    backup = None
    has_tables = bool(inspect(engine).get_table_names())
    if config.is_sqlite and has_tables and config.db_path.exists():
        backup = _backup_sqlite(config, current)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        try:
            command.upgrade(cfg, "head")
        except Exception as exc:  # a failed migration must say where the copy is
            where = f"升级前的副本保存在：{backup}" if backup else ""
            raise AppError(f"数据库升级失败：{exc}。{where}", code="migration") from exc
    refresh_planner_statistics(engine)
    return UpgradeReport(current, head, backup)


def refresh_planner_statistics(engine: Engine) -> None:
    """Full table statistics, so the planner's choice of index does not flip with the data.

    SQLite picks indexes by `sqlite_stat1`; a sampled ANALYZE (`analysis_limit`) once made the
    year's statistics take the narrow `received_on` index instead of the covering one and grow
    ×19 from 10,000 to 100,000 cases. `analysis_limit=0` reads every index in full (a second
    or two at 100,000 cases); it runs after a migration, demo data and an import — the writes
    that change a table's shape. PostgreSQL's ANALYZE samples by design and autovacuum repeats
    it later, but running it now keeps the first statistics after a bulk load from being
    those of an empty table."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA analysis_limit=0")
        conn.exec_driver_sql("ANALYZE")


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises for unknown ids
        return False
