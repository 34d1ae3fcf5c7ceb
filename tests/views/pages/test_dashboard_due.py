"""The workbench's deadline note past its list: the totals come from the database, capped
(a count that stopped says 以上), so the start costs the same however many are overdue."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views import main_window
from app.views.main_window import MainWindow
from app.views.pages import dashboard_page
from tests.views.fakes import FakeDialogs


def note_with(qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
              listed: int, cap: int) -> str:
    monkeypatch.setattr(dashboard_page, "DUE_LIMIT", listed)
    monkeypatch.setattr(main_window, "DUE_LIMIT", listed)
    monkeypatch.setattr(main_window, "DUE_COUNT_CAP", cap)
    window = MainWindow(services, QSettings(str(tmp_path / f"w{cap}.ini"),
                                            QSettings.Format.IniFormat), FakeDialogs())
    qtbot.addWidget(window)
    assert window.dashboard.due.model.rowCount() == listed
    return window.dashboard.due.note.text()


def test_the_due_note_counts_past_the_list_and_says_when_it_stopped(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    sqlite_services.demo.generate(150, seed=5)
    total, overdue, *_ = sqlite_services.workflow.due_counts(within_days=7)  # exact
    assert total > overdue > 4
    rest = "仅列出最早的 3 项，其余见“期限日历”"
    # Under the cap: the exact figures.
    assert note_with(qtbot, sqlite_services, tmp_path, monkeypatch, 3, total + 1) == \
        f"共 {total:,} 项（其中已逾期 {overdue:,} 项），{rest}"
    # More due than the cap, the overdue ones under it: the total stopped, the overdue exact.
    assert note_with(qtbot, sqlite_services, tmp_path, monkeypatch, 3, overdue) == \
        f"共 {overdue:,} 项以上（其中已逾期 {overdue:,} 项），{rest}"
    # Both past it: one short line.
    assert note_with(qtbot, sqlite_services, tmp_path, monkeypatch, 3, overdue - 1) == \
        f"已逾期 {overdue - 1:,} 项以上，{rest}"
