"""The case list in the real window scrolls to its end, and through every row, holding a
bounded number of pages: the rows in view are fetched, never the whole list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.cases.dto import CaseQuery
from app.views.main_window import MainWindow
from app.views.widgets import case_table_model
from app.views.widgets.case_table_model import CASE_NO_ROLE


def test_scrolling_to_the_end_fetches_only_the_pages_shown(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Pages of 20 over 450 cases: 23 pages, more than the model keeps (MAX_PAGES = 5 here).
    monkeypatch.setattr(case_table_model, "PAGE_SIZE", 20)
    monkeypatch.setattr(case_table_model, "MAX_PAGES", 5)
    sqlite_services.demo.generate(450, seed=3)
    asked: list[CaseQuery] = []
    real = sqlite_services.cases.list_cases

    def counting(query: CaseQuery):  # type: ignore[no-untyped-def]
        asked.append(query)
        return real(query)

    monkeypatch.setattr(sqlite_services.cases, "list_cases", counting)
    window = MainWindow(sqlite_services, QSettings(str(tmp_path / "w.ini"),
                                                   QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    page = window.case_list
    window.stack.setCurrentWidget(window.cases_page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 450, timeout=5000)
    QApplication.processEvents()
    first = len(asked)
    page.table.scrollToBottom()
    QApplication.processEvents()
    last_shown = page.table.rowAt(page.table.viewport().height() - 2)
    assert last_shown == 449  # the last row is on screen, filled
    assert page.table.model().data(page.model.index(449, 0), CASE_NO_ROLE)
    offsets = sorted({q.offset for q in asked[first:]})
    assert offsets and offsets[-1] == 440 and len(offsets) <= 2  # the last page (or two)
    assert page.model.pages_held <= 5
    # Through every row, a screen at a time: each page is fetched once, at most 5 are held.
    bar = page.table.verticalScrollBar()
    bar.setValue(0)
    QApplication.processEvents()
    asked.clear()
    while bar.value() < bar.maximum():
        bar.setValue(bar.value() + bar.pageStep())
        QApplication.processEvents()
        assert page.model.pages_held <= 5
    fetched = [q.offset for q in asked]
    assert len(fetched) == len(set(fetched)) and len(fetched) <= 23
    assert all(q.limit == 20 for q in asked)
    window.close()
