"""The data folder: private to its owner (POSIX), opened read-only when it cannot be written,
and a full disk or an unusable name gives a Chinese message naming the path, nothing written."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, func
from sqlmodel import select

from app.bootstrap import Services, open_services
from app.cli.main import main
from app.config import AppConfig
from app.db import DiskFull
from app.errors import AppError, StorageError
from app.fileutil import name_problem, safe_file_name
from app.logs import logger, setup_logging
from app.models import Case, Party
from app.services.security.accounts import ReadOnlyData
from tests.conftest import TODAY
from tests.factories import case_input


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _counts(s: Services) -> tuple[int, int]:
    with s.ctx.session() as session:
        return (session.exec(select(func.count()).select_from(Case)).one(),
                session.exec(select(func.count()).select_from(Party)).one())


# --- private --------------------------------------------------------------------------------
def test_a_new_data_folder_and_everything_in_it_is_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask: files 0644, folders 0755 unless the program says
    try:
        config = AppConfig(data_dir=tmp_path / "new" / "data")
        svc = open_services(config, user="tester", today=lambda: TODAY)
        setup_logging(config.data_dir)
        logger.info("a line")
        case_no = svc.cases.create_case(case_input()).case_no
        scan = tmp_path / "合同.jpg"
        scan.write_bytes(b"scan")
        svc.records.add_evidence(case_no, "劳动合同", file_path=scan)
        svc.backups.backup(config.backups_dir / "today.zip")
        data = config.data_dir
        wal, shm = Path(f"{config.db_path}-wal"), Path(f"{config.db_path}-shm")
        assert wal.exists() and shm.exists()  # the engine is still open: WAL in use
        files = [config.db_path, wal, shm, data / "audit.key", *data.glob("audit-head*.json"),
                 data / "logs" / "mediation-desk.log", config.backups_dir / "today.zip",
                 *[p for p in config.files_dir.rglob("*") if p.is_file()]]
        folders = [data, data / "logs", config.backups_dir, config.files_dir,
                   *[p for p in config.files_dir.rglob("*") if p.is_dir()]]
        assert len(files) == 8 and len(folders) >= 5
        assert {str(p): _mode(p) for p in files} == {str(p): 0o600 for p in files}
        assert {str(p): _mode(p) for p in folders} == {str(p): 0o700 for p in folders}
        shutil.rmtree(config.files_dir)  # lost: a restore brings the files back, private
        svc.backups.restore(config.backups_dir / "today.zip")
        restored = [p for p in config.files_dir.rglob("*")]
        assert restored and {_mode(p) for p in restored} == {0o600, 0o700}
        assert {_mode(p) for p in config.backups_dir.iterdir()} == {0o600}
        svc.close()
    finally:
        os.umask(old)
        for handler in list(logger.handlers):
            if isinstance(handler, logging.FileHandler):
                logger.removeHandler(handler)
                handler.close()


def test_an_existing_world_readable_folder_is_made_private_at_start(
        sqlite_config: AppConfig) -> None:
    data = sqlite_config.data_dir
    (data / "files" / "ab").mkdir(parents=True)
    (data / "files" / "ab" / "stray").write_bytes(b"x")
    (data / "audit-head.json").write_text("{}")
    (data / "someone-elses").mkdir()  # --data-dir may point at a folder holding more than ours
    (data / "notes.txt").write_text("x")
    for path in (data, data / "files", data / "files" / "ab", data / "someone-elses"):
        path.chmod(0o755)
    for path in (sqlite_config.db_path, data / "files" / "ab" / "stray", data / "notes.txt",
                 data / "audit-head.json"):
        path.chmod(0o644)
    svc = open_services(sqlite_config)
    svc.close()
    assert _mode(data) == _mode(data / "files") == _mode(data / "files" / "ab") == 0o700
    assert _mode(sqlite_config.db_path) == _mode(data / "files" / "ab" / "stray") == 0o600
    assert _mode(data / "audit-head.json") == 0o600
    assert _mode(data / "someone-elses") == 0o755 and _mode(data / "notes.txt") == 0o644


# --- read-only folder -----------------------------------------------------------------------
@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make `folder` really unwritable: a read-only bind mount when running as root (root
    ignores permission bits), else the permission bits."""
    if os.geteuid() == 0:
        subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
            yield
        finally:
            subprocess.run(["umount", str(folder)], check=True)
        return
    modes = {p: _mode(p) for p in [folder, *folder.rglob("*")]}
    for p in modes:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        yield
    finally:
        for p, m in modes.items():
            p.chmod(m | 0o200)


def test_a_read_only_data_folder_opens_for_viewing_and_refuses_writes(
        sqlite_config: AppConfig, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    svc = open_services(sqlite_config, today=lambda: TODAY)
    case_no = svc.cases.create_case(case_input()).case_no
    before = _counts(svc)
    svc.close()
    listing = sorted(p.name for p in sqlite_config.data_dir.iterdir())
    with read_only(sqlite_config.data_dir):
        assert not os.access(sqlite_config.data_dir, os.W_OK)
        svc = open_services(sqlite_config, today=lambda: TODAY)
        try:
            assert svc.ctx.read_only
            assert svc.exchange.export_for_viewer(case_no)["case"]["case_no"] == case_no
            # refused by the flush guard, or by SQLite itself for a write that comes first
            with pytest.raises(AppError, match="数据目录是只读的") as caught:
                svc.cases.create_case(case_input())
            assert str(sqlite_config.data_dir) in caught.value.message
            with pytest.raises(ReadOnlyData, match="只能查看，不能保存任何修改"):
                svc.accounts.create_user("admin", "secret-pass-1", "administrator")
            assert svc.check.run().ok
            assert _counts(svc) == before
        finally:
            svc.close()
        exported = tmp_path / "out.json"
        assert main(["--data-dir", str(sqlite_config.data_dir), "export", case_no,
                     "-o", str(exported)]) == 0  # viewing and exporting elsewhere work
        out = capsys.readouterr()
        assert "只能查看" in out.err and exported.exists()
        assert main(["--data-dir", str(sqlite_config.data_dir), "demo", "--cases", "1"]) == 1
        err = capsys.readouterr().err
        assert "数据目录是只读的" in err and "Traceback" not in err
        assert sorted(p.name for p in sqlite_config.data_dir.iterdir()) == listing
    svc = open_services(sqlite_config)
    assert _counts(svc) == before and not svc.ctx.read_only
    svc.close()


def test_an_unwritable_target_is_named_never_a_traceback(
        sqlite_services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.archives import PASS

    monkeypatch.setenv("MEDIATION_DESK_PASSPHRASE", PASS)  # bundles are always encrypted
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    folder = tmp_path / "share"
    folder.mkdir()
    with read_only(folder):
        with pytest.raises(StorageError) as caught:
            sqlite_services.exchange.export_to_file(case_no, folder / "案件.json")
        assert str(folder / "案件.json") in caught.value.message
        assert "只读" in caught.value.message or "没有写入权限" in caught.value.message
        code = main(["--data-dir", str(sqlite_services.ctx.config.data_dir), "bundle-export",
                     case_no, "-o", str(folder / "包.zip")])
        err = capsys.readouterr().err
        assert code == 1 and str(folder / "包.zip") in err and "Traceback" not in err
        assert list(folder.iterdir()) == []
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="不存在或不是文件夹"):
        sqlite_services.exchange.export_to_file(case_no, blocker / "案件.json")


# --- full disk ------------------------------------------------------------------------------
def fill_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on every file write fails as on a full disk (ENOSPC at fsync, where delayed
    allocation reports it)."""
    def fsync(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_full_disk_is_named_and_the_old_file_stays(
        sqlite_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from tests.archives import PASS

    monkeypatch.setenv("MEDIATION_DESK_PASSPHRASE", PASS)  # bundles are always encrypted
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    fill_the_disk(monkeypatch)
    target = tmp_path / "out" / "案件.json"
    target.parent.mkdir()
    target.write_bytes(b"the previous export")
    with pytest.raises(StorageError) as caught:
        sqlite_services.exchange.export_to_file(case_no, target)
    assert caught.value.message.startswith("磁盘空间不足") and str(target) in caught.value.message
    assert target.read_bytes() == b"the previous export"
    backup = tmp_path / "out" / "备份.zip"
    with pytest.raises(StorageError, match="磁盘空间不足") as caught:
        sqlite_services.backups.backup(backup)
    assert str(backup) in caught.value.message
    pdf = tmp_path / "out" / "申请书.pdf"
    with pytest.raises(StorageError, match="磁盘空间不足"):
        sqlite_services.documents.render(case_no, "mediation_application", "pdf", pdf,
                                           draft=True)
    code = main(["--data-dir", str(sqlite_services.ctx.config.data_dir), "bundle-export", case_no,
                 "-o", str(tmp_path / "out" / "包.zip")])
    err = capsys.readouterr().err
    assert code == 1 and "磁盘空间不足" in err and "包.zip" in err and "Traceback" not in err
    assert sorted(p.name for p in target.parent.iterdir()) == ["案件.json"]  # no .tmp- left


def test_a_full_disk_under_the_database_says_so_and_saves_nothing(
        sqlite_services: Services) -> None:
    engine = sqlite_services.ctx.engine
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def full(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")  # type: ignore[attr-defined]

    event.listen(engine, "connect", full)
    engine.dispose()
    before = _counts(sqlite_services)
    try:
        with pytest.raises(DiskFull) as caught:
            sqlite_services.cases.create_case(case_input(facts="事实" * 20_000))
    finally:
        event.remove(engine, "connect", full)
        engine.dispose()
    message = caught.value.message
    assert message.startswith("磁盘空间不足") and str(sqlite_services.ctx.config.db_path) in message
    assert "事实事实" not in str(caught.value)
    assert _counts(sqlite_services) == before


# --- names ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["CON", "aux", "NUL.pdf", "com1.zip", "LPT9.json",
                                  "长" * 90 + ".json", "案件.", "案件 ", "a:b.json", "x\x00.json"])
def test_reserved_and_overlong_names_never_reach_the_file_system(
        sqlite_services: Services, tmp_path: Path, name: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    out = tmp_path / "out"
    out.mkdir()
    assert name_problem(name) is not None
    with pytest.raises(StorageError) as caught:
        sqlite_services.exchange.export_to_file(case_no, out / name)
    assert str(out / name) in caught.value.message
    for run in (lambda: sqlite_services.backups.backup(out / name),
                lambda: sqlite_services.bundles.export_bundle(case_no, out / name,
                                                              passphrase="测试口令-passphrase-1"),
                lambda: sqlite_services.documents.render(case_no, "mediation_application",
                                                         "pdf", out / name, draft=True)):
        with pytest.raises(StorageError, match="不能写入|无法写入"):
            run()
    if "\x00" not in name:  # argv cannot carry a NUL
        code = main(["--data-dir", str(sqlite_services.ctx.config.data_dir), "export", case_no,
                     "-o", str(out / name)])
        err = capsys.readouterr().err
        assert code == 1 and "请换一个文件名" in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_names_built_from_data_are_made_safe() -> None:
    assert safe_file_name("CON") == "_CON"
    assert safe_file_name("aux", ".pdf") == "_aux.pdf"
    assert safe_file_name("NUL", ".pdf") == "_NUL.pdf"
    assert safe_file_name("COM1") == "_COM1"
    assert safe_file_name("王伟. . ", ".docx") == "王伟.docx"
    assert safe_file_name('a<b>c:"d"/e', ".pdf") == "a_b_c__d__e.pdf"
    long = safe_file_name("长" * 200, ".docx")
    assert len(long.encode()) <= 255 and long.endswith(".docx") and long.startswith("长")
    for name in ("_CON", "_aux.pdf", "王伟.docx", long):
        assert name_problem(name) is None
