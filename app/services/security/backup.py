"""Backups of the SQLite database and its stored files, and a restore that proves the copy first.

A backup is one .zip: `database.sqlite3` (taken with SQLite's online backup API, so the app keeps
running), every intact stored file under `files/<sha256>`, and `manifest.json` with the schema
revision, the database's hash and the files that were damaged or missing when it was taken.
The zip is streamed into the target's own temporary file and renamed; the database snapshot
waits in a `.tmp-backup-…` folder of the data folder, which a killed run leaves to the sweep at
the next start. Backing up and restoring take an administrator (checked here, for the CLI and
the GUI alike); the scheduled backup into the data folder runs for whoever signed in.

Restore reads the zip as hostile input (`backup_reader`), upgrades and checks the copy, carries
the live administrators into it (`accounts.keep_administrators`), and only then moves the
intact files into the store and writes the copy over the live database, after keeping the live
one aside. Files the backup could not bring back are named in the result.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import select

from app.config import AppConfig
from app.db import (
    DB_ERRORS,
    connect_file,
    file_encrypted,
    head_revision,
    make_engine,
    upgrade_database,
)
from app.errors import AppError, StorageError
from app.fileutil import make_private_dir, make_private_file, storage_error
from app.models import User
from app.services.admin.preferences import BACKUP_EVERY_DAYS, BACKUP_KEEP
from app.services.context import ServiceContext
from app.services.security import archive, backup_reader
from app.services.security.accounts import (
    AdminAccount,
    Permission,
    active_administrators,
    can,
    keep_administrators,
    require_permission,
)
from app.services.security.backup_reader import DB_ENTRY, FORMAT, MANIFEST, refuse
from app.services.security.db_crypto import export_encrypted
from app.services.security.file_store import (
    CHUNK,
    TMP_PREFIX,
    FileStore,
    atomic_file,
    sha256_of,
    sweep_data_folder,
)
from app.services.workflow.deadline_store import setting

AUTO_PREFIX = "auto-"
BIG_ENTRY = 1 << 30   # entries from this size on get zip64 headers
Stop = Callable[[], bool]  # asked between blocks: True means stop now (the user signed out)


class BackupCancelled(AppError):
    """The scheduled backup was stopped (退出登录): nothing of it is left behind."""

    code = "cancelled"


def _never() -> bool:
    return False


# The `stop` of the backup running on this thread (a context variable: each thread its own).
_STOP: ContextVar[Stop] = ContextVar("backup_stop", default=_never)


def _check_stop(stop: Stop) -> None:
    if stop():
        raise BackupCancelled("自动备份已停止（已退出登录），没有留下不完整的备份；下次登录后会重新备份")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str
    files: int
    created_at: datetime
    size: int = 0
    damaged: tuple[str, ...] = ()   # hashes left out: the content no longer matches
    missing: tuple[str, ...] = ()   # hashes the database registers that are not there
    foreign: tuple[str, ...] = ()   # store entries that are not ours (left out of a backup)
    accounts: tuple[str, ...] = ()  # what a restore did to administrator accounts
    restored: bool = False
    notes: tuple[str, ...] = ()     # worth saying, not a problem (an unencrypted old backup)

    @property
    def problems(self) -> list[str]:
        """What the user must hear about, in Chinese, one line each."""
        verb = "恢复" if self.restored else "备份"
        lines = [f"证据文件 {sha[:12]}… 已损坏（内容与哈希不符），未能{verb}" for sha in self.damaged]
        lines += [f"证据文件 {sha[:12]}… 缺失，未能{verb}" for sha in self.missing]
        lines += [f"文件库中有不属于它的文件 {name}，未备份（请移走）" for name in self.foreign]
        return lines + list(self.accounts)


def _online_copy(source: Path, target: Path, key: str | None = None) -> None:
    """SQLite's online backup API; with a SQLCipher key both files carry it (the copy of an
    encrypted database is never written in plain text), and the copy is as private as the
    database."""
    make_private_file(target)
    src, dst = connect_file(source, key), connect_file(target, key)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _stream_into(zf: archive.pyzipper.AESZipFile, source: Path, name: str) -> str:
    """Copy `source` into the zip entry `name` block by block; returns the hash of what went in.
    The running backup's `stop` is asked before each block (BackupCancelled)."""
    stop = _STOP.get()
    digest = hashlib.sha256()
    big = source.stat().st_size >= BIG_ENTRY
    with source.open("rb") as src, zf.open(name, "w", force_zip64=big) as dst:
        for block in iter(lambda: src.read(CHUNK), b""):
            _check_stop(stop)
            digest.update(block)
            dst.write(block)
    return digest.hexdigest()


def _revision(db_file: Path, key: str | None) -> str:
    conn = connect_file(db_file, key)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    return str(row[0]) if row else ""


def _referenced(db_file: Path, key: str | None) -> set[str]:
    conn = connect_file(db_file, key)
    try:
        return {r[0] for r in conn.execute("SELECT sha256 FROM stored_file")}
    finally:
        conn.close()


class BackupService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.files = FileStore(ctx.config.files_dir)

    def may_manage(self) -> bool:
        """Whether the current user may back up and restore (for the buttons; enforced below)."""
        return self.ctx.role is None or can(self.ctx.role, Permission.ADMIN)

    def _require_admin(self) -> None:
        require_permission(self.ctx.role, self.ctx.user, Permission.ADMIN)

    def _require_sqlite(self) -> None:
        if not self.ctx.is_sqlite:
            raise AppError("共享的 PostgreSQL 数据库由服务器管理员用 pg_dump 备份；本功能只备份本机 SQLite 数据库",
                           code="unsupported")

    @contextmanager
    def _workspace(self, kind: str) -> Iterator[Path]:
        """A scratch folder in the data folder (the live database is there already, so a copy
        adds no exposure), removed afterwards and swept at start if a kill interrupts."""
        self.ctx.config.data_dir.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{kind}-", dir=self.ctx.config.data_dir))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def sweep_stale(self) -> list[Path]:
        """At start: temporary files and folders of backups, restores and file writes that a
        kill interrupted (only those untouched for an hour: another instance may be writing)."""
        config = self.ctx.config
        return sweep_data_folder(config.data_dir, config.backups_dir, config.files_dir)

    def backup(self, target: Path, passphrase: str | None = None) -> BackupInfo:
        """Write a backup zip to `target` (atomically: a half-written backup never exists),
        AES-256 encrypted with `passphrase` (at least 8 characters), or with the data folder's
        own key (`archive.stored_key`) when none is given — never unencrypted.
        Damaged, missing and foreign store files are left out and named in the result."""
        self._require_admin()
        self._require_sqlite()
        if passphrase is not None:
            archive.check_strength(passphrase)
        return self._write(Path(target), passphrase)

    def _key(self) -> str:
        key = archive.stored_key(self.ctx.config.data_dir)
        assert key is not None
        return key

    def _write(self, target: Path, passphrase: str | None, stop: Stop = _never) -> BackupInfo:
        """`stop`: asked between the steps and blocks; when it says so the archive's temporary
        file and the snapshot are removed and BackupCancelled is raised. The database's online
        copy stays one step (a step-wise copy restarts whenever the clerk saves something)."""
        if not self.ctx.config.db_path.is_file():
            raise AppError(f"找不到数据库文件：{self.ctx.config.db_path}", code="not_found")
        token = _STOP.set(stop)
        try:
            with self._workspace("backup") as work:
                snapshot = work / DB_ENTRY
                _check_stop(stop)
                _online_copy(self.ctx.config.db_path, snapshot, self.ctx.config.db_key)
                _check_stop(stop)
                info = self._zip(snapshot, target, passphrase or self._key())
        except StorageError as exc:  # full disk, unwritable or unusable target, named
            raise StorageError(f"备份未完成：{exc.message}。没有留下不完整的备份。",
                               code=exc.code) from exc
        except OSError as exc:  # the archive's own write (a full disk, no permission), named
            problem = storage_error(exc, target)
            raise StorageError(f"备份未完成：{problem.message}。没有留下不完整的备份。",
                               code=problem.code) from exc
        except DB_ERRORS as exc:
            raise AppError(f"备份未完成：无法读取数据库（{exc}）。如果另一台电脑或程序正在使用它，"
                           "请稍后再试；没有留下不完整的备份。", code="backup_failed") from exc
        finally:
            _STOP.reset(token)
        return info

    def _zip(self, snapshot: Path, target: Path, passphrase: str) -> BackupInfo:
        key = self.ctx.config.db_key
        revision = _revision(snapshot, key)
        scan = self.files.scan()
        present = set(scan.hashes)
        wanted = sorted(_referenced(snapshot, key) | present)
        missing = [sha for sha in wanted if sha not in present]
        damaged, stop = [], _STOP.get()
        for sha in wanted:
            if sha in present:
                _check_stop(stop)
                if sha256_of(self.files.path_for(sha)) != sha:
                    damaged.append(sha)
        foreign = [p.relative_to(self.files.root).as_posix() for p in scan.foreign]
        written: list[str] = []
        with atomic_file(target) as fh, archive.writer(fh, passphrase) as zf:
            database_sha = _stream_into(zf, snapshot, DB_ENTRY)
            for sha in wanted:
                if sha in present and sha not in damaged:
                    # Hashed again on the way in: a file changed meanwhile is damaged, not backed up.
                    ok = _stream_into(zf, self.files.path_for(sha), f"files/{sha}") == sha
                    (written if ok else damaged).append(sha)
            manifest = {"format": FORMAT, "version": 2, "revision": revision,
                        "created_at": datetime.now().isoformat(timespec="seconds"),
                        "database_sha256": database_sha, "files": written,
                        "damaged": sorted(damaged), "missing": missing, "foreign": foreign,
                        # The database entry is itself SQLCipher-encrypted with the office's key.
                        "database_encrypted": key is not None,
                        # `check` compares the live audit log with the head this copy had.
                        "audit_head": self.ctx.audit_anchor.manifest_head(snapshot)}
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        return BackupInfo(target, revision, len(written), datetime.now(), target.stat().st_size,
                          damaged=tuple(sorted(damaged)), missing=tuple(missing),
                          foreign=tuple(foreign))

    def restore(self, source: Path, passphrase: str | None = None) -> BackupInfo:
        """Verify the whole backup, keep a copy of the live database, then replace it.

        An encrypted backup opens with `passphrase`, or without one with the data folder's
        own key (the scheduled backups); a wrong one changes nothing (WrongPassphrase). A plain
        zip of an older version still restores, with a note saying it was not encrypted."""
        self._require_admin()
        self._require_sqlite()
        source = Path(source)
        if not source.is_file():
            raise AppError(f"找不到备份文件：{source}", code="not_found")
        admins, live_roles = self._live_accounts()
        try:
            with self._workspace("restore") as work:
                own = archive.stored_key(self.ctx.config.data_dir, create=False)
                keys = [k for k in (passphrase, own) if k]  # a scheduled backup opens either way
                (work / "db").mkdir()
                try:
                    unpacked = backup_reader.unpack(
                        source, AppConfig(data_dir=work / "db").db_path, work / "files", keys)
                except archive.WrongPassphrase:
                    if passphrase:
                        raise
                    raise archive.PassphraseNeeded(  # not this folder's own key: ask
                        "这个备份已加密（不是本机自动备份的密钥）：请输入备份时设置的口令。"
                        "当前数据未作任何改动。") from None
                copy = AppConfig(data_dir=work / "db", db_key=self._copy_key(unpacked))
                unpacked.revision = backup_reader.check_database(copy.db_path, copy.db_key)
                self._check_revision(unpacked.revision)
                expected = backup_reader.expected_objects(work / "reference")
                try:
                    notes = self._prepare(copy, expected, admins, live_roles)
                    referenced = _referenced(copy.db_path, copy.db_key)
                except (*DB_ERRORS, SQLAlchemyError) as exc:
                    raise refuse(f"备份中的数据库无法读取（{str(exc)[:200]}）") from exc
                # Proven good: now, and only now, the live data changes.
                self._install(unpacked.files)
                self._replace_live(copy)
        except OSError as exc:
            raise AppError(f"恢复未完成：读写文件失败（{exc.strerror or exc}）。请检查磁盘空间和权限。",
                           code="restore_failed") from exc
        except DB_ERRORS as exc:  # the live file busy: the copy is all or nothing
            raise AppError(f"恢复未完成：无法写入当前数据库（{exc}）。请关闭其他正在使用它的调解工作台"
                           "后再试；当前数据库未被替换。", code="restore_failed") from exc
        # The log went back to the backup's: so does its head (the file may not stay ahead).
        self.ctx.audit_anchor.reset_head(unpacked.audit_head, self.ctx.config.db_path)
        upgrade_database(self.ctx.engine, self.ctx.config)
        doubtful = (referenced | unpacked.damaged | unpacked.missing) - set(unpacked.files)
        lost = sorted(sha for sha in doubtful if self.files.verify(sha) is not None)
        return BackupInfo(source, unpacked.revision, len(unpacked.files), datetime.now(),
                          damaged=tuple(s for s in lost if s in unpacked.damaged),
                          missing=tuple(s for s in lost if s not in unpacked.damaged),
                          accounts=tuple(notes), restored=True,
                          notes=() if unpacked.encrypted else (
                              "此备份没有加密（较早版本写的），已照常恢复；今后的备份一律加密",))

    def _copy_key(self, unpacked: backup_reader.Unpacked) -> str | None:
        """The key the restored copy opens with: this office's, if the backup's database was
        encrypted (a backup of a plain database is encrypted on the way into an encrypted one)."""
        # The manifest (authenticated with the archive) says; a plain header is checked later.
        state = unpacked.database_encrypted and file_encrypted(unpacked.db_file)
        if state and not self.ctx.config.db_key:
            raise backup_reader.refuse("备份中的数据库用数据库密钥加密过，而当前数据库没有加密。请用 "
                                       "MEDIATION_DESK_DB_KEY 给出该密钥，在新的数据目录中恢复")
        return self.ctx.config.db_key if state else None

    def _live_accounts(self) -> tuple[list[AdminAccount], dict[str, tuple[str, bool]]]:
        """The administrators to carry over; none when the live database is lost or empty
        (recovering onto a new machine: the backup's accounts come back as they were)."""
        try:
            with self.ctx.session() as s:
                admins = active_administrators(s)
                return admins, {u.username: (u.role, u.active) for u in s.exec(select(User))}
        except SQLAlchemyError:
            return [], {}

    def _prepare(self, copy: AppConfig, expected: dict[tuple[str, str], str],
                 admins: list[AdminAccount], live_roles: dict[str, tuple[str, bool]]
                 ) -> list[str]:
        """Upgrade the copy, prove its schema, and carry the live administrators into it (with
        the acting user's audit entries, so the change is on the restored chain)."""
        engine = make_engine(copy)
        try:
            try:
                upgrade_database(engine, copy)
            except Exception as exc:  # a hostile file can make a migration fail in any way
                raise refuse(f"备份中的数据库结构不完整，无法升级（{str(exc)[:200]}）") from exc
            backup_reader.check_schema(engine, expected)
            restored = ServiceContext(config=copy, engine=engine, user=self.ctx.user,
                                      role=self.ctx.role)
            restored.audit_anchor.share_key(self.ctx.audit_anchor)  # signed with the live key
            with restored.session() as s:
                notes = keep_administrators(s, admins, live_roles)
                s.commit()
            _checkpoint(engine)
        finally:
            engine.dispose()
        return notes

    def _install(self, files: dict[str, Path]) -> None:
        """Move the backup's intact files into the store; a live copy that is intact stays,
        a damaged or missing one is replaced."""
        for sha, path in files.items():
            target = self.files.path_for(sha)
            if target.is_file() and sha256_of(target) == sha:
                continue
            make_private_dir(target.parent)
            os.replace(path, target)
            make_private_file(target)  # extracted with the umask's mode

    def _replace_live(self, copy: AppConfig) -> None:
        self.ctx.engine.dispose()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        live = self.ctx.config
        live.backups_dir.mkdir(parents=True, exist_ok=True)
        if live.db_path.exists():
            _online_copy(live.db_path, live.backups_dir / f"before-restore-{stamp}.sqlite3",
                         live.db_key)
        if live.db_key and not copy.db_key:  # a plain backup into an encrypted office
            encrypted = copy.db_path.with_name("encrypted.sqlite3")
            export_encrypted(copy.db_path, encrypted, live.db_key)
            _online_copy(encrypted, live.db_path, live.db_key)
        else:
            _online_copy(copy.db_path, live.db_path, live.db_key)

    def _check_revision(self, revision: str) -> None:
        from alembic.script import ScriptDirectory

        from app.db import alembic_config

        script = ScriptDirectory.from_config(alembic_config())
        try:
            known = script.get_revision(revision) is not None
        except Exception:
            known = False
        if not known:
            raise AppError(f"备份来自更新版本的调解工作台（结构版本 {revision[:40]}，本程序为 "
                           f"{head_revision()}），请先升级软件。当前数据未作任何改动。",
                           code="schema_too_new")

    def list_backups(self) -> list[BackupInfo]:
        """The backups in the data folder's backup folder, newest first (from their manifests
        only when asked to restore; here the file's own time and name are enough)."""
        folder = self.ctx.config.backups_dir
        found = [p for p in folder.glob("*.zip") if p.is_file()] if folder.is_dir() else []
        found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        return [BackupInfo(p, "", 0, datetime.fromtimestamp(p.stat().st_mtime), p.stat().st_size)
                for p in found]

    def auto_backup_if_due(self, *, every: timedelta | None = None, keep: int | None = None,
                           stop: Stop = _never) -> BackupInfo | None:
        """The scheduled backup: at most one per `every`, the newest `keep` retained.

        Both default to the administrator's settings (daily, 14 kept). Any signed-in role runs
        it: it writes only into the data folder's own backup folder. `stop` (the GUI: the user
        signed out) ends it early with BackupCancelled, leaving nothing behind, so it is still
        due for whoever signs in next."""
        if not self.ctx.is_sqlite or not self.ctx.config.db_path.exists():
            return None
        with self.ctx.session() as s:
            if every is None:
                every = timedelta(days=int(setting(s, BACKUP_EVERY_DAYS, 1)))
            if keep is None:
                keep = int(setting(s, BACKUP_KEEP, 14))
        folder = self.ctx.config.backups_dir
        existing = sorted(folder.glob(f"{AUTO_PREFIX}*.zip")) if folder.is_dir() else []
        if existing and datetime.now() - datetime.fromtimestamp(existing[-1].stat().st_mtime) < every:
            return None
        info = self._write(folder / f"{AUTO_PREFIX}{datetime.now():%Y%m%d-%H%M%S}.zip", None, stop)
        for old in sorted(folder.glob(f"{AUTO_PREFIX}*.zip"))[:-keep]:  # keep >= 1 (checked)
            old.unlink()
        return info


def _checkpoint(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
