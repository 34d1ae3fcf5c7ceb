"""The case list: the item model without widgets, then the real page driven by qtbot."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.cases.dto import CaseQuery
from app.views.case.case_view import CaseView
from app.views.main_window import MainWindow
from app.views.widgets.case_table_model import CASE_NO_ROLE, PAGE_SIZE, CaseTableModel
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


def test_searches_as_you_type(qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    sqlite_services.demo.generate(60, seed=5)
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(sqlite_services, settings)
    qtbot.addWidget(window)
    window.show()
    page = window.case_list
    assert page.model.rowCount() == 60
    name = page.model.row_at(0).applicants.split("、")[0]  # type: ignore[union-attr]
    window.find_action.trigger()
    assert window.stack.currentWidget() is window.cases_page
    type_text(page.search_box, name)
    assert page.search_box.text() == name
    qtbot.waitUntil(lambda: page.model.rowCount() < 60, timeout=3000)
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert rows and all(name in (r.applicants + r.respondents + r.summary) for r in rows if r)
    assert f"共 {page.model.rowCount()} 件案件" == page.count_label.text()
    window.close()
    assert settings.value("main_window/geometry") is not None


def test_filters_narrow_the_list(window: MainWindow, sqlite_services: Services) -> None:
    sqlite_services.demo.generate(80, seed=6)
    window.refresh_all()
    page = window.case_list
    city = sqlite_services.case_detail.filter_choices().cities[0]
    assert page.filters["city"].findData(city) == -1  # choices were read at start-up (empty DB)
    page.filters["stage"].setCurrentIndex(page.filters["stage"].findData("mediation"))
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert rows and all(r is not None and r.stage == "mediation" for r in rows)
    page.set_filter("stage", None)
    page.set_filter("collective", True)
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert all(r is not None and r.collective for r in rows)
    page.set_filter("collective", None)
    assert page.model.rowCount() == 80


def test_double_click_opens_the_case(qtbot: QtBot, window: MainWindow,
                                     sqlite_services: Services) -> None:
    from tests.factories import case_input

    case_no = sqlite_services.cases.create_case(case_input()).case_no
    window.refresh_all()
    index = window.case_list.model.index(0, 0)
    window.case_list.table.doubleClicked.emit(index)
    view = window.cases_page.currentWidget()
    assert isinstance(view, CaseView) and view.case_no == case_no
    assert window.cases_page.tabText(1) == case_no
    assert window.open_case(case_no) is view  # opened once, not twice
    window.cases_page.close_tab(1)
    assert window.cases_page.count() == 1
