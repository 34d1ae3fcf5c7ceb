"""The new-case wizard driven by typing and clicking: a valid case is saved; a bad ID number is
shown next to its field in Chinese and nothing is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWizard
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.case.case_view import CaseView
from app.views.dialogs.new_case_wizard import NewCaseWizard
from app.views.dialogs.party_form import PartyForm
from app.views.main_window import MainWindow
from app.views.widgets.inline_error import ERROR_COLOUR
from tests.factories import COMPANY_CODE, WORKER_ID, case_input
from tests.views.typing import type_text


def fill(edit: QLineEdit, text: str) -> None:
    """Type, then leave the field (what Tab or a click elsewhere does)."""
    edit.clear()
    type_text(edit, text)
    edit.editingFinished.emit()


def click(qtbot: QtBot, wizard: NewCaseWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def fill_parties(wizard: NewCaseWizard, id_number: str = WORKER_ID) -> PartyForm:
    applicant, respondent = wizard.parties_page.forms()
    fill(applicant.edits["name"], "王小明")
    fill(applicant.edits["id_number"], id_number)
    fill(applicant.edits["phone"], "13800138000")
    fill(applicant.edits["domicile"], "浙江省绍兴市越城区人民路1号")
    fill(respondent.edits["name"], "迅达即配科技有限公司")
    fill(respondent.edits["credit_code"], COMPANY_CODE)
    return applicant


def test_create_a_case_by_typing(qtbot: QtBot, window: MainWindow,
                                 sqlite_services: Services) -> None:
    window.new_action.trigger()
    wizard = window.wizard
    assert wizard is not None and wizard.isVisible()
    applicant = fill_parties(wizard)
    assert applicant.edits["birth_date"].text() == "1990-03-07"  # read from the ID number
    assert applicant.sex.currentText() == "男"
    assert not any(m.isVisible() for m in applicant.messages.values())
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.classification_page
    assert wizard.currentPage() is page
    for key in ("capacity", "managed", "integral"):
        page.answer(key, True)
    assert "①劳动关系" in page.suggestion.text() and "三项要素" in page.suggestion.text()
    assert page.category.currentText() == "①劳动关系"
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    row = wizard.claims_page.rows()[0]
    row.claim_type.setCurrentIndex(row.claim_type.findData("wages"))
    fill(row.description, "支付拖欠的劳动报酬")
    fill(row.amount, "12,345.67")
    assert "12,345.67" in wizard.claims_page.total.text()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill(wizard.intake_page.summary, "骑手王小明劳动报酬纠纷")
    fill(wizard.intake_page.city, "绍兴市")
    before = sqlite_services.cases.count()
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert sqlite_services.cases.count() == before + 1
    assert wizard.created is not None and not wizard.isVisible()
    view = window.cases_page.currentWidget()
    assert isinstance(view, CaseView) and view.case_no == wizard.created.case_no
    detail = view.detail
    assert detail is not None and detail.category == "1" and detail.city == "绍兴市"
    assert [p.name for p in detail.parties] == ["王小明", "迅达即配科技有限公司"]
    assert str(detail.claim_total) == "12345.67"
    # The answers behind the category are kept with the case.
    kept = sqlite_services.case_edit.classification_answers(view.case_no)
    assert kept["capacity"] is True and kept["integral"] is True and kept["rules"] is None


def test_bad_id_number_is_shown_next_to_the_field(qtbot: QtBot, window: MainWindow,
                                                 sqlite_services: Services) -> None:
    before = sqlite_services.cases.count()
    wizard = window.new_case()
    applicant = fill_parties(wizard, id_number=WORKER_ID[:-1] + ("0" if WORKER_ID[-1] != "0"
                                                                 else "1"))
    message = applicant.messages["id_number"]
    assert message.isVisible() and "校验位" in message.text()
    assert ERROR_COLOUR in message.styleSheet()
    assert not applicant.messages["name"].isVisible()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.parties_page  # refused to go on
    wizard.accept()  # even Finish directly: validated again, nothing saved
    assert sqlite_services.cases.count() == before
    assert wizard.isVisible() and wizard.created is None
    fill(applicant.edits["id_number"], WORKER_ID)
    assert not message.isVisible()


def test_missing_name_and_bad_amount_block_finish(qtbot: QtBot, window: MainWindow,
                                                 sqlite_services: Services) -> None:
    wizard = window.new_case()
    fill_parties(wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    row = wizard.claims_page.rows()[0]
    fill(row.amount, "-5")
    assert "负数" in row.message.text()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.claims_page
    fill(row.amount, "5")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.parties_page.forms()[0].edits["name"].clear()
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.currentPage() is wizard.parties_page  # sent back to the field
    assert "请填写当事人姓名或名称" in wizard.parties_page.forms()[0].messages["name"].text()
    assert sqlite_services.cases.count() == 0


def test_choosing_an_existing_party_copies_its_fields(qtbot: QtBot, window: MainWindow,
                                                      sqlite_services: Services) -> None:
    sqlite_services.cases.create_case(case_input())
    wizard = window.new_case()
    form = wizard.parties_page.forms()[0]
    type_text(form.edits["name"], "张")
    qtbot.waitUntil(lambda: form.completer_model.rowCount() == 1, timeout=2000)
    caption = form.completer_model.stringList()[0]
    assert caption.startswith("张三（")
    form.completer.activated.emit(caption)
    qtbot.waitUntil(lambda: form.edits["phone"].text() == "13800138000", timeout=2000)
    assert form.edits["name"].text() == "张三" and form.edits["id_number"].text() == WORKER_ID
    assert form.edits["ethnicity"].text() == "汉族"


def test_more_parties_and_organisation_fields(window: MainWindow) -> None:
    wizard = window.new_case()
    page = wizard.parties_page
    page.add_respondent_button.click()
    page.add_applicant_button.click()
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "申请人1", "申请人2", "被申请人1", "被申请人2"]
    respondent = page.forms()[2]
    assert respondent.party_type.currentText() == "单位"
    assert not respondent.form.isRowVisible(respondent.messages["sex"].parentWidget())
    assert respondent.form.isRowVisible(respondent.messages["credit_code"].parentWidget())
    page.tabs.setCurrentIndex(1)
    page.remove_button.click()
    assert page.tabs.count() == 3
