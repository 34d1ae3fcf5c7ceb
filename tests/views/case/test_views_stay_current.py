"""Views never go stale: after a step in the 办理 tab, the case's header, its 期限 tab, the case
list and the workbench show the new state without a restart (one change, every view)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.case.deadlines_tab import DeadlinesTab
from tests.factories import case_input
from tests.views.desk import desk_window
from tests.views.fakes import FakeDialogs


def test_a_step_refreshes_the_case_its_deadlines_the_list_and_the_workbench(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    s = sqlite_services
    case_no = s.cases.create_case(case_input(category="1")).case_no  # received 2026-11-02
    dialogs = FakeDialogs()
    window = desk_window(qtbot, s, tmp_path, dialogs)
    view = window.open_case(case_no)
    deadlines = view.tab("期限")
    assert isinstance(deadlines, DeadlinesTab)
    # A tab, not a dialog: no stray 关闭 button.
    assert "关闭" not in [b.text() for b in deadlines.findChildren(type(view.edit_button))]
    before = [deadlines.model.index(r, 2).data() for r in range(deadlines.model.rowCount())]
    mediation_before = window.dashboard.count_labels["mediation"].text()
    actions = view.tab("办理")
    actions.when.setDate(QDate(2026, 11, 3))
    qtbot.mouseClick(actions.buttons["mediation.accept"], Qt.MouseButton.LeftButton)
    after = [deadlines.model.index(r, 2).data() for r in range(deadlines.model.rowCount())]
    assert after != before and "已受理调解" in deadlines.header.text()
    assert "已受理调解" in view.header.text()
    assert window.dashboard.count_labels["mediation"].text() == str(int(mediation_before) + 1)
    window.cases_page.setCurrentIndex(0)
    listing = window.case_list
    rows = [listing.table.model().index(r, c).data()
            for r in range(listing.table.model().rowCount())
            for c in range(listing.table.model().columnCount())]
    assert "调解" in rows  # the list shows the new stage of the case
