"""退出登录 while the daily backup runs: sign-out cancels it and waits until it stopped, so no
half-written archive or snapshot is left, no task runs on for the next user, and the backup
is still due for whoever signs in next. Real backup of a real data folder, at idle priority."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.security.backup import BackupInfo
from app.services.security.file_store import TMP_PREFIX
from app.views.launcher import start_auto_backup
from app.views.main_window import MainWindow
from app.views.widgets.background import idle_pool
from tests.factories import case_input

EVIDENCE_FILES, EVIDENCE_SIZE = 16, 4 << 20  # 64 MB of evidence: the backup takes a while


def _left_behind(data_dir: Path, backups: Path) -> list[str]:
    found = [p.name for p in backups.iterdir()] if backups.is_dir() else []
    return found + [p.name for p in data_dir.iterdir() if p.name.startswith(TMP_PREFIX)]


def test_signing_out_during_the_daily_backup_cancels_it_cleanly(
        qtbot: QtBot, window: MainWindow, sqlite_services: Services) -> None:
    sqlite_services.cases.create_case(case_input())
    for _ in range(EVIDENCE_FILES):
        sqlite_services.backups.files.put_bytes(os.urandom(EVIDENCE_SIZE))
    config = sqlite_services.ctx.config
    assert _left_behind(config.data_dir, config.backups_dir) == []
    task = start_auto_backup(window, sqlite_services)
    # the archive is being written: its temporary file is in the backup folder
    qtbot.waitUntil(lambda: any(p.name.startswith(TMP_PREFIX)
                                for p in config.backups_dir.glob("*")), timeout=60000)
    assert task.running
    with qtbot.waitSignal(window.signed_out):
        assert window.sign_out()  # 退出登录, confirmed
    # at once, before any further event: the work has stopped and removed what it wrote
    assert not task.running and task.abandoned
    assert _left_behind(config.data_dir, config.backups_dir) == []
    # and the idle pool's thread, whose work returned, is free again (it was busy above)
    qtbot.waitUntil(lambda: idle_pool().activeThreadCount() == 0, timeout=2000)
    assert "已自动备份" not in window.statusBar().currentMessage()
    qtbot.wait(50)  # the worker's queued result arrives now: dropped, nothing shown
    assert not task.running and _left_behind(config.data_dir, config.backups_dir) == []

    # still due: the next sign-in's backup is taken in full
    sqlite_services.ctx.user, sqlite_services.ctx.role = "next", "mediator"
    info = sqlite_services.backups.auto_backup_if_due()
    assert isinstance(info, BackupInfo) and info.files == EVIDENCE_FILES
    assert [p.name for p in config.backups_dir.iterdir()] == [info.path.name]
