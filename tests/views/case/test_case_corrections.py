"""Corrections through the case view: the case's fields, a party, an agreement term performed;
a stale save (another clerk saved first) is refused with what they changed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.cases.records import AgreementInput, TermInput
from app.views.case.case_view import CaseView
from app.views.case.dialogs.case_edit_dialogs import (
    CaseEditDialog,
    ClassificationDialog,
    PartyEditDialog,
    TermPerformedDialog,
)
from tests.factories import WORKER_ID, case_input
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text


@pytest.fixture
def view(qtbot: QtBot, sqlite_services: Services, fake_dialogs: FakeDialogs) -> CaseView:
    s = sqlite_services
    s.roster.add_mediator("周明", organisation_id=s.organisations.default_id())
    case_no = s.cases.create_case(case_input()).case_no
    widget = CaseView(case_no, s.case_detail, s.case_history, s.records, fake_dialogs,
                      today=s.ctx.today, editor=s.case_edit, mediators=s.roster.mediators)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_edit_case_fields_and_mediator(qtbot: QtBot, view: CaseView,
                                       sqlite_services: Services) -> None:
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    dialog = view.open_dialog
    assert isinstance(dialog, CaseEditDialog) and dialog.edits["city"].text() == "绍兴市"
    dialog.edits["district"].clear()
    type_text(dialog.edits["district"], "越城区")
    dialog.mediator.setCurrentIndex(dialog.mediator.findText("周明"))
    assert dialog.changes() == {"district": "越城区", "mediator_id": dialog.mediator.currentData()}
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert view.overview.values["调解员"].text() == "周明"
    assert view.overview.values["地区"].text() == "浙江省绍兴市越城区"
    lines = [view.timeline.audit.item(i).text() for i in range(view.timeline.audit.count())]
    assert any("越城区" in line for line in lines)


def test_stale_case_edit_is_refused_and_nothing_saved(
        qtbot: QtBot, view: CaseView, sqlite_services: Services, fake_dialogs: FakeDialogs) -> None:
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    dialog = view.open_dialog
    assert isinstance(dialog, CaseEditDialog)
    # Another clerk saves the case while this dialog is open.
    sqlite_services.case_edit.update_case(view.case_no, {"occupation": "快递员"},
                                          view.detail.version)  # type: ignore[union-attr]
    type_text(dialog.edits["platform"], "（新）")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "已被他人修改" in fake_dialogs.errors[-1] and "快递员" in fake_dialogs.errors[-1]
    assert sqlite_services.case_detail.detail(view.case_no).platform == "迅达即配科技有限公司"


def test_edit_party_with_inline_error_then_saved(qtbot: QtBot, view: CaseView,
                                                 sqlite_services: Services,
                                                 fake_dialogs: FakeDialogs) -> None:
    view.tabs.setCurrentWidget(view.parties)
    view.parties.buttons.itemAt(0).widget().click()  # nothing selected yet
    assert "请先在列表中选择一位当事人" in fake_dialogs.infos[-1]
    view.parties.table.selectRow(0)
    view.parties.buttons.itemAt(0).widget().click()
    dialog = view.open_dialog
    assert isinstance(dialog, PartyEditDialog)
    form = dialog.party_form
    assert form.edits["name"].text() == "张三" and form.edits["phone"].text() == "13800138000"
    form.edits["id_number"].clear()
    type_text(form.edits["id_number"], "330602199003071231")  # wrong check digit
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and form.messages["id_number"].text()
    assert sqlite_services.case_detail.detail(view.case_no).parties[0].id_number == WORKER_ID
    form.edits["id_number"].clear()
    type_text(form.edits["id_number"], WORKER_ID)
    form.edits["phone"].clear()
    type_text(form.edits["phone"], "13900139000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert view.parties.model.data(view.parties.model.index(0, 5)) == "13900139000"


def test_record_a_term_performed(qtbot: QtBot, view: CaseView, sqlite_services: Services) -> None:
    sqlite_services.records.add_agreement(view.case_no, AgreementInput(
        date(2026, 11, 10), [TermInput("迅达即配科技有限公司", "张三", "8000", date(2026, 11, 30))]))
    view.refresh()
    view.agreements.table.selectRow(0)
    view.agreements.buttons.itemAt(1).widget().click()
    dialog = view.open_dialog
    assert isinstance(dialog, TermPerformedDialog)
    dialog.performed_on.setDate(QDate(2026, 11, 5))  # before the agreement was signed
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "不能早于协议签订日期" in dialog.messages["performed_on"].text()
    dialog.performed_on.setDate(QDate(2026, 11, 20))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert view.agreements.model.data(view.agreements.model.index(0, 7)) == "是（2026-11-20）"
    assert "已全部履行" in view.agreements.note.text()


def test_classification_redecided_with_its_answers(qtbot: QtBot, view: CaseView,
                                                   sqlite_services: Services) -> None:
    qtbot.mouseClick(view.classify_button, Qt.MouseButton.LeftButton)
    dialog = view.open_dialog
    assert isinstance(dialog, ClassificationDialog)
    for key in ("capacity", "managed", "integral"):
        dialog.page.answer(key, True)
    dialog.page.answer("sets_price", False)
    assert dialog.page.chosen()[0] == "1"  # the suggestion, until the clerk chooses otherwise
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert sqlite_services.cases.get(view.case_no).category == "1"
    assert "①" in view.overview.values["用工关系类别"].text()
    stored = sqlite_services.case_edit.classification_answers(view.case_no)
    assert stored["managed"] is True and stored["time_control"] is None
    # Opened again, the dialog shows the answers kept with the case.
    qtbot.mouseClick(view.classify_button, Qt.MouseButton.LeftButton)
    again = view.open_dialog
    assert isinstance(again, ClassificationDialog) and again is not dialog
    assert again.page.answers() == stored and again.page.chosen()[0] == "1"
