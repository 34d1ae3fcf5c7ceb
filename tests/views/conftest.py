"""A fresh main window over a fresh SQLite database per test, with fake dialogs."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.main_window import MainWindow
from tests.views.fakes import FakeDialogs


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """As the program does (app/views/widgets/collector.py): no automatic cyclic collection
    while a GUI test runs, since a background task's thread would destroy the Qt objects in a
    cycle (a segmentation fault, seen when a demo ran in the background), and what the test
    left is collected here, on the GUI thread, before the next test's workers start."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        if enabled:
            gc.enable()


@pytest.fixture
def fake_dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services, fake_dialogs: FakeDialogs,
           tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(sqlite_services, settings, fake_dialogs)
    qtbot.addWidget(win)
    win.show()
    yield win
