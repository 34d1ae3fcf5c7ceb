"""A search's count stops at COUNT_CAP: the case list says "N 件以上，请输入更多字缩小范围" and
holds the first N of the matches (tests/services/cases/test_search_cap.py: the command line)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.cases import search
from app.services.cases.dto import CaseQuery
from app.views.main_window import MainWindow
from tests.views.typing import type_text


def test_the_window_says_more_than_the_cap(qtbot: QtBot, sqlite_services: Services,
                                           tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    sqlite_services.demo.generate(40, seed=5)
    monkeypatch.setattr(search, "COUNT_CAP", 7)
    window = MainWindow(sqlite_services, QSettings(str(tmp_path / "w.ini"),
                                                   QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    page = window.case_list
    assert page.count_label.text() == "共 40 件案件"  # no search: the exact count
    type_text(page.search_box, "市")  # every demo city is a 市
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=3000)
    assert page.model.capped
    assert page.count_label.text() == "7 件以上，请输入更多字缩小范围"
    everything = sqlite_services.cases.list_cases(CaseQuery(search="市", limit=100))
    assert len(everything.rows) == 40 and (everything.total, everything.capped) == (7, True)
    shown = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert [r.case_no for r in shown if r] == [r.case_no for r in everything.rows[:7]]
    page.search_box.clear()
    page.apply_search()
    assert page.model.rowCount() == 40 and not page.model.capped
    assert page.count_label.text() == "共 40 件案件"
    window.close()
