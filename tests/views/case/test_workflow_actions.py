"""The 办理 tab: allowed steps act through the workflow; refused ones are disabled with the reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
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



def test_the_steps_that_fit_lead_and_the_rest_wait_by_track(qtbot: QtBot,
                                                            sqlite_services: Services) -> None:
    case_no = sqlite_services.cases.create_case(case_input(category="1")).case_no
    widget = WorkflowActionsWidget(sqlite_services.workflow, case_no, date(2026, 11, 23),
                                   FakeDialogs())
    qtbot.addWidget(widget)
    widget.when.setDate(QDate(2026, 11, 3))
    # Before the mediation only its own steps lead; arbitration waits under 其他事项 → 仲裁.
    assert widget.lead_events == ["classify", "mediation.accept"]
    assert widget.track_boxes["仲裁"].isAncestorOf(widget.buttons["arbitration.apply"])
    assert widget.track_boxes["诉讼"].isAncestorOf(widget.buttons["court.sue_direct"])
    assert widget.buttons["mediation.accept"].minimumHeight() >= 52
    qtbot.mouseClick(widget.buttons["mediation.accept"], Qt.MouseButton.LeftButton)
    assert widget.lead_events == ["mediation.session", "agreement.sign", "mediation.fail"]
    assert widget.track_boxes["调解"].isAncestorOf(widget.buttons["case.close"])
    assert set(widget.track_boxes) <= {"调解", "仲裁", "诉讼", "法律援助", "监察"}
    assert "法律援助" in widget.track_boxes and "监察" in widget.track_boxes
    widget.when.setDate(QDate(2026, 11, 10))
    assert widget.advance("agreement.sign")
    # After the agreement: performance, breach and the two ways to make it enforceable.
    assert widget.lead_events == ["agreement.perform", "agreement.breach",
                                  "confirmation.apply", "review.apply"]
    assert widget.advance("agreement.perform")
    assert widget.lead_events == [] and not widget.track_boxes
    assert widget.steps is not None and "已办结" in "".join(
        label.text() for label in widget.steps.findChildren(QLabel))


def test_a_final_step_asks_first_and_says_what_follows(qtbot: QtBot,
                                                       sqlite_services: Services) -> None:
    case_no = sqlite_services.cases.create_case(case_input(category="1")).case_no
    sqlite_services.workflow.advance(case_no, "mediation.accept", date(2026, 11, 3))
    dialogs = FakeDialogs(confirm=False)
    changed: list[bool] = []
    widget = WorkflowActionsWidget(sqlite_services.workflow, case_no, date(2026, 11, 23),
                                   dialogs, on_changed=lambda: changed.append(True))
    qtbot.addWidget(widget)
    close = widget.buttons["case.close"]
    assert close.text() == "结案归档…" and "办理前会先确认" in close.toolTip()
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert "2026年11月23日" in dialogs.questions[-1] and "结案归档" in dialogs.questions[-1]
    assert "不再作为在办案件办理" in dialogs.questions[-1]
    assert "撤销上一步" in dialogs.questions[-1]
    assert sqlite_services.workflow.state_of(case_no)[0] == "mediation.accepted"  # declined
    assert not changed and not dialogs.infos
    assert "不予受理" not in "".join(dialogs.questions)
    dialogs.answer = True
    qtbot.mouseClick(widget.buttons["case.withdraw"], Qt.MouseButton.LeftButton)
    assert "调解程序终止" in dialogs.questions[-1]
    assert sqlite_services.workflow.state_of(case_no)[0] == "closed.withdrawn"
    assert changed == [True]


def test_refusing_mediation_asks_and_names_arbitration(qtbot: QtBot,
                                                       sqlite_services: Services) -> None:
    case_no = sqlite_services.cases.create_case(case_input(category="1")).case_no
    dialogs = FakeDialogs(confirm=False)
    widget = WorkflowActionsWidget(sqlite_services.workflow, case_no, date(2026, 11, 23),
                                   dialogs)
    qtbot.addWidget(widget)
    assert not widget.advance("mediation.refuse")
    assert "仲裁" in dialogs.questions[-1] and "第五条" in dialogs.questions[-1]
    assert sqlite_services.workflow.state_of(case_no)[0] == "intake.received"
