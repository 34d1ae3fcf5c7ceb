"""No plain copy of the database is left next to a backup's target; temporaries a kill left
are swept at start; backups and restores stream instead of holding files in memory."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest

from app.bootstrap import Services, open_services
from app.errors import AppError
from app.services.security import backup as backup_module
from tests.archives import PASS
from tests.conftest import TODAY
from tests.factories import case_input


def test_a_failed_backup_leaves_nothing_behind(sqlite_services: Services, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    sqlite_services.cases.create_case(case_input())
    real = backup_module._stream_into

    def disk_full(zf: object, source: Path, name: str) -> str:
        real(zf, source, name)  # type: ignore[arg-type]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_module, "_stream_into", disk_full)
    out = tmp_path / "usb"
    out.mkdir()
    with pytest.raises(AppError, match="备份未完成") as caught:
        sqlite_services.backups.backup(out / "b.zip", PASS)
    assert "磁盘空间" in caught.value.message
    assert list(out.iterdir()) == []
    data_dir = sqlite_services.ctx.config.data_dir
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".tmp-")]


def test_stale_temporaries_are_swept_at_start(sqlite_services: Services) -> None:
    config = sqlite_services.ctx.config
    sqlite_services.close()
    old = time.time() - 2 * 3600
    killed_backup = config.data_dir / ".tmp-backup-abc"
    killed_backup.mkdir()
    (killed_backup / "database.sqlite3").write_bytes(config.db_path.read_bytes())
    partial_zip = config.backups_dir / ".tmp-xyz"
    config.backups_dir.mkdir(exist_ok=True)
    partial_zip.write_bytes(b"PK partial")
    half_file = config.files_dir / "ab" / ".tmp-123"
    half_file.parent.mkdir(parents=True)
    half_file.write_bytes(b"half")
    for path in (killed_backup, partial_zip, half_file):
        os.utime(path, (old, old))
    in_progress = config.data_dir / ".tmp-restore-now"  # another instance, working right now
    in_progress.mkdir()
    kept = config.backups_dir / "auto-20260101-000000.zip"
    kept.write_bytes(b"PK")
    os.utime(kept, (old, old))
    services = open_services(config, today=lambda: TODAY)
    try:
        assert not killed_backup.exists() and not partial_zip.exists() and not half_file.exists()
        assert in_progress.is_dir() and kept.is_file()
    finally:
        services.close()


def test_backup_and_restore_stream_large_files(sqlite_services: Services,
                                               tmp_path: Path) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    recording = tmp_path / "录音.bin"
    recording.write_bytes(os.urandom(16 << 20))
    sqlite_services.records.add_evidence(case_no, "录音", file_path=recording)
    tracemalloc.start()
    try:
        info = sqlite_services.backups.backup(tmp_path / "b.zip", PASS)
        _, backup_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        sqlite_services.backups.files.path_for(info_sha(sqlite_services)).unlink()
        sqlite_services.backups.restore(info.path, PASS)
        _, restore_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.files == 1 and sqlite_services.check.run().ok
    assert backup_peak < 6 << 20 and restore_peak < 6 << 20, (backup_peak, restore_peak)


def info_sha(services: Services) -> str:
    return next(p.name for p in services.ctx.config.files_dir.rglob("*") if p.is_file())


def test_a_stopped_scheduled_backup_leaves_nothing_and_stays_due(
        sqlite_services: Services) -> None:
    """退出登录 asks the scheduled backup to stop: at the first step, or between the blocks of
    the archive; either way BackupCancelled, no archive, no snapshot, and it is still due."""
    sqlite_services.cases.create_case(case_input())
    for n in range(3):
        sqlite_services.backups.files.put_bytes(os.urandom(3 << 20) + bytes([n]))
    config = sqlite_services.ctx.config
    for asked_before_stopping in (0, 2, 5):
        asked: list[int] = []

        def stop(limit: int = asked_before_stopping, asked: list[int] = asked) -> bool:
            asked.append(1)
            return len(asked) > limit

        with pytest.raises(backup_module.BackupCancelled, match="没有留下不完整的备份"):
            sqlite_services.backups.auto_backup_if_due(stop=stop)
        assert len(asked) == asked_before_stopping + 1
        left = list(config.backups_dir.iterdir()) if config.backups_dir.is_dir() else []
        assert left == [], left
        assert not [p for p in config.data_dir.iterdir() if p.name.startswith(".tmp-")]
    info = sqlite_services.backups.auto_backup_if_due(stop=lambda: False)
    assert info is not None and info.files == 3
