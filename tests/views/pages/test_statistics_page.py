"""统计 screen: figures computed off the GUI thread, charts, PNG export, click-through to the
cases behind a bar or slice."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from PySide6.QtCharts import QBarSeries, QPieSeries
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.cases.dto import CaseQuery
from app.views.main_window import MainWindow
from app.views.pages.statistics_page import StatisticsPage
from tests.factories import case_input
from tests.views.fakes import FakeDialogs


def _shown(qtbot: QtBot, window: MainWindow) -> StatisticsPage:
    page = window.show_named("统计")
    assert isinstance(page, StatisticsPage)
    qtbot.waitUntil(lambda: page.result is not None and page.run_button.isEnabled(), timeout=10000)
    return page


def test_figures_charts_and_click_through(qtbot: QtBot, window: MainWindow,
                                          sqlite_services: Services) -> None:
    s = sqlite_services
    for day in (date(2026, 3, 2), date(2026, 3, 20), date(2026, 10, 8)):
        s.cases.create_case(case_input(received_on=day))
    s.cases.create_case(case_input(received_on=date(2025, 12, 30)))  # before the period
    page = _shown(qtbot, window)
    assert page.period() == (date(2026, 1, 1), date(2026, 11, 23))
    assert page.result is not None and page.result.received == 3
    assert "收到申请 3 件" in page.summary.text()
    monthly = page.charts["monthly"].chart().series()[0]
    assert isinstance(monthly, QBarSeries)
    bars = monthly.barSets()[0]
    assert [bars.at(i) for i in range(bars.count())] == [0, 0, 2, 0, 0, 0, 0, 0, 0, 1, 0]
    assert isinstance(page.charts["outcome"].chart().series()[0], QPieSeries)
    claims = page.charts["claims"].chart().series()[0]
    assert isinstance(claims, QPieSeries) and claims.count() == 2
    assert {p.label() for p in claims.slices()} == {"劳动报酬 3", "返还押金、保证金 3"}
    bars.clicked.emit(2)  # March
    assert window.stack.currentWidget() is window.cases_page
    listed = window.case_list.model
    assert listed.total == 2
    assert {listed.row_at(i).received_on.month for i in range(2)} == {3}  # type: ignore[union-attr]
    assert "2026-03" in window.case_list.condition.text()
    window.case_list.drop_condition()
    assert listed.total == 4
    page.open_claim_type("deposit_refund")
    assert listed.total == 3 and "押金" in window.case_list.condition.text()


def test_export_png_and_bad_period(qtbot: QtBot, window: MainWindow, fake_dialogs: FakeDialogs,
                                   sqlite_services: Services, tmp_path: Path) -> None:
    sqlite_services.cases.create_case(case_input(received_on=date(2026, 5, 5)))
    page = _shown(qtbot, window)
    fake_dialogs.save_to = tmp_path / "每月收案"
    saved = page.export_chart("monthly", "每月收案")
    assert saved == tmp_path / "每月收案.png"
    image = QImage(str(saved))
    assert not image.isNull() and image.width() > 100
    page.date_to.setDate(QDate(2025, 1, 1))
    assert page.refresh() is None
    assert "截止日期不能早于起始日期" in fake_dialogs.errors[-1]


def test_case_query_by_period_and_claim_type(sqlite_services: Services) -> None:
    s = sqlite_services
    days = [date(2026, 1, 31), date(2026, 2, 1), date(2026, 2, 28), date(2026, 3, 1)]
    for day in days:
        s.cases.create_case(case_input(received_on=day))
    feb = s.cases.list_cases(CaseQuery(received_from=date(2026, 2, 1),
                                       received_to=date(2026, 2, 28)))
    assert sorted(r.received_on for r in feb.rows) == days[1:3] and feb.total == 2
    assert s.cases.list_cases(CaseQuery(claim_type="wages")).total == 4
    assert s.cases.list_cases(CaseQuery(claim_type="overtime")).total == 0
    assert Counter(r.received_on.month for r in s.cases.list_cases(
        CaseQuery(received_to=date(2026, 2, 1))).rows) == {1: 1, 2: 1}


def test_ma1_export_for_a_quarter_and_a_month(qtbot: QtBot, window: MainWindow,
                                             fake_dialogs: FakeDialogs, sqlite_services: Services,
                                             tmp_path: Path) -> None:
    import openpyxl
    from pypdf import PdfReader

    from app.views.dialogs.ma1_dialog import Ma1Dialog

    s = sqlite_services
    for received, accepted in ((date(2026, 3, 30), date(2026, 3, 31)),
                               (date(2026, 3, 31), date(2026, 4, 1))):
        no = s.cases.create_case(case_input(received_on=received)).case_no
        s.workflow.advance(no, "mediation.accept", accepted)
    page = _shown(qtbot, window)
    assert page.ma1_button.isVisible()
    qtbot.mouseClick(page.ma1_button, Qt.MouseButton.LeftButton)
    dialog = page.ma1_dialog
    assert isinstance(dialog, Ma1Dialog) and dialog.isVisible()
    assert dialog.scope.currentText() == "第4季度"  # today is 2026-11-23
    dialog.scope.setCurrentText("第1季度")
    fake_dialogs.save_to = tmp_path / "q1"  # no suffix: written as .xlsx
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=10000)
    assert dialog.written == tmp_path / "q1.xlsx"
    ws = openpyxl.load_workbook(dialog.written).active
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "合计")
    assert total[1:3] == (0, 1)  # nothing carried over, one accepted on 03-31
    assert total[-1] == 1  # open at the end of Q1
    assert "受理 1 件，结案 0 件，期末未结 1 件" in fake_dialogs.infos[-1]
    dialog.scope.setCurrentText("4月")
    fake_dialogs.save_to = tmp_path / "april.pdf"
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written == tmp_path / "april.pdf", timeout=10000)
    words = PdfReader(str(tmp_path / "april.pdf")).pages[0].extract_text().split()
    assert "2026年4月" in "".join(words)
    at = words.index("合计")
    assert words[at + 1:at + 3] == ["1", "1"]  # carried over from March, accepted 04-01
    fake_dialogs.save_to = tmp_path / "missing" / "deeper" / "x.xlsx"
    (tmp_path / "missing").write_text("a file, not a folder")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(fake_dialogs.errors), timeout=10000)
    assert "无法写入报表文件" in fake_dialogs.errors[-1]
