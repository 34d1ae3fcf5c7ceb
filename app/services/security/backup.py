"""Backups of the SQLite database and its stored files, and a restore that proves the copy first.

A backup is one .zip: `database.sqlite3` (taken with SQLite's online backup API, so the app keeps
running), every stored file under `files/<sha256>`, and `manifest.json` with the schema revision
and each entry's hash. Restore checks all of that in a temporary folder and only then writes over
the live database, after copying the live one aside.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.db import head_revision, upgrade_database
from app.errors import AppError
from app.services.admin.preferences import BACKUP_EVERY_DAYS, BACKUP_KEEP
from app.services.context import ServiceContext
from app.services.security.file_store import FileStore, atomic_write_bytes
from app.services.workflow.deadline_store import setting

FORMAT = "mediation-desk/backup"
DB_ENTRY = "database.sqlite3"
FILE_ENTRY = re.compile(r"^files/([0-9a-f]{64})$")
AUTO_PREFIX = "auto-"
MAX_ENTRY_BYTES = 2 << 30


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str
    files: int
    created_at: datetime
    size: int = 0


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _online_copy(source: Path, target: Path) -> None:
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


class BackupService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.files = FileStore(ctx.config.files_dir)

    def _require_sqlite(self) -> None:
        if not self.ctx.is_sqlite:
            raise AppError("共享的 PostgreSQL 数据库由服务器管理员用 pg_dump 备份；本功能只备份本机 SQLite 数据库",
                           code="unsupported")

    def backup(self, target: Path, *, referenced_only: bool = False) -> BackupInfo:
        """Write a backup zip to `target` (atomically: a half-written backup never exists)."""
        self._require_sqlite()
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
            db_copy = Path(tmp) / DB_ENTRY
            _online_copy(self.ctx.config.db_path, db_copy)
            revision = self._revision(db_copy)
            hashes = sorted(set(self.files.all_hashes()))
            manifest = {"format": FORMAT, "version": 1, "revision": revision,
                        "created_at": datetime.now().isoformat(timespec="seconds"),
                        "database_sha256": _sha256(db_copy), "files": hashes}
            # `check` compares the live audit log with the head this copy had.
            manifest["audit_head"] = self.ctx.audit_anchor.manifest_head(db_copy)
            partial = Path(tmp) / "backup.zip"
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.write(db_copy, DB_ENTRY)
                for sha in hashes:
                    zf.write(self.files.path_for(sha), f"files/{sha}")
                zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            atomic_write_bytes(target, partial.read_bytes())
        return BackupInfo(target, revision, len(hashes), datetime.now(), target.stat().st_size)

    @staticmethod
    def _revision(db_file: Path) -> str:
        conn = sqlite3.connect(db_file)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as exc:
            raise AppError(f"备份中的数据库无法读取：{exc}", code="bad_backup") from exc
        finally:
            conn.close()
        if not row:
            raise AppError("备份中的数据库没有结构版本信息", code="bad_backup")
        return str(row[0])

    def restore(self, source: Path) -> BackupInfo:
        """Verify the whole backup, keep a copy of the live database, then replace it."""
        self._require_sqlite()
        source = Path(source)
        if not source.is_file():
            raise AppError(f"找不到备份文件：{source}", code="not_found")
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            manifest, files = self._unpack(source, folder)
            db_file = folder / DB_ENTRY
            if _sha256(db_file) != manifest.get("database_sha256"):
                raise AppError("备份中的数据库与清单记录的哈希不符，备份已损坏", code="bad_backup")
            conn = sqlite3.connect(db_file)
            try:
                result = conn.execute("PRAGMA integrity_check").fetchall()
            finally:
                conn.close()
            if result != [("ok",)]:
                raise AppError(f"备份中的数据库未通过完整性检查：{result[:3]}", code="bad_backup")
            revision = self._revision(db_file)
            self._check_revision(revision)
            # Proven good: keep the live database aside, then copy the backup over it.
            self.ctx.engine.dispose()
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            self.ctx.config.backups_dir.mkdir(parents=True, exist_ok=True)
            if self.ctx.config.db_path.exists():
                _online_copy(self.ctx.config.db_path,
                             self.ctx.config.backups_dir / f"before-restore-{stamp}.sqlite3")
            _online_copy(db_file, self.ctx.config.db_path)
            self.ctx.audit_anchor.reset_head(manifest.get("audit_head"), db_file)  # log went back
            for sha, path in files.items():
                if not self.files.path_for(sha).exists():
                    atomic_write_bytes(self.files.path_for(sha), path.read_bytes())
        upgrade_database(self.ctx.engine, self.ctx.config)
        return BackupInfo(source, revision, len(files), datetime.now())

    def _check_revision(self, revision: str) -> None:
        from alembic.script import ScriptDirectory

        from app.db import alembic_config

        script = ScriptDirectory.from_config(alembic_config())
        try:
            known = script.get_revision(revision) is not None
        except Exception:
            known = False
        if not known:
            raise AppError(f"备份来自更新版本的调解工作台（结构版本 {revision}，本程序为 {head_revision()}），"
                           "请先升级软件", code="schema_too_new")

    def _unpack(self, source: Path, folder: Path) -> tuple[dict[str, object], dict[str, Path]]:
        try:
            zf = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError) as exc:
            raise AppError(f"不是有效的备份文件（{exc}）", code="bad_backup") from exc
        files: dict[str, Path] = {}
        with zf:
            names = zf.namelist()
            if "manifest.json" not in names or DB_ENTRY not in names:
                raise AppError("备份文件缺少清单或数据库，可能不是调解工作台的备份", code="bad_backup")
            for info in zf.infolist():
                match = FILE_ENTRY.match(info.filename)
                if info.filename not in ("manifest.json", DB_ENTRY) and not match:
                    raise AppError(f"备份中有不应出现的条目：{info.filename}", code="bad_backup")
                if info.file_size > MAX_ENTRY_BYTES:
                    raise AppError(f"备份条目过大：{info.filename}", code="bad_backup")
            try:
                manifest = json.loads(zf.read("manifest.json"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise AppError("备份清单无法读取", code="bad_backup") from exc
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise AppError("备份清单格式不正确", code="bad_backup")
            (folder / DB_ENTRY).write_bytes(zf.read(DB_ENTRY))
            for name in names:
                match = FILE_ENTRY.match(name)
                if match:
                    data = zf.read(name)
                    if hashlib.sha256(data).hexdigest() != match.group(1):
                        raise AppError(f"备份中的文件 {match.group(1)[:12]}… 已损坏（哈希不符）",
                                       code="bad_backup")
                    path = folder / match.group(1)
                    path.write_bytes(data)
                    files[match.group(1)] = path
        return manifest, files

    def list_backups(self) -> list[BackupInfo]:
        """The backups in the data folder's backup folder, newest first (from their manifests
        only when asked to restore; here the file's own time and name are enough)."""
        folder = self.ctx.config.backups_dir
        found = [p for p in folder.glob("*.zip") if p.is_file()] if folder.is_dir() else []
        found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        return [BackupInfo(p, "", 0, datetime.fromtimestamp(p.stat().st_mtime), p.stat().st_size)
                for p in found]

    def auto_backup_if_due(self, *, every: timedelta | None = None,
                           keep: int | None = None) -> Path | None:
        """The scheduled backup: at most one per `every`, the newest `keep` retained.

        Both default to the administrator's settings (daily, 14 kept)."""
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
        target = folder / f"{AUTO_PREFIX}{datetime.now():%Y%m%d-%H%M%S}.zip"
        self.backup(target)
        for old in sorted(folder.glob(f"{AUTO_PREFIX}*.zip"))[:-keep]:  # keep >= 1 (checked)
            old.unlink()
        return target
