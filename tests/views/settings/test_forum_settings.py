"""设置 → 受理机关: the seeded registry with unverified rows in red, a short name refused in
Chinese with nothing saved, a forum added, corrected and deleted after a question."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.admin.forums import ForumService, shipped
from app.views.main_window import MainWindow
from app.views.settings.settings_tabs import SettingsTabs
from app.views.widgets.figure_table import UNVERIFIED
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text


def _row(page: object, name: str) -> int:
    table = page.table  # type: ignore[attr-defined]
    return next(r for r in range(table.rowCount()) if table.item(r, 1).text() == name)


def test_add_correct_and_delete_a_forum(window: MainWindow, qtbot: QtBot,
                                        sqlite_services: Services,
                                        fake_dialogs: FakeDialogs) -> None:
    tabs = window.show_named("设置")
    assert isinstance(tabs, SettingsTabs)
    page = tabs.forums
    tabs.setCurrentWidget(page)
    assert tabs.tabText(tabs.currentIndex()) == "受理机关"
    assert page.table.rowCount() == len(shipped())
    court = _row(page, "绍兴市越城区人民法院")
    assert page.table.item(court, 6).text() == "未核实"
    assert page.table.item(court, 1).foreground().color() == UNVERIFIED
    # a short name is refused, and says what to write instead
    page.kind.setCurrentIndex(page.kind.findData("legal_aid"))
    for name, text in (("name", "越城法援"), ("city", "绍兴市")):
        type_text(page.edits[name], text)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.problem.isVisible() and "全称" in page.problem.text()
    assert len(ForumService(sqlite_services.ctx).entries()) == len(shipped())
    page.edits["name"].clear()
    for name, text in (("name", "绍兴市越城区法律援助中心"), ("district", "越城区"),
                       ("address", "绍兴市越城区某路1号")):
        type_text(page.edits[name], text)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    added = _row(page, "绍兴市越城区法律援助中心")
    assert page.table.item(added, 4).text() == "绍兴市越城区某路1号"
    # select it, verify it, save: the row turns black
    page.table.selectRow(added)
    assert page.edits["name"].text() == "绍兴市越城区法律援助中心"
    page.verified.setChecked(True)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    added = _row(page, "绍兴市越城区法律援助中心")
    assert page.table.item(added, 6).text() == "已核实"
    assert page.table.item(added, 1).foreground().color() != UNVERIFIED
    # deleting asks first: "no" keeps it, "yes" removes it
    page.table.selectRow(added)
    fake_dialogs.answer = False
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == len(shipped()) + 1
    page.table.selectRow(_row(page, "绍兴市越城区法律援助中心"))
    fake_dialogs.answer = True
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == len(shipped())
    assert "绍兴市越城区法律援助中心" not in {e.name for e in
                                          ForumService(sqlite_services.ctx).registry()}
