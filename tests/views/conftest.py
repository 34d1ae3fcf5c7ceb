"""A fresh main window over a fresh SQLite database per test, with fake dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.main_window import MainWindow
from tests.views.fakes import FakeDialogs


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
