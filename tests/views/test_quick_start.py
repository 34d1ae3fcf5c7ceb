"""A quick start: the window is shown before its pages read the database, and the daily backup
runs afterwards on an idle-priority thread of its own while searches go on."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QThread, QThreadPool
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from app.bootstrap import Services
from app.services.cases.dto import CaseQuery
from app.views.launcher import start_auto_backup
from app.views.main_window import MainWindow
from tests.factories import case_input
from tests.views.fakes import FakeDialogs


def count_selects(services: Services) -> list[str]:
    seen: list[str] = []

    def grab(_c: Any, _cur: Any, sql: str, *_rest: Any) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            seen.append(sql)

    event.listen(services.ctx.engine, "before_cursor_execute", grab)
    return seen


def test_the_window_is_shown_before_the_workbench_reads(qtbot: QtBot, sqlite_services: Services,
                                                       tmp_path: Path) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    seen = count_selects(sqlite_services)
    window = MainWindow(sqlite_services, QSettings(str(tmp_path / "w.ini"),
                                                   QSettings.Format.IniFormat),
                        FakeDialogs(), fill_later=True)
    qtbot.addWidget(window)
    window.show()
    assert not any("received_on DESC" in sql for sql in seen), \
        "the latest cases were read before the window was on screen"
    assert window.dashboard.latest.model.rowCount() == 0
    assert window.case_list.model.rowCount() == 0
    assert not window.dashboard.welcome.isVisible()  # no "还没有案件" flash on a full database
    window.fill_pages()
    assert any("received_on DESC" in sql for sql in seen)
    assert window.dashboard.latest.model.rowCount() == 1
    assert window.dashboard.latest.model.rows()[0].case_no == case_no
    assert window.case_list.model.rowCount() == 1 and window.case_list.model.total == 1
    before = len(seen)
    window.fill_pages()  # once only
    assert len(seen) == before


def test_the_daily_backup_runs_at_idle_priority_and_searches_go_on(
        qtbot: QtBot, window: MainWindow, sqlite_services: Services,
        monkeypatch: pytest.MonkeyPatch) -> None:
    sqlite_services.cases.create_case(case_input())
    started, release = threading.Event(), threading.Event()
    seen: dict[str, Any] = {}
    real = sqlite_services.backups.auto_backup_if_due

    def slow_backup(**kwargs: Any) -> object:  # stop=…: what 退出登录 would ask
        seen["thread"] = QThread.currentThread()
        seen["priority"] = QThread.currentThread().priority()
        started.set()
        release.wait(20)  # a backup of a large database, still running
        return real(**kwargs)

    monkeypatch.setattr(sqlite_services.backups, "auto_backup_if_due", slow_backup)
    task = start_auto_backup(window, sqlite_services)
    assert started.wait(10)
    assert seen["priority"] == QThread.Priority.IdlePriority
    assert seen["thread"] is not QThread.currentThread()
    # The shared pool is not the backup's: its threads keep their normal priority.
    assert QThreadPool.globalInstance().threadPriority() != QThread.Priority.IdlePriority
    start = time.perf_counter()
    page = sqlite_services.cases.list_cases(CaseQuery(search="张三", limit=20))
    assert page.total >= 1 and time.perf_counter() - start < 5  # not waiting for the backup
    assert task.running
    release.set()
    qtbot.waitUntil(lambda: not task.running, timeout=20000)
    assert "已自动备份" in window.statusBar().currentMessage()
