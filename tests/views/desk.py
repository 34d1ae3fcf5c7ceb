"""The whole desk as the launcher builds it (main window with every case tab), at a laptop's
1366×768, for the journeys and the tests that open a case through the widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.case.case_extensions import case_tabs
from app.views.main_window import MainWindow
from tests.views.fakes import FakeDialogs


def desk_window(qtbot: QtBot, services: Services, tmp_path: Path, dialogs: FakeDialogs,
                documents: Path | None = None, *, laptop: bool = True) -> MainWindow:
    """Shown; window settings and (unless `documents`) generated documents under `tmp_path`."""
    window = MainWindow(services, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
                        dialogs, case_tab_factories=case_tabs(services, documents or tmp_path,
                                                              dialogs))
    qtbot.addWidget(window)
    if laptop:
        window.resize(1366, 768)
    window.show()
    return window
