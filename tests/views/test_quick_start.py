"""A quick start: the window is shown and takes input before its pages' data arrives (read on
worker threads, 正在载入… meanwhile), a failed read says so in Chinese, closing it while it
loads is clean, and the daily backup runs afterwards on an idle-priority thread of its own
while searches go on."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QThread, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from app.bootstrap import Services
from app.errors import AppError
from app.services.cases.dto import CaseQuery
from app.views.launcher import start_auto_backup
from app.views.main_window import MainWindow
from app.views.widgets.background import BackgroundTask
from tests.factories import case_input, platform, worker
from tests.views.fakes import FakeDialogs


def count_selects(services: Services) -> list[str]:
    seen: list[str] = []

    def grab(_c: Any, _cur: Any, sql: str, *_rest: Any) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            seen.append(sql)

    event.listen(services.ctx.engine, "before_cursor_execute", grab)
    return seen


def later_window(qtbot: QtBot, services: Services, tmp_path: Path) -> MainWindow:
    window = MainWindow(services, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
                        FakeDialogs(), fill_later=True)
    qtbot.addWidget(window)
    return window


def hold_reads(monkeypatch: pytest.MonkeyPatch, services: Services) -> threading.Event:
    """The start's reads (workbench counts, the list's first page) wait for the event set:
    a database that answers slowly."""
    release = threading.Event()
    for owner, name in ((services.case_detail, "active_by_stage"), (services.cases, "list_cases")):
        real = getattr(owner, name)

        def held(*args: Any, real: Any = real, **kwargs: Any) -> Any:
            if QThread.currentThread() is not QApplication.instance().thread():
                assert release.wait(20), "the test never released the reads"
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, held)
    return release


def test_the_window_is_shown_before_the_workbench_reads(qtbot: QtBot, sqlite_services: Services,
                                                       tmp_path: Path) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    seen = count_selects(sqlite_services)
    window = later_window(qtbot, sqlite_services, tmp_path)
    window.show()
    assert not any("received_on DESC" in sql for sql in seen), \
        "the latest cases were read before the window was on screen"
    assert window.dashboard.latest.model.rowCount() == 0
    assert window.case_list.model.rowCount() == 0
    assert not window.dashboard.welcome.isVisible()  # no "还没有案件" flash on a full database
    with qtbot.waitSignal(window.pages_filled, timeout=20000):
        tasks = window.fill_pages()
    assert len(tasks) == 2
    assert any("received_on DESC" in sql for sql in seen)
    assert window.dashboard.latest.model.rowCount() == 1
    assert window.dashboard.latest.model.rows()[0].case_no == case_no
    assert window.case_list.model.rowCount() == 1 and window.case_list.model.total == 1
    assert window.fill_pages() == []  # once only


def test_the_window_takes_input_while_its_pages_are_read(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Reads that take their time: the window says 正在载入…, switches pages and takes a search
    meanwhile (run at once, on the GUI thread); then the data arrives and is the services'."""
    first = sqlite_services.cases.create_case(case_input()).case_no
    other = sqlite_services.cases.create_case(case_input(
        city="杭州市", parties=[worker("欧阳娜"), platform()])).case_no
    release = hold_reads(monkeypatch, sqlite_services)
    window = later_window(qtbot, sqlite_services, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    window.fill_pages()
    qtbot.wait(100)
    dashboard = window.dashboard
    assert dashboard.status.isVisible() and dashboard.status.text() == "正在载入…"
    assert dashboard.total.text() == "正在载入…"
    assert {label.text() for label in dashboard.count_labels.values()} == {"…"}
    assert window.case_list.count_label.text() == "正在载入…"
    assert not dashboard.welcome.isVisible()
    # Input is taken: another page, a typed search (its result at once, not the held one).
    qtbot.keyClick(window, "2", Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.cases_page
    release.set()  # the search below reads on the GUI thread; let it through
    window.case_list.search_box.setText("欧阳娜")
    window.case_list.apply_search()
    assert window.case_list.model.total == 1
    assert window.case_list.model.row_at(0).case_no == other
    qtbot.waitUntil(dashboard.status.isHidden, timeout=20000)  # (the page is not shown)
    # The workbench's data is right; the list's first page, read for the old query, was dropped.
    assert {r.case_no for r in dashboard.latest.model.rows()} == {first, other}
    assert dashboard.count_labels["intake"].text() == "2"
    assert "办理中合计：2 件" == dashboard.total.text()
    qtbot.waitUntil(lambda: not any(t.running for t in window.findChildren(BackgroundTask)))
    assert window.case_list.model.total == 1
    assert window.case_list.model.row_at(0).case_no == other
    assert window.case_list.count_label.text() == "共 1 件案件"
    cities = window.case_list.filters["city"]
    assert [cities.itemText(i) for i in range(cities.count())][1:] == \
        list(sqlite_services.case_detail.filter_choices().cities)


@pytest.mark.parametrize("error", [RuntimeError("disk I/O error"),
                                   AppError("数据库正忙，请稍后再试", code="busy")])
def test_a_failed_read_says_so_in_chinese(qtbot: QtBot, sqlite_services: Services, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         error: Exception) -> None:
    sqlite_services.cases.create_case(case_input())
    real, broken = sqlite_services.case_detail.active_by_stage, [True]

    def counts() -> dict[str, int]:
        if broken:
            raise error
        return real()

    monkeypatch.setattr(sqlite_services.case_detail, "active_by_stage", counts)
    window = later_window(qtbot, sqlite_services, tmp_path)
    window.show()
    with qtbot.waitSignal(window.pages_failed, timeout=20000) as failed:
        window.fill_pages()
    text = window.dashboard.status.text()
    assert window.dashboard.status.isVisible() and text.startswith("工作台数据载入失败：")
    assert failed.args[0] in text and "F5" in text
    if isinstance(error, AppError):
        assert error.message in text
    else:
        assert "详情已记入日志" in text
    assert "Traceback" not in text and "disk I/O error" not in text
    # The list read on its own and is there; F5 reads the workbench again.
    assert window.case_list.model.total == 1
    assert {label.text() for label in window.dashboard.count_labels.values()} == {"—"}
    broken.clear()
    window.refresh_action.trigger()
    assert window.dashboard.count_labels["intake"].text() == "1"
    assert not window.dashboard.status.isVisible()


def test_closing_the_window_while_its_pages_load_is_clean(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    sqlite_services.cases.create_case(case_input())
    release = hold_reads(monkeypatch, sqlite_services)
    window = later_window(qtbot, sqlite_services, tmp_path)
    window.show()
    tasks = window.fill_pages()
    filled: list[object] = []
    window.pages_filled.connect(lambda: filled.append(True))
    window.pages_failed.connect(filled.append)
    threading.Timer(0.3, release.set).start()  # the reads end a moment after the close
    start = time.perf_counter()
    window.close()  # waits until the reads have ended: none runs on past the window
    assert release.is_set() and time.perf_counter() - start < 15
    assert not any(task.running for task in tasks)
    assert all(task.abandoned for task in tasks)
    qtbot.wait(100)  # their results, had they been delivered, would have filled the pages
    assert filled == []
    assert window.dashboard.latest.model.rowCount() == 0
    assert window.case_list.model.total == 0
    sqlite_services.close()  # nothing uses the database any more


def test_the_launcher_reports_usable_before_the_pages_are_filled(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The usable line comes after the first paint, while the pages still read; the daily
    backup's hook once their data has arrived; the filled line after it was painted."""
    from app.views import launcher

    sqlite_services.cases.create_case(case_input())
    lines: list[str] = []
    monkeypatch.setattr(launcher, "_report", lambda line, smoke: lines.append(line))
    release = hold_reads(monkeypatch, sqlite_services)
    window = later_window(qtbot, sqlite_services, tmp_path)
    after: list[int] = []
    launcher.start_then_fill(QApplication.instance(), window, smoke=False,
                             then=lambda: after.append(len(lines)))
    window.show()
    qtbot.waitUntil(lambda: any(line.startswith(launcher.USABLE_LINE) for line in lines),
                    timeout=20000)
    assert window.dashboard.status.text() == "正在载入…"
    assert not any(line.startswith(launcher.FILLED_LINE) for line in lines) and after == []
    release.set()
    qtbot.waitUntil(lambda: len(lines) == 2, timeout=20000)
    assert [line.split(" after ")[0] for line in lines] == [
        launcher.USABLE_LINE.removesuffix(" after"), launcher.FILLED_LINE.removesuffix(" after")]
    usable, filled = (float(line.split(" after ")[1].removesuffix(" s")) for line in lines)
    assert usable <= filled
    assert after == [1] and window.dashboard.latest.model.rowCount() == 1
    qtbot.wait(50)
    assert after == [1]


def test_a_window_not_painted_is_filled_all_the_same(qtbot: QtBot, sqlite_services: Services,
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Shown minimised (no paint): its pages are read after a while and the daily backup's
    hook still runs; no line claims the window was usable."""
    from app.views import launcher

    sqlite_services.cases.create_case(case_input())
    lines: list[str] = []
    monkeypatch.setattr(launcher, "_report", lambda line, smoke: lines.append(line))
    monkeypatch.setattr(launcher, "UNPAINTED_MS", 200)
    window = later_window(qtbot, sqlite_services, tmp_path)
    after: list[bool] = []
    launcher.start_then_fill(QApplication.instance(), window, then=lambda: after.append(True))
    qtbot.waitUntil(lambda: after == [True], timeout=20000)
    assert window.dashboard.latest.model.rowCount() == 1
    assert lines == []


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
