"""A restore proves the backup before the live data is touched: each hostile backup below is
built here, refused with a Chinese message that says what is wrong, and nothing changes."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from app.bootstrap import Services
from app.db import alembic_config, head_revision
from app.errors import AppError
from app.services.security import backup_reader
from tests import archives
from tests.archives import PASS
from tests.factories import case_input
from tests.services.security.test_backup import fingerprint

Manifest = dict[str, object]


def craft(good: Path, target: Path, *, db: Callable[[sqlite3.Connection], None] | None = None,
          db_bytes: bytes | None = None, manifest: Callable[[Manifest], None] | None = None,
          extra: tuple[tuple[str, bytes], ...] = (), stored: bool = False) -> Path:
    """A copy of `good` with its database changed (and the manifest's hash made to fit, so
    only the check under test can refuse it)."""
    work = target.with_suffix(".sqlite3")
    with archives.ZipFile(good) as zf:
        work.write_bytes(zf.read("database.sqlite3"))
        data = json.loads(zf.read("manifest.json"))
        files = {n: zf.read(n) for n in zf.namelist() if n.startswith("files/")}
    if db is not None:
        conn = sqlite3.connect(work)
        conn.execute("PRAGMA foreign_keys=OFF")
        db(conn)
        conn.commit()
        conn.close()
    if db_bytes is not None:
        work.write_bytes(db_bytes)
    digest = hashlib.sha256()
    with work.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    data["database_sha256"] = digest.hexdigest()
    if manifest is not None:
        manifest(data)
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with archives.ZipFile(target, "w", compression=method) as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names on purpose
        zf.write(work, "database.sqlite3")
        zf.writestr("manifest.json", json.dumps(data))
        for name, content in (*files.items(), *extra):
            zf.writestr(name, content)
    work.unlink()
    return target


def zeros(size: int) -> bytes:
    return bytes(size)


def corrupt_pages(good: Path) -> bytes:
    with archives.ZipFile(good) as zf:
        data = bytearray(zf.read("database.sqlite3"))
    for offset in range(8192, len(data) - 4096, 16384):  # scribble over interior pages
        data[offset:offset + 600] = b"\xa5" * 600
    return bytes(data)


def stranger_trigger(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TRIGGER app_user_promote AFTER UPDATE ON app_user BEGIN "
                 "UPDATE app_user SET role = 'administrator'; END")


def other_file(text: bytes) -> tuple[str, bytes]:
    return f"files/{hashlib.sha256(text).hexdigest()}", text


CASES: list[tuple[str, dict[str, object], str]] = [
    ("lacks a table", {"db": lambda c: c.execute("DROP TABLE case_answers")}, "缺少数据表：case_answers"),
    ("lacks a column", {"db": lambda c: c.execute("ALTER TABLE holiday DROP COLUMN source")},
     "缺少字段"),
    ("smuggled trigger", {"db": stranger_trigger}, "结构与本程序不一致（trigger app_user_promote）"),
    ("audit left open", {"db": lambda c: c.execute("DROP TRIGGER audit_entry_no_update")},
     "audit_entry_no_update"),
    ("broken references", {"db": lambda c: c.execute("UPDATE evidence SET case_id = 99999")},
     "外键错误"),
    ("migration fails", {"db": lambda c: c.execute("UPDATE alembic_version SET version_num = '0004'")},
     "无法升级"),
    ("two revisions", {"db": lambda c: c.execute("INSERT INTO alembic_version VALUES ('0004')")},
     "唯一的结构版本"),
    ("zeros, deflated", {"db_bytes": zeros(150 << 20)}, "压缩比异常"),
    ("zeros, stored", {"db_bytes": zeros(3 << 20), "stored": True}, "不是 SQLite 数据库"),
    ("unlisted file", {"extra": (other_file(b"smuggled"),)}, "清单未列出的文件"),
    ("duplicate entry", {"extra": (("manifest.json", b"{}"),)}, "重复"),
    ("odd entry", {"extra": (("files/../../evil", b"x"),)}, "不应出现的条目"),
    ("manifest lists junk", {"manifest": lambda m: m.update(files=["../x"])}, "不是文件哈希的列表"),
    ("manifest of another kind", {"manifest": lambda m: m.update(format="zip")}, "清单格式不正确"),
]


@pytest.fixture
def good(sqlite_services: Services, tmp_path: Path) -> Path:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    for i in range(2):
        scan = tmp_path / f"scan{i}.jpg"
        scan.write_bytes(f"scan {i}".encode())
        sqlite_services.records.add_evidence(case_no, f"照片{i}", file_path=scan)
    backup = sqlite_services.backups.backup(tmp_path / "good.zip", PASS).path
    sqlite_services.cases.create_case(case_input(summary="备份之后登记"))
    return backup


def assert_refused(services: Services, bad: Path, fragment: str) -> None:
    before = fingerprint(services)
    with pytest.raises(AppError, match=fragment) as caught:
        services.backups.restore(bad, PASS)
    assert "未作任何改动" in caught.value.message
    assert fingerprint(services) == before
    data_dir = services.ctx.config.data_dir
    assert not list(services.ctx.config.backups_dir.glob("before-restore-*"))
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.parametrize("what, change, fragment", CASES, ids=[c[0] for c in CASES])
def test_hostile_backups_are_refused_and_change_nothing(sqlite_services: Services, good: Path,
                                                        tmp_path: Path, what: str,
                                                        change: dict[str, object],
                                                        fragment: str) -> None:
    bad = craft(good, tmp_path / "bad.zip", **change)  # type: ignore[arg-type]
    assert_refused(sqlite_services, bad, fragment)


def test_corrupt_database_is_refused(sqlite_services: Services, good: Path,
                                     tmp_path: Path) -> None:
    bad = craft(good, tmp_path / "bad.zip", db_bytes=corrupt_pages(good))
    assert_refused(sqlite_services, bad, "完整性检查|无法读取")


def test_oversized_members_are_refused(sqlite_services: Services, good: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_reader, "MAX_ENTRY_BYTES", 4)
    assert_refused(sqlite_services, good, "过大")
    monkeypatch.setattr(backup_reader, "MAX_ENTRY_BYTES", 1 << 20)
    monkeypatch.setattr(backup_reader, "MAX_DB_BYTES", 1000)
    assert_refused(sqlite_services, good, "database.sqlite3”过大")


def test_an_older_backup_is_upgraded_on_the_copy(sqlite_services: Services, good: Path,
                                                 tmp_path: Path) -> None:
    """A backup at revision 0004 (before case_answers) restores and comes back at head."""
    from alembic import command

    work = tmp_path / "older.sqlite3"
    with archives.ZipFile(good) as zf:
        work.write_bytes(zf.read("database.sqlite3"))
    engine = create_engine(f"sqlite:///{work}")
    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    engine.dispose()
    older = craft(good, tmp_path / "older2.zip", db_bytes=work.read_bytes())
    info = sqlite_services.backups.restore(older, PASS)
    assert info.revision == "0004" and not info.problems
    assert sqlite_services.check.run().ok
    with sqlite3.connect(sqlite_services.ctx.config.db_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == \
            head_revision()


NAMES = st.sampled_from(["database.sqlite3", "manifest.json", "files/" + "a" * 64, "files/x",
                         "../database.sqlite3", "files/", "数据库"])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.tuples(NAMES, st.binary(max_size=600)), max_size=4),
       database=st.binary(max_size=4000) | st.just(b"SQLite format 3\x00" + bytes(4080)),
       honest_manifest=st.booleans())
def test_junk_backups_are_refused_cleanly(sqlite_services: Services, tmp_path: Path,
                                          entries: list[tuple[str, bytes]], database: bytes,
                                          honest_manifest: bool) -> None:
    """Whatever the zip holds, the answer is a Chinese refusal and the data stay as they were
    (with a manifest whose hash fits, the database itself is what gets judged)."""
    path = tmp_path / "junk.zip"
    with archives.ZipFile(path, "w") as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if honest_manifest:
            zf.writestr("database.sqlite3", database)
            zf.writestr("manifest.json", json.dumps({
                "format": "mediation-desk/backup", "version": 2, "files": [],
                "database_sha256": hashlib.sha256(database).hexdigest()}))
        for name, content in entries:
            zf.writestr(name, content)
    before = fingerprint(sqlite_services)
    with pytest.raises(AppError):
        sqlite_services.backups.restore(path, PASS)
    assert fingerprint(sqlite_services) == before
