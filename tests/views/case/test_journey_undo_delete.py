"""Journey (d), through the widgets only: sessions and an agreement recorded from 办理 (one act,
one entry), 撤销上一步 with a reason, 撤销 of 调解不成 after its 告知书 was generated (the
document voided with it, after listing it), a wrong session deleted after a question (its
step with it); after each act the 期限
tab, the header, the case list and the workbench show the new state, and the audit log reads
in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.case.case_view import CaseView
from app.views.case.deadlines_tab import DeadlinesTab
from app.views.case.dialogs.agreement_dialog import AgreementDialog
from app.views.case.dialogs.correction_dialogs import UndoDialog
from app.views.case.dialogs.session_dialog import SessionDialog
from app.views.dialogs.documents_dialog import KIND_ROLE, DocumentsDialog
from app.views.main_window import MainWindow
from tests.factories import case_input
from tests.views.desk import desk_window
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text

CLICK = Qt.MouseButton.LeftButton


@pytest.fixture
def journey(qtbot: QtBot, sqlite_services: Services,
            tmp_path: Path) -> tuple[MainWindow, CaseView, FakeDialogs]:
    s = sqlite_services
    case_no = s.cases.create_case(case_input(category="1")).case_no  # received 2026-11-02
    dialogs = FakeDialogs()
    window = desk_window(qtbot, s, tmp_path, dialogs)
    return window, window.open_case(case_no), dialogs


def _deadline_titles(view: CaseView) -> list[str]:
    tab = view.tab("期限")
    assert isinstance(tab, DeadlinesTab)
    return [tab.model.index(r, 2).data() or "" for r in range(tab.model.rowCount())]


def _deadline_rows(view: CaseView) -> list[tuple[str, str]]:
    tab = view.tab("期限")
    assert isinstance(tab, DeadlinesTab)
    return [(str(tab.model.index(r, 1).data()), str(tab.model.index(r, 2).data()))
            for r in range(tab.model.rowCount())]


def _listed(window: MainWindow) -> list[str]:
    model = window.case_list.table.model()
    return [str(model.index(r, c).data()) for r in range(model.rowCount())
            for c in range(model.columnCount())]


def _due(window: MainWindow) -> list[str]:
    model = window.dashboard.due.model
    return [str(model.index(r, c).data()) for r in range(model.rowCount())
            for c in range(model.columnCount())]


def _record_session(qtbot: QtBot, view: CaseView, place: str, when: QDate, *,
                    from_actions: bool = False) -> None:
    """记录调解 from 办理 (the dialog opens on the chosen day) or from the 调解 tab: the
    session and its step in one entry either way."""
    if from_actions:
        actions = view.tab("办理")
        actions.when.setDate(when)
        qtbot.mouseClick(actions.buttons["mediation.session"], CLICK)
    else:
        view.tabs.setCurrentWidget(view.sessions)
        qtbot.mouseClick(view.session_button, CLICK)
    dialog = view.open_dialog
    assert isinstance(dialog, SessionDialog) and dialog.with_step.isChecked()
    if not from_actions:
        dialog.held_at.setDate(when)
    assert dialog.held_at.date() == when
    type_text(dialog.place, place)
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert not dialog.isVisible()


def _timeline(view: CaseView) -> list[str]:
    return [view.timeline.events.model.index(r, 1).data()
            for r in range(view.timeline.events.model.rowCount())]


def test_undo_and_delete_a_wrong_session_through_the_widgets(
        qtbot: QtBot, journey: tuple[MainWindow, CaseView, FakeDialogs]) -> None:
    window, view, dialogs = journey
    actions = view.tab("办理")
    actions.when.setDate(QDate(2026, 11, 3))
    qtbot.mouseClick(actions.buttons["mediation.accept"], CLICK)
    assert "已受理调解" in view.header.text()
    mediation = int(window.dashboard.count_labels["mediation"].text())
    _record_session(qtbot, view, "第一调解室", QDate(2026, 11, 5), from_actions=True)
    _record_session(qtbot, view, "录错的调解室", QDate(2026, 11, 6))
    assert view.sessions.model.rowCount() == 2
    assert _timeline(view).count("记录调解") == 2 and "调解中" in view.header.text()

    # 签订调解协议 from 办理 opens the agreement dialog: the act and its step in one entry.
    actions = view.tab("办理")
    actions.when.setDate(QDate(2026, 11, 10))
    qtbot.mouseClick(actions.buttons["agreement.sign"], CLICK)
    dialog = view.open_dialog
    assert isinstance(dialog, AgreementDialog) and dialog.with_step.isChecked()
    dialog.signed_on.setDate(QDate(2026, 11, 10))
    dialog.effective_on.setDate(QDate(2026, 11, 10))
    edits = dialog.term_rows[0][0]
    type_text(edits[2], "6000")
    type_text(edits[3], "2026-11-28")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert not dialog.isVisible(), dialogs.errors
    labels = [view.timeline.events.model.index(r, 1).data()
              for r in range(view.timeline.events.model.rowCount())]
    assert labels.count("签订调解协议") == 1
    assert "已签调解协议" in view.header.text()
    assert any(t.startswith("履行期限届满") for t in _deadline_titles(view))
    assert any("履行期限届满" in text for text in _due(window))  # the workbench reminds
    assert int(window.dashboard.count_labels["mediation"].text()) == mediation - 1
    assert "协议履行" in _listed(window)

    # 撤销上一步, with a reason: the case is back where it was, everywhere.
    actions = view.tab("办理")
    assert actions.undo_button is not None
    qtbot.mouseClick(actions.undo_button, CLICK)
    undo = view.open_dialog
    assert isinstance(undo, UndoDialog)
    told = " ".join(label.text() for label in undo.findChildren(QLabel))
    assert "撤销“签订调解协议”" in told and "回到“调解中”" in told and "1项履行条款" in told
    type_text(undo.reason, "协议尚未签字，误录")
    qtbot.mouseClick(undo.save_button, CLICK)
    assert not undo.isVisible(), dialogs.errors
    assert "调解中" in view.header.text() and "已签调解协议" not in view.header.text()
    assert not any(t.startswith("履行期限届满") for t in _deadline_titles(view))
    assert not any("履行期限届满" in text for text in _due(window))
    assert view.agreements.model.rowCount() == 0
    assert int(window.dashboard.count_labels["mediation"].text()) == mediation
    assert "协议履行" not in _listed(window) and "调解" in _listed(window)

    # 调解不成 and its 告知书; undoing the step voids the document with it, after listing it.
    deadlines = _deadline_rows(view)
    actions = view.tab("办理")
    actions.when.setDate(QDate(2026, 11, 12))
    qtbot.mouseClick(actions.buttons["mediation.fail"], CLICK)
    assert "调解不成" in view.header.text(), dialogs.errors
    assert _deadline_rows(view) != deadlines
    docs = view.tab("文书")
    assert isinstance(docs, DocumentsDialog) and docs.voider is not None
    docs.kinds.setCurrentItem(next(docs.kinds.item(r) for r in range(docs.kinds.count())
                                   if docs.kinds.item(r).data(KIND_ROLE)
                                   == "mediation_failure_notice"))
    for edit in docs.typed.values():
        type_text(edit, "双方对赔偿数额分歧较大")
    qtbot.mouseClick(docs.generate_button, CLICK)
    assert docs.last_pdf is not None, dialogs.errors
    notice = docs.last_pdf.name
    qtbot.mouseClick(view.tab("办理").undo_button, CLICK)
    undo = view.open_dialog
    assert isinstance(undo, UndoDialog)
    told = " ".join(label.text() for label in undo.findChildren(QLabel))
    assert "撤销“调解不成、终止调解”" in told and f"《{notice}》" in told and "已作废" in told
    assert undo.save_button.text() == "撤销并作废所列文书"
    type_text(undo.reason, "当事人同意继续调解")
    qtbot.mouseClick(undo.save_button, CLICK)
    assert not undo.isVisible(), dialogs.errors
    assert "调解中" in view.header.text() and "调解不成" not in view.header.text()
    assert _deadline_rows(view) == deadlines
    assert "调解" in _listed(window)
    voided = docs.voider.list.item(0)
    assert voided.text().startswith("【已作废") and "当事人同意继续调解" in voided.text()
    assert voided.font().strikeOut()

    # The wrong session, deleted after a question that says what goes with it (its step).
    view.tabs.setCurrentWidget(view.sessions)
    wrong = next(r for r in range(2) if view.sessions.model.index(r, 1).data() == "录错的调解室")
    view.sessions.table.selectRow(wrong)
    delete = next(b for b in view.sessions.findChildren(QPushButton) if b.text() == "删除调解记录")
    qtbot.mouseClick(delete, CLICK)
    assert "调解笔录一并删除" in dialogs.questions[-1]
    assert "“记录调解”（2026-11-06）将一并撤销" in dialogs.questions[-1], dialogs.questions[-1]
    assert [view.sessions.model.index(r, 1).data()
            for r in range(view.sessions.model.rowCount())] == ["第一调解室"]
    assert _timeline(view).count("记录调解") == 1 and "调解中" in view.header.text()
    assert "调解" in _listed(window)

    audit = [view.timeline.audit.item(i).text() for i in range(view.timeline.audit.count())]
    assert any("撤销 办理事项 签订调解协议（撤销原因：协议尚未签字，误录）" in t for t in audit)
    assert any("删除 调解记录 2026-11-06" in t for t in audit)
    assert any("办理状态：已签调解协议 → 调解中" in t for t in audit)
    assert any(f"修改 文书 {notice} 的 撤回（作废）原因：（空） → 撤销原因：当事人同意继续调解" in t
               for t in audit)
    # Plain Chinese: no stored codes (agreement.signed, mediation_session, active → closed).
    assert not [t for t in audit if re.search(r"[a-z]+[._][a-z]+", t)]
    assert dialogs.errors == []
