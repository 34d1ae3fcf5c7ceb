"""A closed window does no more work: a party search still waiting in the new-case wizard
never runs once the wizard or the main window has closed (the database may be gone by then,
as after 退出登录 or in the next test), and a background task's result does not reach it."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.cases.parties import PartySuggestion
from app.views.dialogs.party_form import SEARCH_DELAY_MS
from app.views.main_window import MainWindow
from app.views.pages.case_list_page import SEARCH_DELAY_MS as LIST_SEARCH_DELAY_MS
from app.views.widgets.background import run_in_background
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text

SearchCalls = list[str]


def counted_search(services: Services) -> SearchCalls:
    """Record each party search the wizard runs (it then searches the real database)."""
    calls: SearchCalls = []
    real: Callable[[str], list[PartySuggestion]] = services.parties.search

    def search(text: str) -> list[PartySuggestion]:
        calls.append(text)
        return real(text)

    services.parties.search = search  # type: ignore[method-assign]
    return calls


def test_the_search_runs_while_the_wizard_is_open(qtbot: QtBot, window: MainWindow,
                                                  sqlite_services: Services) -> None:
    calls = counted_search(sqlite_services)
    wizard = window.new_case()
    type_text(wizard.parties_page.forms()[0].edits["name"], "王小")
    qtbot.waitUntil(lambda: calls == ["王小"], timeout=2000)  # the check below can fail


def test_a_search_waiting_when_the_wizard_closes_never_runs(
        qtbot: QtBot, window: MainWindow, sqlite_services: Services) -> None:
    calls = counted_search(sqlite_services)
    wizard = window.new_case()
    type_text(wizard.parties_page.forms()[0].edits["name"], "王小")  # a search is due
    wizard.reject()
    shutil.rmtree(sqlite_services.ctx.config.data_dir)
    qtbot.wait(SEARCH_DELAY_MS * 3)  # an error in the event loop fails the test
    assert calls == []


def test_a_search_waiting_when_the_main_window_closes_never_runs(
        qtbot: QtBot, window: MainWindow, sqlite_services: Services) -> None:
    calls = counted_search(sqlite_services)
    wizard = window.new_case()
    type_text(wizard.parties_page.forms()[0].edits["name"], "迅达")
    window.close()  # 退出登录 or the window's close button, the wizard still open
    sqlite_services.close()
    shutil.rmtree(sqlite_services.ctx.config.data_dir)
    qtbot.wait(SEARCH_DELAY_MS * 3)
    assert calls == []


def test_signing_out_stops_the_case_list_search_and_the_wizard(
        qtbot: QtBot, window: MainWindow, sqlite_services: Services,
        fake_dialogs: FakeDialogs) -> None:
    calls = counted_search(sqlite_services)
    wizard = window.new_case()
    type_text(wizard.parties_page.forms()[0].edits["name"], "王")
    type_text(window.case_list.search_box, "王")  # the case list's own search is due too
    with qtbot.waitSignal(window.signed_out):
        assert window.sign_out()  # 退出登录, confirmed
    assert not window.isVisible()
    sqlite_services.close()
    shutil.rmtree(sqlite_services.ctx.config.data_dir)
    qtbot.wait(max(SEARCH_DELAY_MS, LIST_SEARCH_DELAY_MS) * 3)
    assert calls == [] and fake_dialogs.errors == []  # no search, no failure shown


def test_a_task_finishing_after_its_window_closed_calls_nothing_back(
        qtbot: QtBot, window: MainWindow) -> None:
    release = threading.Event()
    called: list[object] = []

    def op(_progress: object) -> str:
        release.wait(10)
        return "done"

    task = run_in_background(window, op, on_success=called.append, on_failure=called.append,
                             label="…", show_progress=False)
    window.close()
    assert task.abandoned and task.progress.cancelled  # the op is asked to stop
    with qtbot.waitSignal(task.finished, timeout=5000):
        release.set()
    assert called == [] and not task.running


def test_a_task_of_an_open_window_still_calls_back(qtbot: QtBot, window: MainWindow) -> None:
    called: list[object] = []
    task = run_in_background(window, lambda _p: "done", on_success=called.append,
                             on_failure=called.append, label="…", show_progress=False)
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
    assert called == ["done"]
