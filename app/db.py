"""Engine, sessions, SQLite pragmas, and upgrading the schema at start-up (backup first)."""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Engine, create_engine, event, inspect
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.pool import QueuePool
from sqlcipher3 import dbapi2 as sqlcipher
from sqlmodel import Session

import app.models  # noqa: F401  (registers every table on the metadata)
from app.config import AppConfig, data_location_problem
from app.errors import AppError, SchemaTooNew, StorageError
from app.fileutil import make_private_dir, make_private_file, read_only_folder
from app.resources import MIGRATIONS_DIR

if TYPE_CHECKING:  # Alembic loads only when a migration is due (or for check and restore)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# The newest migration's revision. tests/test_migrations.py checks it against Alembic's head,
# so a migration added without changing it fails there; knowing it here lets an up-to-date
# database open without importing Alembic, a large share of every command's start-up.
SCHEMA_HEAD = "0021"

SQLITE_CACHE_KIB = -65536  # negative: KiB rather than pages
SessionFactory = Callable[[], Session]
SQLITE_HEADER = b"SQLite format 3\x00"
# A plain SQLite file and a SQLCipher one raise different classes for the same failures.
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)


KDF_ITERATIONS = 256_000  # SQLCipher 4's: PBKDF2-HMAC-SHA512 over the file's 16-byte salt


@functools.lru_cache(maxsize=8)
def _derived(key: str, salt: bytes) -> str:
    derived = hashlib.pbkdf2_hmac("sha512", key.encode("utf-8"), salt, KDF_ITERATIONS, 32)
    return f"x'{derived.hex()}{salt.hex()}'"


def sqlcipher_key(path: Path, key: str) -> str:
    """What `PRAGMA key` gets: the raw key SQLCipher would derive from `key` and the file's salt,
    derived once per process (SQLCipher derives it again on every connection, ~0.3 s each);
    the passphrase itself for a file that does not exist yet."""
    if key.startswith("x'"):
        return key  # already a raw key (SQLCipher reads it so anyway)
    try:
        with path.open("rb") as fh:
            salt = fh.read(16)
    except FileNotFoundError:
        return key
    if len(salt) < 16 or salt == SQLITE_HEADER:
        return key
    return _derived(key, salt)


def key_pragma(key: str) -> str:
    return "PRAGMA key = '" + key.replace("'", "''") + "'"


def connect_file(path: Path, key: str | None = None) -> Any:
    """A DB-API connection to a SQLite file: plain sqlite3, or SQLCipher keyed with `key`."""
    if key is None:
        return sqlite3.connect(path)
    conn = sqlcipher.connect(str(path))
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not stderr's
    conn.execute(key_pragma(sqlcipher_key(path, key)))
    return conn


def file_encrypted(path: Path) -> bool | None:
    """Whether a SQLite file is encrypted (its header is not SQLite's); None: absent or empty."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return None
    return None if not head else head != SQLITE_HEADER


def check_database_key(config: AppConfig) -> None:
    """Before opening: an encrypted file needs its key, a plain one must not be given one, and
    a wrong key is said so in Chinese (SQLCipher itself only says "file is not a database")."""
    if not config.is_sqlite:
        return
    state = file_encrypted(config.db_path)
    if state is None:
        return  # a new database: created encrypted when a key is given
    if state and not config.db_key:
        raise AppError(f"无法打开数据库：{config.db_path.name} 不是普通的 SQLite 文件——它是加密的数据库"
                       "（请用环境变量 MEDIATION_DESK_DB_KEY 或 --db-key-file 给出数据库密钥，图形界面"
                       "启动时会询问），或者已经损坏。数据库未作任何改动。", code="db_key_needed")
    if not state and config.db_key:
        raise AppError("此数据库没有加密，却给出了数据库密钥。要加密现有数据库，请管理员运行 "
                       "db-encrypt；否则请去掉 MEDIATION_DESK_DB_KEY。数据库未作任何改动。",
                       code="db_not_encrypted")
    if state:
        conn = connect_file(config.db_path, config.db_key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError:
            raise AppError("无法打开数据库：数据库密钥不正确（请核对大小写），或文件已经损坏。"
                           "数据库未作任何改动。", code="wrong_db_key") from None
        finally:
            conn.close()


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
    A data folder that cannot be written is opened read-only (`is_read_only`).
    """
    problem = data_location_problem(config)
    if problem is not None:
        raise StorageError(problem, code="data_location")
    if config.is_sqlite:
        if is_read_only(config):
            engine = create_engine("sqlite://", creator=lambda: _read_only_connection(config),
                                   hide_parameters=True)
        else:
            make_private_dir(config.data_dir)
            make_private_file(config.db_path)  # before SQLite creates it with the umask's mode
            if config.db_key:  # SQLCipher: SQLAlchemy's dialect sends `PRAGMA key` first
                url = URL.create("sqlite+pysqlcipher",
                                 password=sqlcipher_key(config.db_path, config.db_key),
                                 database=config.db_path.as_posix())
                engine = create_engine(url, connect_args={"check_same_thread": False},
                                       poolclass=QueuePool, hide_parameters=True)
            else:
                engine = create_engine(config.url, connect_args={"check_same_thread": False},
                                       hide_parameters=True)
            event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(config.url, pool_pre_ping=True, hide_parameters=True)
    event.listen(engine, "handle_error", lambda context: _refusal(config, context))
    return engine

def is_read_only(config: AppConfig) -> bool:
    """A SQLite data folder (or database file) this process cannot write: a read-only share,
    a copied CD, a folder without write permission."""
    if not config.is_sqlite or not config.db_path.exists():
        return False
    return read_only_folder(config.data_dir) or read_only_folder(config.db_path)


def _read_only_connection(config: AppConfig) -> sqlite3.Connection:
    """mode=ro when the folder takes the -shm file a WAL reader needs, immutable otherwise
    (nothing can change the file while the folder is read-only)."""
    folder_ro = read_only_folder(config.data_dir)
    uri = config.db_path.as_uri() + ("?immutable=1" if folder_ro else "?mode=ro")
    if config.db_key:  # an encrypted database on a read-only share: keyed like any other
        conn = sqlcipher.connect(uri, uri=True, check_same_thread=False)
        conn.execute(key_pragma(sqlcipher_key(config.db_path, config.db_key)))
    else:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


READ_ONLY_MESSAGE = "数据目录是只读的（{where}）：只能查看，不能保存任何修改。如需修改，请把数据目录放在可写的位置"


class DatabaseStorageError(StorageError, OperationalError):
    """SQLite could not write its file. Still an OperationalError for callers that handle
    database errors, and an AppError whose Chinese message names the path."""

    def __init__(self, message: str, original: DBAPIError) -> None:
        OperationalError.__init__(self, original.statement, None, original.orig,  # type: ignore[arg-type]
                                  hide_parameters=True)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DiskFull(DatabaseStorageError):
    """磁盘空间不足: the database could not grow."""

    code = "disk_full"


class DatabaseReadOnly(DatabaseStorageError):
    """The database file or its folder cannot be written."""

    code = "read_only"


class DatabaseAccountRefused(StorageError, ProgrammingError):
    """PostgreSQL refused the statement to this database login (pg-setup's GRANTs)."""

    code = "permission"

    def __init__(self, message: str, original: DBAPIError) -> None:
        ProgrammingError.__init__(self, original.statement, None, original.orig,  # type: ignore[arg-type]
                                  hide_parameters=True)
        self.message = message

    def __str__(self) -> str:
        return self.message


def _refusal(config: AppConfig, context: ExceptionContext) -> None:
    """Errors a user can act on, in Chinese, without the statement's values."""
    original, orig = context.sqlalchemy_exception, context.original_exception
    if not isinstance(original, DBAPIError):
        return
    sqlstate = getattr(orig, "sqlstate", None)
    text_ = str(orig).lower()
    where = config.db_path if config.is_sqlite else config.url.split("@")[-1]
    if sqlstate == "53100" or "database or disk is full" in text_:
        raise DiskFull(f"磁盘空间不足：无法写入数据库 {where}。本次操作没有保存，数据库保持操作前的"
                       "状态；请清理磁盘空间后重试", original) from orig
    if "attempt to write a readonly database" in text_:
        raise DatabaseReadOnly(READ_ONLY_MESSAGE.format(where=where), original) from orig
    if sqlstate == "42501":
        first = str(orig).splitlines()[0] if str(orig) else ""
        raise DatabaseAccountRefused(
            f"数据库拒绝了此操作（{first}）：您的数据库账户没有这项权限。共用数据库按角色授权，"
            "请使用与您的程序角色相符的数据库账户，或联系管理员；本次操作没有保存", original) from orig


def make_session_factory(engine: Engine) -> SessionFactory:
    def factory() -> Session:
        return Session(engine, expire_on_commit=False)

    return factory


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    # configparser reads "%" as interpolation: a URL-quoted path (a data folder under
    # C:\Users\张三) or password would raise ValueError, so both are escaped
    cfg.set_main_option("script_location", MIGRATIONS_DIR.as_posix().replace("%", "%%"))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(
            hide_password=False).replace("%", "%%"))
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
    make_private_dir(config.backups_dir)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = config.backups_dir / f"before-upgrade-{revision or 'empty'}-{stamp}.sqlite3"
    make_private_file(target)
    src = connect_file(config.db_path, config.db_key)  # an encrypted file's copy stays encrypted
    dst = connect_file(target, config.db_key)
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
    if is_read_only(config):
        raise AppError(READ_ONLY_MESSAGE.format(where=config.data_dir) + "；此数据库需要升级，"
                       "只读时无法打开", code="read_only")
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


def refresh_planner_statistics(engine: Engine, tables: Sequence[str] = (),
                               columns: Mapping[str, Sequence[str]] | None = None) -> None:
    """Full table statistics, so the planner's choice of index does not flip with the data.

    SQLite picks indexes by `sqlite_stat1`; a sampled ANALYZE (`analysis_limit`) once made the
    year's statistics take the narrow `received_on` index instead of the covering one and grow
    ×19 from 10,000 to 100,000 cases. `analysis_limit=0` reads every index in full (a second
    or two at 100,000 cases); it runs after a migration, demo data and an import — the writes
    that change a table's shape. PostgreSQL's ANALYZE samples by design and autovacuum repeats
    it later, but running it now keeps the first statistics after a bulk load from being
    those of an empty table. `tables`: only those (what an import wrote), else all.
    `columns`: on PostgreSQL, a table's statistics for those columns only (the audit log's
    filtered ones, not its long JSON texts); SQLite's ANALYZE reads the indexes anyway."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA analysis_limit=0")
        for name in tables or ("",):
            only = (columns or {}).get(name) if engine.dialect.name == "postgresql" else None
            listed = f' ({", ".join(chr(34) + c + chr(34) for c in only)})' if only else ""
            conn.exec_driver_sql(f'ANALYZE "{name}"{listed}' if name else "ANALYZE")


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises for unknown ids
        return False
