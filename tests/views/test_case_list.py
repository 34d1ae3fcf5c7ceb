"""The case list: the item model without widgets, then the real window driven by qtbot."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.dto import CaseQuery
from app.views.case_table_model import CASE_NO_ROLE, PAGE_SIZE, CaseTableModel
from app.views.main_window import MainWindow
from tests.views.typing import type_text


class CountingFetch:
    """Wraps the service to count how many pages the model asks for."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.calls: list[CaseQuery] = []

    def __call__(self, query: CaseQuery):  # type: ignore[no-untyped-def]
        self.calls.append(query)
        return self.services.cases.list_cases(query)


def test_model_loads_pages_on_demand(sqlite_services: Services) -> None:
    sqlite_services.demo.generate(450, seed=3)
    fetch = CountingFetch(sqlite_services)
    model = CaseTableModel(fetch)
    model.set_query(CaseQuery())
    assert model.rowCount() == 450
    assert len(fetch.calls) == 1 and fetch.calls[0].limit == PAGE_SIZE
    last = model.index(449, 0)
    assert model.data(last, CASE_NO_ROLE)  # the third page is fetched only now
    assert [q.offset for q in fetch.calls] == [0, 400]
    assert model.headerData(7, Qt.Orientation.Horizontal) == "阶段"


def test_model_shows_chinese_labels_and_sorts(sqlite_services: Services) -> None:
    sqlite_services.demo.generate(20, seed=4)
    model = CaseTableModel(sqlite_services.cases.list_cases)
    model.set_query(CaseQuery())
    stages = {model.data(model.index(r, 7)) for r in range(model.rowCount())}
    assert stages <= {"收案", "协商", "调解", "协议履行", "仲裁审查", "司法确认", "支付令", "仲裁",
                      "诉讼", "执行", "结案"}
    model.sort(0, Qt.SortOrder.AscendingOrder)
    numbers = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert numbers == sorted(numbers)


def test_window_searches_as_you_type(qtbot: QtBot, sqlite_services: Services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sqlite_services.demo.generate(60, seed=5)
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(sqlite_services.cases, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 60
    name = window.model.row_at(0).applicants.split("、")[0]  # type: ignore[union-attr]
    type_text(window.search_box, name)
    assert window.search_box.text() == name
    qtbot.waitUntil(lambda: window.model.rowCount() < 60, timeout=3000)
    rows = [window.model.row_at(r) for r in range(window.model.rowCount())]
    assert rows and all(name in (r.applicants + r.respondents + r.summary) for r in rows if r)
    assert f"共 {window.model.rowCount()} 件案件" == window.count_label.text()
    window.close()
    assert settings.value("main_window/geometry") is not None


def test_double_click_shows_the_case_deadlines(qtbot: QtBot, sqlite_services: Services) -> None:
    from datetime import date

    from tests.factories import case_input

    case_no = sqlite_services.cases.create_case(case_input(received_on=date(2026, 11, 2))).case_no
    window = MainWindow(sqlite_services.cases, None, sqlite_services.workflow)
    qtbot.addWidget(window)
    dialog = window.open_deadlines(window.model.index(0, 0))
    assert dialog is not None and case_no in dialog.windowTitle()
    model = dialog.model
    rows = {model.data(model.index(r, 2)): r for r in range(model.rowCount())}
    row = rows["调解委员会决定是否受理"]
    assert model.data(model.index(row, 0)) == "2026-11-05"
    assert model.data(model.index(row, 1)) == "已逾期"
    assert "第二十二条" in model.data(model.index(row, 3))
    dialog.close()
