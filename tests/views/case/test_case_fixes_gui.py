"""修改/删除 through the case view: a claim amount corrected (the total follows), a filing
recorded from 办理 with its step and withdrawn with a reason (struck, kept), an agreement a
court received voided; a stale correction is refused in Chinese."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.cases.dto import ClaimInput
from app.views.case.case_view import CaseView
from app.views.case.dialogs.correction_dialogs import ClaimEditDialog, WithdrawDialog
from app.views.case.dialogs.filing_dialog import FilingDialog
from app.views.main_window import MainWindow
from tests.factories import case_input
from tests.services.workflow.test_undo import _agreement
from tests.views.desk import desk_window
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text

CLICK = Qt.MouseButton.LeftButton


@pytest.fixture
def opened(qtbot: QtBot, sqlite_services: Services,
           tmp_path: Path) -> tuple[MainWindow, CaseView, FakeDialogs]:
    s = sqlite_services
    case_no = s.cases.create_case(case_input(category="1")).case_no
    s.workflow.advance(case_no, "mediation.accept", date(2026, 11, 3))
    dialogs = FakeDialogs()
    window = desk_window(qtbot, s, tmp_path, dialogs)
    return window, window.open_case(case_no), dialogs


def _button(tab: object, text: str) -> QPushButton:
    return next(b for b in tab.findChildren(QPushButton) if b.text() == text)  # type: ignore[attr-defined]


def test_claim_amount_corrected_through_the_dialog(
        qtbot: QtBot, opened: tuple[MainWindow, CaseView, FakeDialogs],
        sqlite_services: Services) -> None:
    _window, view, dialogs = opened
    view.tabs.setCurrentWidget(view.claims)
    view.claims.table.selectRow(0)
    qtbot.mouseClick(_button(view.claims, "修改请求…"), CLICK)
    dialog = view.open_dialog
    assert isinstance(dialog, ClaimEditDialog) and dialog.amount.text() == "12345.67"
    dialog.amount.clear()
    type_text(dialog.amount, "-1")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert dialog.isVisible() and "不能为负" in dialog.messages["claim.amount"].text()
    dialog.amount.clear()
    type_text(dialog.amount, "10000")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert not dialog.isVisible()
    assert "10,500.00" in view.claims.note.text()
    # Someone else saves the case while a second correction is open: refused, nothing saved.
    view.claims.table.selectRow(0)
    qtbot.mouseClick(_button(view.claims, "修改请求…"), CLICK)
    dialog = view.open_dialog
    assert isinstance(dialog, ClaimEditDialog)
    sqlite_services.corrections.update_claim(view.case_no, 2, ClaimInput("deposit_refund", "",
                                                                         "400"),
                                             view.detail.version)  # type: ignore[union-attr]
    dialog.amount.clear()
    type_text(dialog.amount, "1")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert dialog.isVisible() and "已被他人修改" in dialogs.errors[-1]
    assert sqlite_services.case_detail.detail(view.case_no).claims[0].amount == 10000


def test_filing_from_banli_then_withdrawn_with_reason(
        qtbot: QtBot, opened: tuple[MainWindow, CaseView, FakeDialogs],
        sqlite_services: Services) -> None:
    _window, view, dialogs = opened
    version = view.detail.version  # type: ignore[union-attr]
    sqlite_services.acts.record_agreement(view.case_no, _agreement(date(2026, 11, 28)),
                                          expected_version=version)
    view.record_changed()
    actions = view.tab("办理")
    actions.when.setDate(QDate(2026, 11, 12))
    qtbot.mouseClick(actions.buttons["confirmation.apply"], CLICK)
    dialog = view.open_dialog
    assert isinstance(dialog, FilingDialog)
    assert dialog.kind.currentData() == "judicial_confirmation"
    assert dialog.with_step.isChecked() and "申请司法确认" in dialog.with_step.text()
    type_text(dialog.forum, "绍兴市越城区人民法院")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert not dialog.isVisible(), dialogs.errors
    assert "已申请司法确认" in view.header.text()
    tab = view.filings["确认/审查"]
    view.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    qtbot.mouseClick(_button(tab, "撤回/删除申请…"), CLICK)
    withdraw = view.open_dialog
    assert isinstance(withdraw, WithdrawDialog)
    qtbot.mouseClick(withdraw.save_button, CLICK)  # no reason yet
    assert withdraw.isVisible() and "原因" in withdraw.messages["reason"].text()
    withdraw.reason.setPlainText("法院告知材料不全，撤回后重新提交")
    qtbot.mouseClick(withdraw.save_button, CLICK)
    assert not withdraw.isVisible(), dialogs.errors
    status = tab.model.index(0, 5).data()
    assert status.startswith("已撤回") and "材料不全" in status
    assert tab.model.data(tab.model.index(0, 0), Qt.ItemDataRole.FontRole).strikeOut()
    assert "已签调解协议" in view.header.text()  # its step, the last one, was undone


def test_agreement_a_court_received_is_voided_in_the_gui(
        qtbot: QtBot, opened: tuple[MainWindow, CaseView, FakeDialogs],
        sqlite_services: Services) -> None:
    _window, view, dialogs = opened
    s = sqlite_services
    from app.services.cases.corrections import FilingInput

    recorded = s.acts.record_agreement(view.case_no, _agreement(date(2026, 11, 28)),
                                       expected_version=view.detail.version)  # type: ignore[union-attr]
    s.acts.record_filing(view.case_no, FilingInput("judicial_confirmation", forum="越城区法院",
                                                   filed_on=date(2026, 11, 12)),
                         expected_version=recorded.version)
    view.record_changed()
    view.tabs.setCurrentWidget(view.agreements)
    view.agreements.table.selectRow(0)
    qtbot.mouseClick(_button(view.agreements, "删除协议…"), CLICK)
    dialog = view.open_dialog
    assert isinstance(dialog, WithdrawDialog)
    dialog.reason.setPlainText("协议金额有误")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert not dialog.isVisible(), dialogs.errors
    assert view.agreements.model.index(0, 7).data() == "已作废（协议金额有误）"
    labels = [view.timeline.events.model.index(r, 1).data()
              for r in range(view.timeline.events.model.rowCount())]
    assert "签订调解协议（已作废：协议金额有误）" in labels
    titles = [view.tab("期限").model.index(r, 2).data()  # type: ignore[attr-defined]
              for r in range(view.tab("期限").model.rowCount())]  # type: ignore[attr-defined]
    assert not any(str(t).startswith("履行期限届满") for t in titles)


def test_an_overdue_term_offers_the_breach_step(
        qtbot: QtBot, opened: tuple[MainWindow, CaseView, FakeDialogs],
        sqlite_services: Services) -> None:
    _window, view, dialogs = opened
    s = sqlite_services
    recorded = s.acts.record_agreement(view.case_no, _agreement(date(2026, 11, 20)),
                                       expected_version=view.detail.version)  # type: ignore[union-attr]
    view.record_changed()
    deadlines = view.tab("期限")
    view.tabs.setCurrentWidget(deadlines)
    assert not deadlines.breach_button.isHidden()  # type: ignore[attr-defined]
    qtbot.mouseClick(deadlines.breach_button, CLICK)  # type: ignore[attr-defined]
    assert "第十五条" in dialogs.questions[-1]
    assert "协议未履行" in view.header.text()
    assert deadlines.breach_button.isHidden()  # type: ignore[attr-defined]
    terms = [d for d in s.workflow.deadlines(view.case_no) if d.rule_id == "agreement.term_due"]
    assert [d.state.value for d in terms] == ["not_applicable"]  # the reminder has ended
    assert s.case_detail.detail(view.case_no).agreements[0].id == recorded.record_id


def test_agent_added_corrected_and_deleted(
        qtbot: QtBot, opened: tuple[MainWindow, CaseView, FakeDialogs],
        sqlite_services: Services) -> None:
    from app.views.case.dialogs.agent_dialog import AgentDialog

    _window, view, dialogs = opened
    view.tabs.setCurrentWidget(view.agents)
    qtbot.mouseClick(_button(view.agents, "添加代理人…"), CLICK)
    dialog = view.open_dialog
    assert isinstance(dialog, AgentDialog)
    type_text(dialog.name, "王律师")
    type_text(dialog.phone, "139")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert dialog.isVisible() and dialog.messages["phone"].text()  # a bad phone, said inline
    dialog.phone.clear()
    type_text(dialog.phone, "13900139000")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert not dialog.isVisible(), dialogs.errors
    assert view.agents.model.index(0, 1).data() == "王律师"
    view.agents.table.selectRow(0)
    qtbot.mouseClick(_button(view.agents, "修改代理人…"), CLICK)
    dialog = view.open_dialog
    assert isinstance(dialog, AgentDialog) and dialog.name.text() == "王律师"
    dialog.authority.setCurrentIndex(dialog.authority.findData("special"))
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert view.agents.model.index(0, 3).data() == "特别授权"
    view.agents.table.selectRow(0)
    qtbot.mouseClick(_button(view.agents, "删除代理人"), CLICK)
    assert "王律师" in dialogs.questions[-1] and view.agents.model.rowCount() == 0
    lines = [line.text for line in sqlite_services.case_history.audit_lines(view.case_no)]
    assert any("代理权限：一般授权 → 特别授权" in t for t in lines)
