"""Encrypting an office's plain SQLite database with SQLCipher (`db-encrypt`).

SQLCipher's `sqlcipher_export` copies the schema and every row (FTS5 indexes, triggers, the
audit log and its chain) into a new, keyed file in the data folder; the copy is proven (integrity
check, the same row count in every table) before it replaces the plain file. The conversion is
recorded in the audit log of the encrypted database (who, when, which file). From then on the
database opens only with the key (`MEDIATION_DESK_DB_KEY`, `--db-key-file`, or the GUI asks).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from app.config import AppConfig
from app.db import DB_ERRORS, connect_file, file_encrypted, make_engine
from app.errors import AppError
from app.models import utcnow
from app.services.context import ServiceContext
from app.services.security.accounts import Permission, require_permission
from app.services.security.audit import write_entries
from app.services.security.file_store import TMP_PREFIX
from app.workflow.calendar import date_zh

MIN_KEY = 8


def database_encrypted(config: AppConfig) -> bool:
    """Whether the configured SQLite database file exists and is SQLCipher-encrypted (for a
    front end deciding to ask for the key before opening)."""
    return config.is_sqlite and bool(file_encrypted(config.db_path))


def check_key_strength(key: str | None) -> str:
    if not key or len(key) < MIN_KEY or len(set(key)) < 3:
        raise AppError(f"数据库密钥太弱：至少 {MIN_KEY} 个字符，且不能几乎全是同一个字符",
                       code="weak_db_key")
    return key


def export_encrypted(plain: Path, target: Path, key: str) -> None:
    """Write a SQLCipher copy of the plain database `plain` to `target` (which must not exist)."""
    conn = sqlcipher.connect(str(plain))  # no key: SQLCipher reads a plain file as SQLite does
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), key))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute(f"PRAGMA encrypted.user_version = {version}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()


def _counts(conn: object) -> dict[str, int]:
    names = [r[0] for r in conn.execute(  # type: ignore[attr-defined]
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0])  # type: ignore[attr-defined]
            for n in names}


@dataclass(frozen=True)
class EncryptResult:
    path: Path
    tables: int
    rows: int
    plain_copies: tuple[Path, ...]  # older plain copies (before-upgrade, before-restore) left


class DatabaseCryptoService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def encrypt(self, key: str) -> EncryptResult:
        """Replace the plain SQLite database with an encrypted copy (administrators only; every
        other window on this database must be closed: it would keep the old file open)."""
        require_permission(self.ctx.role, self.ctx.user, Permission.ADMIN)
        config = self.ctx.config
        if not config.is_sqlite:
            raise AppError("PostgreSQL 的加密由服务器负责（磁盘加密、TLS 连接）；本命令只加密本机 SQLite 数据库",
                           code="unsupported")
        if config.db_key or file_encrypted(config.db_path):
            raise AppError("数据库已经加密，无需再次加密", code="already_encrypted")
        if not config.db_path.is_file():
            raise AppError(f"找不到数据库文件：{config.db_path}", code="not_found")
        check_key_strength(key)
        self.ctx.engine.dispose()
        target = config.data_dir / f"{TMP_PREFIX}encrypt-{secrets.token_hex(4)}.sqlite3"
        try:
            plain = connect_file(config.db_path)
            try:
                plain.execute("PRAGMA busy_timeout = 2000")
                plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                before = _counts(plain)
            finally:
                plain.close()
            export_encrypted(config.db_path, target, key)
            copy = connect_file(target, key)
            try:
                ok = copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
                after = _counts(copy)
            finally:
                copy.close()
            if not ok or after != before:
                raise AppError("加密副本校验未通过（行数或完整性不一致），原数据库未作任何改动",
                               code="encrypt_failed")
            for suffix in ("-wal", "-shm"):  # the plain file's, empty after the checkpoint
                Path(f"{config.db_path}{suffix}").unlink(missing_ok=True)
            os.replace(target, config.db_path)
        except DB_ERRORS as exc:
            raise AppError(f"加密未完成：无法读取数据库（{exc}）。请关闭所有正在使用它的调解工作台后再试；"
                           "原数据库未作任何改动。", code="encrypt_failed") from exc
        except OSError as exc:
            raise AppError(f"加密未完成：写入失败（{exc.strerror or exc}）。请检查磁盘空间；原数据库未作任何"
                           "改动。", code="encrypt_failed") from exc
        finally:
            target.unlink(missing_ok=True)
        self._record(key, len(after), sum(after.values()))
        folder = config.backups_dir
        copies = tuple(sorted(p for p in folder.glob("*.sqlite3") if file_encrypted(p) is False)
                       ) if folder.is_dir() else ()
        return EncryptResult(config.db_path, len(after), sum(after.values()), copies)

    def _record(self, key: str, tables: int, rows: int) -> None:
        """The audit entry of the conversion, written into the encrypted database once it is
        in place (who: the entry's user; when: its time; which database: the text)."""
        keyed = replace(self.ctx.config, db_key=key)
        engine = make_engine(keyed)
        try:
            ctx = ServiceContext(config=keyed, engine=engine, user=self.ctx.user,
                                 role=self.ctx.role)
            now = utcnow()
            local = now.astimezone()
            text = (f"{date_zh(local.date())} {local.hour:02d}:{local.minute:02d}，用户“{ctx.user}”"
                    f"将数据库 {keyed.db_path} 由未加密转为 SQLCipher 加密（{tables} 个表、{rows} 行，"
                    "逐表核对一致）")
            with ctx.session() as s:
                write_entries(s, [dict(at=now, user=ctx.user, action="encrypt", entity="database",
                                       entity_id="", case_id=None, field="", old_value=None,
                                       new_value=text)])
                s.commit()
        except DB_ERRORS as exc:
            raise AppError(f"数据库已加密，但未能写入审计记录（{exc}）：请运行 check 核对",
                           code="encrypt_audit") from exc
        finally:
            engine.dispose()
