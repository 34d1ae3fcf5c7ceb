"""Backup → delete → restore gives identical data; bad backups are refused before anything changes."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.errors import AppError
from app.services.cases.dto import CaseQuery
from tests import archives
from tests.archives import PASS
from tests.factories import case_input


def fingerprint(services: Services) -> dict[str, object]:
    """Row count and hash of every table, and the hash of every stored file."""
    conn = sqlite3.connect(services.ctx.config.db_path)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'case_search%' ORDER BY name")]
    result: dict[str, object] = {}
    for table in tables:
        rows = conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        result[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    conn.close()
    files = services.ctx.config.files_dir
    result["files"] = sorted(hashlib.sha256(p.read_bytes()).hexdigest()
                             for p in files.rglob("*") if p.is_file())
    return result


@pytest.fixture
def filled(sqlite_services: Services, tmp_path: Path) -> Services:
    sqlite_services.demo.generate(40, seed=2)
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    for i in range(3):
        scan = tmp_path / f"scan{i}.jpg"
        scan.write_bytes(f"scan {i}".encode())
        sqlite_services.records.add_evidence(case_no, f"照片{i}", file_path=scan)
    return sqlite_services


def test_backup_delete_restore_is_identical(filled: Services, tmp_path: Path) -> None:
    before = fingerprint(filled)
    info = filled.backups.backup(tmp_path / "b.zip", PASS)
    assert info.files == 3
    # Lose everything: the database file and the stored files.
    filled.ctx.engine.dispose()
    filled.ctx.config.db_path.unlink()
    for p in sorted(filled.ctx.config.files_dir.rglob("*"), reverse=True):
        p.unlink() if p.is_file() else p.rmdir()
    filled.backups.restore(tmp_path / "b.zip", PASS)
    assert fingerprint(filled) == before
    assert filled.check.run().ok
    # The search index came back with the rows.
    assert filled.cases.list_cases(CaseQuery(search="迅达即配")).total >= 1


def test_restore_keeps_the_live_database_aside(filled: Services, tmp_path: Path) -> None:
    filled.backups.backup(tmp_path / "b.zip", PASS)
    filled.cases.create_case(case_input())
    filled.backups.restore(tmp_path / "b.zip", PASS)
    aside = list(filled.ctx.config.backups_dir.glob("before-restore-*.sqlite3"))
    assert len(aside) == 1
    conn = sqlite3.connect(aside[0])
    assert conn.execute("SELECT count(*) FROM dispute_case").fetchone()[0] == 42
    conn.close()
    assert filled.cases.count() == 41


def rewrite(zip_path: Path, target: Path, change: object) -> Path:
    with archives.ZipFile(zip_path) as src, archives.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            name, data = change(info.filename, data)  # type: ignore[operator]
            if name:
                dst.writestr(name, data)
    return target


def tamper_db(name: str, data: bytes) -> tuple[str, bytes]:
    if name != "database.sqlite3":
        return name, data
    flipped = bytes(b ^ 0xFF for b in data[5000:5100])
    return name, data[:5000] + flipped + data[5100:]


def tamper_file(name: str, data: bytes) -> tuple[str, bytes]:
    return name, b"forged" if name.startswith("files/") else data


def traversal(name: str, data: bytes) -> tuple[str, bytes]:
    return (f"../../evil-{name[-6:]}" if name.startswith("files/") else name), data


@pytest.mark.parametrize("change, fragment", [
    (tamper_db, "哈希不符"), (traversal, "不应出现的条目"),
    (lambda n, d: ("" if n == "manifest.json" else n, d), "缺少清单"),
])
def test_bad_backups_are_refused_and_change_nothing(filled: Services, tmp_path: Path,
                                                    change: object, fragment: str) -> None:
    good = filled.backups.backup(tmp_path / "b.zip", PASS).path
    bad = rewrite(good, tmp_path / "bad.zip", change)
    filled.cases.create_case(case_input())
    before = fingerprint(filled)
    with pytest.raises(AppError, match=fragment):
        filled.backups.restore(bad, PASS)
    assert fingerprint(filled) == before


def test_not_a_zip_is_refused(filled: Services, tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(AppError, match="不是有效的备份文件"):
        filled.backups.restore(junk, PASS)


def test_backup_from_a_newer_build_is_refused(filled: Services, tmp_path: Path) -> None:
    good = filled.backups.backup(tmp_path / "b.zip", PASS).path
    work = tmp_path / "newer.sqlite3"
    with archives.ZipFile(good) as zf:
        work.write_bytes(zf.read("database.sqlite3"))
        manifest = json.loads(zf.read("manifest.json"))
    with sqlite3.connect(work) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    manifest["database_sha256"] = hashlib.sha256(work.read_bytes()).hexdigest()
    newer = tmp_path / "newer.zip"
    with archives.ZipFile(newer, "w") as zf:
        zf.write(work, "database.sqlite3")
        zf.writestr("manifest.json", json.dumps(manifest))
    with pytest.raises(AppError, match="更新版本"):
        filled.backups.restore(newer, PASS)


def test_scheduled_backup_runs_once_a_day_and_keeps_the_newest(filled: Services) -> None:
    info = filled.backups.auto_backup_if_due()
    assert info is not None and info.path.exists()
    first = info.path
    assert filled.backups.auto_backup_if_due() is None  # already one today
    folder = filled.ctx.config.backups_dir
    for i in range(5):
        (folder / f"auto-2020010{i}-000000.zip").write_bytes(b"old")
        os.utime(folder / f"auto-2020010{i}-000000.zip", (0, 0))
    first.rename(folder / "auto-20200101-000001.zip")
    os.utime(folder / "auto-20200101-000001.zip", (0, 0))
    assert filled.backups.auto_backup_if_due(keep=3) is not None
    assert len(list(folder.glob("auto-*.zip"))) == 3
