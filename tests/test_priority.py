"""A backup from the command line runs on a thread of lower priority (only that thread: the
caller's stays as it was), with its result or its exception handed back."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import open_services
from app.cli.main import main
from app.config import AppConfig
from app.priority import below_normal
from app.services.security.backup import BackupService
from tests.archives import PASS


def nice() -> int:
    """How far below normal the calling thread runs (Linux: its nice value; Windows: minus
    its thread priority, 1 for THREAD_PRIORITY_BELOW_NORMAL)."""
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        return -int(kernel32.GetThreadPriority(kernel32.GetCurrentThread()))
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_the_work_runs_nicer_on_its_own_thread_and_the_caller_stays() -> None:
    before = nice()
    seen = below_normal(lambda: (threading.get_native_id(), nice()))
    assert seen[0] != threading.get_native_id()
    assert seen[1] > before or before == 19  # 19: Linux's lowest already
    assert nice() == before


def test_the_result_and_the_exception_come_back() -> None:
    assert below_normal(lambda: 42) == 42

    def broken() -> None:
        raise ValueError("坏了")

    with pytest.raises(ValueError, match="坏了"):
        below_normal(broken)


def test_the_backup_command_writes_below_normal(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "d"
    open_services(AppConfig(data_dir=data)).close()
    seen: list[int] = []
    real = BackupService.backup

    def watched(self: BackupService, *args: Any, **kwargs: Any) -> Any:
        seen.append(nice())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(BackupService, "backup", watched)
    monkeypatch.setenv("MEDIATION_DESK_PASSPHRASE", PASS)
    before = nice()
    assert main(["--data-dir", str(data), "backup", "-o", str(tmp_path / "b.zip")]) == 0
    assert (tmp_path / "b.zip").is_file()
    assert seen and (seen[0] > before or before == 19) and nice() == before
