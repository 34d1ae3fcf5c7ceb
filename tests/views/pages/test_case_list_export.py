"""CSV of the case list as shown: same filter and order, every page, Excel-readable UTF-8."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.errors import AppError
from app.services.cases.dto import CaseQuery
from app.services.reports.case_csv import HEADERS, write_case_list_csv
from app.views.main_window import MainWindow
from tests.views.fakes import FakeDialogs


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Chinese
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


def test_filtered_list_exported_in_its_order(qtbot: QtBot, window: MainWindow,
                                              sqlite_services: Services,
                                              fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    sqlite_services.demo.generate(60, seed=5)
    page = window.case_list
    page.show_query(CaseQuery(city="淄博市"), "淄博市的案件")
    expected = sqlite_services.cases.list_cases(CaseQuery(city="淄博市", limit=1000))
    assert 0 < expected.total < 60
    fake_dialogs.save_to = tmp_path / "淄博案件"
    task = page.export_csv()
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=10000)
    rows = _read(tmp_path / "淄博案件.csv")
    assert rows[0] == HEADERS
    assert [r[0] for r in rows[1:]] == [c.case_no for c in expected.rows]
    assert {r[4] for r in rows[1:]} == {"淄博市"}
    assert f"已把 {expected.total} 件案件导出" in fake_dialogs.infos[-1]


def test_all_pages_and_bad_names(sqlite_services: Services, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    sqlite_services.demo.generate(45, seed=6)
    monkeypatch.setattr("app.services.reports.case_csv.PAGE", 10)  # several pages, one partial
    count = write_case_list_csv(sqlite_services.cases, CaseQuery(), tmp_path / "all.csv")
    rows = _read(tmp_path / "all.csv")
    assert count == 45 == len(rows) - 1 == len({r[0] for r in rows[1:]})
    with pytest.raises(AppError, match=r"\.csv"):
        write_case_list_csv(sqlite_services.cases, CaseQuery(), tmp_path / "all.xlsx")
