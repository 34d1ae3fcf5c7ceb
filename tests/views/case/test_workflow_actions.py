"""The 办理 tab: allowed steps act through the workflow; refused ones are disabled with the reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.case.workflow_actions import WorkflowActionsWidget
from tests.factories import case_input
from tests.views.fakes import FakeDialogs


def test_advance_by_clicking_and_see_refusals(qtbot: QtBot, sqlite_services: Services) -> None:
    case_no = sqlite_services.cases.create_case(case_input(category="1")).case_no
    dialogs = FakeDialogs()
    changed: list[bool] = []
    widget = WorkflowActionsWidget(sqlite_services.workflow, case_no, date(2026, 11, 23),
                                   dialogs, on_changed=lambda: changed.append(True))
    qtbot.addWidget(widget)
    direct = widget.buttons["court.sue_direct"]
    assert not direct.isEnabled() and "须先经劳动仲裁" in direct.toolTip()
    widget.when.setDate(QDate(2026, 11, 3))
    qtbot.mouseClick(widget.buttons["mediation.accept"], Qt.MouseButton.LeftButton)
    assert sqlite_services.workflow.state_of(case_no)[0] == "mediation.accepted"
    assert changed == [True] and "已受理调解" in widget.state_label.text()
    assert "agreement.sign" in widget.buttons and widget.buttons["agreement.sign"].isEnabled()
    widget.when.setDate(QDate(2026, 10, 1))  # before the application: refused, nothing written
    assert not widget.advance("agreement.sign")
    assert dialogs.errors and "不能早于" in dialogs.errors[-1]
    assert sqlite_services.workflow.state_of(case_no)[0] == "mediation.accepted"


def test_notes_are_shown_where_the_step_is_recorded(qtbot: QtBot,
                                                    sqlite_services: Services) -> None:
    case_no = sqlite_services.cases.create_case(case_input(category="3")).case_no
    dialogs = FakeDialogs()
    widget = WorkflowActionsWidget(sqlite_services.workflow, case_no, date(2026, 11, 23),
                                   dialogs)
    qtbot.addWidget(widget)
    widget.when.setDate(QDate(2026, 11, 3))
    assert widget.advance("mediation.accept")
    assert "注意：" in dialogs.infos[-1] and "第十条" in dialogs.infos[-1]


def test_buttons_follow_the_chosen_date(qtbot: QtBot, sqlite_services: Services) -> None:
    case_no = sqlite_services.cases.create_case(case_input(category="1")).case_no  # 11-02
    sqlite_services.workflow.advance(case_no, "mediation.accept", date(2026, 11, 3))
    widget = WorkflowActionsWidget(sqlite_services.workflow, case_no, date(2026, 11, 23),
                                   FakeDialogs())
    qtbot.addWidget(widget)
    assert widget.buttons["arbitration.apply_after_15_days"].isEnabled()  # day 21
    widget.when.setDate(QDate(2026, 11, 17))  # day 15: not yet
    button = widget.buttons["arbitration.apply_after_15_days"]
    assert not button.isEnabled() and "现为第15日" in button.toolTip()
