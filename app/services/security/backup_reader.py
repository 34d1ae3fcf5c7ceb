"""Reading a backup zip as hostile input: limits, manifest, hashes, and the database's schema.

Nothing here touches the live data: entries are streamed into a work folder (sizes and
compression ratios limited as in case bundles, every file hashed on the way), and the database
is proven — SQLite header, integrity, a revision this build knows, upgraded on the copy, then
tables, columns, indexes, triggers and views compared with the live database's.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

from app.db import DB_ERRORS, connect_file
from app.errors import AppError
from app.services.exchange.bundle import MAX_ENTRY_BYTES, MAX_RATIO
from app.services.security import archive

FORMAT = "mediation-desk/backup"
MANIFEST = "manifest.json"
DB_ENTRY = "database.sqlite3"
FILE_ENTRY = re.compile(r"^files/([0-9a-f]{64})$")
HASH = re.compile(r"^[0-9a-f]{64}$")
SQLITE_HEADER = b"SQLite format 3\x00"
MAX_ENTRIES = 500_000          # a whole office's evidence, not a bundle's handful
MAX_DB_BYTES = 32 << 30        # the database may be far larger than one evidence file
MAX_MANIFEST_BYTES = 64 << 20
RATIO_FROM = 1 << 20           # small entries compress however they like
CHUNK = 1 << 20


def refuse(reason: str) -> AppError:
    return AppError(f"无法从此备份恢复：{reason}。当前数据未作任何改动。", code="bad_backup")


@dataclass
class Unpacked:
    """A backup streamed into a work folder: the database copy and the files that are intact."""

    revision: str = ""
    files: dict[str, Path] = field(default_factory=dict)
    damaged: set[str] = field(default_factory=set)   # in the zip but not matching its hash
    missing: set[str] = field(default_factory=set)   # listed but absent, or absent when backed up
    audit_head: object = None  # the audit chain head the backup recorded (audit_anchor.Head)
    encrypted: bool = False    # an AES zip (every backup since encryption; older ones are plain)
    db_file: Path = Path()
    database_encrypted: bool = False  # the manifest says the database entry is SQLCipher's


def unpack(source: Path, db_file: Path, folder: Path, passphrases: list[str]) -> Unpacked:
    """Check every entry of `source`, stream the database to `db_file` and the intact files
    into `folder`. Refuses (AppError) anything that is not a backup this program wrote; an
    encrypted one opens with the first of `passphrases` that fits (else WrongPassphrase)."""
    try:
        zf, encrypted = archive.reader(source, passphrases, "备份")
    except (*archive.BAD_ZIP, OSError, ValueError) as exc:
        raise refuse(f"不是有效的备份文件（{exc}）") from exc
    with zf:
        if encrypted and not all(archive.encrypted(i) for i in zf.infolist()):
            raise refuse("加密备份中混有未加密的条目（备份被改动过）")
        infos = {info.filename: info for info in zf.infolist()}
        _check_entries(zf.infolist(), folder)
        if MANIFEST not in infos or DB_ENTRY not in infos:
            raise refuse("备份文件缺少清单或数据库，可能不是调解工作台的备份")
        manifest = _manifest(_read_small(zf, infos[MANIFEST]))
        listed, damaged_then = manifest["files"], manifest["damaged"]
        present = {FILE_ENTRY.match(n).group(1) for n in infos if FILE_ENTRY.match(n)}  # type: ignore[union-attr]
        unlisted = sorted(present - set(listed) - set(damaged_then))
        if unlisted:
            raise refuse(f"备份中有清单未列出的文件：{'、'.join(s[:12] + '…' for s in unlisted[:3])}")
        if _extract(zf, infos[DB_ENTRY], db_file) != manifest["database_sha256"]:
            raise refuse("备份中的数据库与清单记录的哈希不符，备份已损坏")
        result = Unpacked(missing=set(manifest["missing"]) | (set(listed) - present),
                          damaged=set(damaged_then), audit_head=manifest.get("audit_head"),
                          encrypted=encrypted, db_file=db_file,
                          database_encrypted=manifest.get("database_encrypted") is True)
        folder.mkdir(parents=True, exist_ok=True)
        for sha in sorted(set(listed) & present):
            target = folder / sha
            if _extract(zf, infos[f"files/{sha}"], target) == sha:
                result.files[sha] = target
            else:
                target.unlink(missing_ok=True)  # _extract removed it if unreadable
                result.damaged.add(sha)
    return result


def _check_entries(infos: list[zipfile.ZipInfo], folder: Path) -> None:
    if len(infos) > MAX_ENTRIES:
        raise refuse(f"备份内条目超过 {MAX_ENTRIES} 个")
    names: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if name not in (MANIFEST, DB_ENTRY) and not FILE_ENTRY.match(name):
            raise refuse(f"备份中有不应出现的条目“{name[:80]}”")
        if name in names:
            raise refuse(f"备份中的条目“{name}”重复")
        names.add(name)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise refuse(f"备份中的条目“{name}”是链接")
        limit = {DB_ENTRY: MAX_DB_BYTES, MANIFEST: MAX_MANIFEST_BYTES}.get(name, MAX_ENTRY_BYTES)
        if info.file_size > limit:
            raise refuse(f"备份条目“{name}”过大（超过 {limit >> 20} MB）")
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise refuse(f"备份条目“{name}”的压缩比异常（疑似压缩炸弹）")
        total += info.file_size
    free = shutil.disk_usage(folder.parent).free
    if total > free:
        raise refuse(f"磁盘空间不足：解压校验需要 {total >> 20} MB，数据目录所在磁盘只剩 "
                     f"{free >> 20} MB")


def _read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return zf.read(info)
    except archive.READ_ERRORS as exc:
        raise refuse(f"备份条目“{info.filename}”无法读取（{exc}）") from exc


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> str:
    """Stream one entry to `target` (fsynced) and return the SHA-256 of what was written. The
    declared size bounds what is read; a lying header fails zipfile's own length/CRC check."""
    digest = hashlib.sha256()
    try:
        with zf.open(info) as src, target.open("wb") as dst:
            for block in iter(lambda: src.read(CHUNK), b""):
                digest.update(block)
                dst.write(block)
            dst.flush()
            os.fsync(dst.fileno())
    except archive.READ_ERRORS as exc:  # a failed HMAC of an AES entry included
        target.unlink(missing_ok=True)
        if info.filename == DB_ENTRY:
            raise refuse(f"备份中的数据库无法解压（{exc}）") from exc
        return ""  # a damaged file entry: named, the rest is restored
    return digest.hexdigest()


def _manifest(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise refuse("备份清单无法读取") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") not in (1, 2):
        raise refuse("备份清单格式不正确")
    if not isinstance(data.get("database_sha256"), str):
        raise refuse("备份清单缺少数据库的哈希")
    for key in ("files", "damaged", "missing"):
        value = data.setdefault(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and HASH.match(v)
                                                  for v in value):
            raise refuse(f"备份清单的“{key}”不是文件哈希的列表")
    return data


def check_database(db_file: Path, key: str | None = None) -> str:
    """The copy is a SQLite database (SQLCipher-encrypted with `key` when given) that passes
    integrity_check and carries exactly one schema revision; returns that revision."""
    if key is None:
        with db_file.open("rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise refuse("备份中的数据库不是 SQLite 数据库文件（内容已损坏或被替换）")
    conn = connect_file(db_file, key)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            raise refuse(f"备份中的数据库未通过完整性检查：{result[:3]}")
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except DB_ERRORS as exc:
        if key is not None:
            raise refuse("备份中的数据库是加密的，但当前的数据库密钥打不开它（它用另一个密钥加密，"
                         "或已损坏）") from exc
        raise refuse(f"备份中的数据库无法读取（{exc}）") from exc
    finally:
        conn.close()
    if len(rows) != 1 or not isinstance(rows[0][0], str):
        raise refuse("备份中的数据库没有唯一的结构版本信息")
    return rows[0][0]


def _objects(conn: Any) -> dict[tuple[str, str], str]:
    rows = conn.execute(text("SELECT type, name, sql FROM sqlite_master "
                             "WHERE name NOT LIKE 'sqlite_%'"))
    return {(kind, name): (sql or "") if kind in ("trigger", "view") else ""
            for kind, name, sql in rows}


_EXPECTED: dict[str, dict[tuple[str, str], str]] = {}


def expected_objects(scratch: Path) -> dict[tuple[str, str], str]:
    """The tables, indexes, triggers and views this build's migrations create, read from an
    empty database migrated in `scratch` (once per process and schema head)."""
    from app.config import AppConfig
    from app.db import head_revision, make_engine, upgrade_database

    head = head_revision()
    if head not in _EXPECTED:
        config = AppConfig(data_dir=scratch)
        engine = make_engine(config)
        try:
            upgrade_database(engine, config)
            with engine.connect() as conn:
                _EXPECTED[head] = _objects(conn)
        finally:
            engine.dispose()
    return _EXPECTED[head]


def check_schema(restored: Engine, expected: dict[tuple[str, str], str]) -> None:
    """After upgrading the copy: the tables and columns this build uses, and exactly the
    tables, indexes, triggers and views its migrations create (a trigger smuggled in would
    run later; one taken out would let the audit log be rewritten)."""
    found = inspect(restored)
    tables = set(found.get_table_names())
    lacking = sorted(set(SQLModel.metadata.tables) - tables)
    if lacking:
        raise refuse(f"备份中的数据库缺少数据表：{'、'.join(lacking[:5])}")
    for name, table in SQLModel.metadata.tables.items():
        columns = {c["name"] for c in found.get_columns(name)}
        gone = sorted({c.name for c in table.columns} - columns)
        if gone:
            raise refuse(f"备份中的数据表 {name} 缺少字段：{'、'.join(gone[:5])}")
    with restored.connect() as conn:
        mine = _objects(conn)
        broken = list(conn.execute(text("PRAGMA foreign_key_check")))
    differ = sorted({k for k in mine.keys() | expected.keys() if mine.get(k) != expected.get(k)})
    if differ:
        what = "、".join(f"{kind} {name}" for kind, name in differ[:5])
        raise refuse(f"备份中的数据库结构与本程序不一致（{what}）")
    if broken:
        raise refuse(f"备份中的数据库有 {len(broken)} 条记录引用了不存在的记录（外键错误）")
