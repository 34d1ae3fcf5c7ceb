"""Journey (a), through the widgets only: a rider against a platform and a dispatch company —
intake with the wizard (classification on its page), acceptance and a session from 办理, a
claim amount corrected, an agreement with two terms (one act, one entry), 调解协议书
generated and read back, 司法确认 filed at the proposed court, a term performed, the case
closed after a question. After each act the 期限 tab, the header and the case list show it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton, QWizard
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.case.case_view import CaseView
from app.views.case.deadlines_tab import DeadlinesTab
from app.views.case.dialogs.agreement_dialog import AgreementDialog
from app.views.case.dialogs.correction_dialogs import ClaimEditDialog
from app.views.case.dialogs.filing_dialog import FilingDialog
from app.views.case.dialogs.session_dialog import SessionDialog
from app.views.dialogs.documents_dialog import KIND_ROLE, DocumentsDialog
from app.views.main_window import MainWindow
from tests.factories import COMPANY_CODE, WORKER_ID, credit_code
from tests.views.desk import desk_window
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text

CLICK = Qt.MouseButton.LeftButton
DISPATCH_CODE = credit_code("91330602MA2D00001")


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services,
           tmp_path: Path) -> tuple[MainWindow, FakeDialogs]:
    dialogs = FakeDialogs()
    s = sqlite_services
    win = desk_window(qtbot, s, tmp_path, dialogs, tmp_path / "文书")
    return win, dialogs


def fill(edit: object, text: str) -> None:
    edit.clear()  # type: ignore[attr-defined]
    type_text(edit, text)  # type: ignore[arg-type]
    edit.editingFinished.emit()  # type: ignore[attr-defined]


def deadline_titles(view: CaseView) -> list[str]:
    tab = view.tab("期限")
    assert isinstance(tab, DeadlinesTab)
    return [tab.model.index(r, 2).data() or "" for r in range(tab.model.rowCount())]


def deadline_state(view: CaseView, title: str) -> str:
    tab = view.tab("期限")
    assert isinstance(tab, DeadlinesTab)
    return " ".join(str(tab.model.index(r, 1).data()) for r in range(tab.model.rowCount())
                    if tab.model.index(r, 2).data() == title)


def term_states(view: CaseView) -> list[str]:
    tab = view.tab("期限")
    assert isinstance(tab, DeadlinesTab)
    return [str(tab.model.index(r, 1).data()) for r in range(tab.model.rowCount())
            if str(tab.model.index(r, 2).data()).startswith("履行期限届满")]


def listed(window: MainWindow) -> str:
    model = window.case_list.table.model()
    return " ".join(str(model.index(r, c).data()) for r in range(model.rowCount())
                    for c in range(model.columnCount()))


def button(tab: object, text: str) -> QPushButton:
    return next(b for b in tab.findChildren(QPushButton) if b.text() == text)  # type: ignore[attr-defined]


def intake(qtbot: QtBot, window: MainWindow, received: QDate | None = None,
           amount: str = "8,600") -> CaseView:
    """The wizard, typed: the rider, the platform and the dispatch company, one claim."""
    window.new_action.trigger()
    wizard = window.wizard
    assert wizard is not None
    if received is not None:
        wizard.intake_page.received_on.setDate(received)
    page = wizard.parties_page
    page.add_respondent_button.click()
    worker, platform, dispatch = page.forms()
    fill(worker.edits["name"], "王小明")
    fill(worker.edits["id_number"], WORKER_ID)
    fill(worker.edits["phone"], "13800138000")
    fill(worker.edits["domicile"], "浙江省绍兴市越城区人民路1号")
    fill(platform.edits["name"], "迅达即配科技有限公司")
    fill(platform.edits["credit_code"], COMPANY_CODE)
    fill(dispatch.edits["name"], "绍兴众包人力资源有限公司")
    fill(dispatch.edits["credit_code"], DISPATCH_CODE)
    fill(worker.edits["mailing_address"], "浙江省绍兴市越城区人民路1号")
    for form, (boss, home, phone) in ((platform, ("李平", "浙江省杭州市滨江区网商路1号",
                                                  "0571-88880000")),
                                      (dispatch, ("赵强", "浙江省绍兴市越城区解放路8号",
                                                  "0575-85550000"))):
        fill(form.edits["legal_representative"], boss)
        fill(form.edits["domicile"], home)
        fill(form.edits["mailing_address"], home)
        fill(form.edits["phone"], phone)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), CLICK)
    for key in ("capacity", "managed", "integral"):
        wizard.classification_page.answer(key, True)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), CLICK)
    row = wizard.claims_page.rows()[0]
    row.claim_type.setCurrentIndex(row.claim_type.findData("wages"))
    fill(row.description, "支付拖欠的配送报酬")
    fill(row.amount, amount)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), CLICK)
    fill(wizard.intake_page.summary, "骑手王小明劳动报酬纠纷")
    fill(wizard.intake_page.city, "绍兴市")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), CLICK)
    assert wizard.created is not None, window
    view = window.cases_page.currentWidget()
    assert isinstance(view, CaseView)
    return view


def test_a_rider_against_a_platform_and_a_dispatch_company(
        qtbot: QtBot, window: tuple[MainWindow, FakeDialogs], sqlite_services: Services,
        tmp_path: Path) -> None:
    win, dialogs = window
    view = intake(qtbot, win)
    assert "已收到申请" in view.header.text() and "绍兴众包人力资源有限公司" in view.header.text()
    assert "王小明" in listed(win) and "调解委员会决定是否受理调解申请" in deadline_titles(view)

    # Classification (answered on the wizard's page) and acceptance: the two steps that lead.
    actions = view.tab("办理")
    assert actions.lead_events == ["classify", "mediation.accept"]
    qtbot.mouseClick(actions.buttons["classify"], CLICK)
    assert "已认定用工关系" in view.header.text(), dialogs.errors
    actions = view.tab("办理")
    qtbot.mouseClick(actions.buttons["mediation.accept"], CLICK)
    assert "已受理调解" in view.header.text(), dialogs.errors
    assert any(t.startswith("调解委员会应当结束调解") for t in deadline_titles(view))
    assert deadline_state(view, "调解委员会决定是否受理调解申请") == "已完成", \
        deadline_state(view, "调解委员会决定是否受理调解申请")
    assert "调解" in listed(win)

    # A session, from 办理's 记录调解: the dialog records the session and the step together.
    actions = view.tab("办理")
    assert actions.buttons["mediation.session"].text() == "记录调解…"
    qtbot.mouseClick(actions.buttons["mediation.session"], CLICK)
    session = view.open_dialog
    assert isinstance(session, SessionDialog) and session.with_step.isChecked()
    type_text(session.place, "第一调解室")
    qtbot.mouseClick(session.save_button, CLICK)
    assert not session.isVisible(), dialogs.errors
    assert view.sessions.model.rowCount() == 1
    assert "调解中" in view.header.text()
    labels = [view.timeline.events.model.index(r, 1).data()
              for r in range(view.timeline.events.model.rowCount())]
    assert labels.count("记录调解") == 1  # one act, one entry
    assert any(t.startswith("调解委员会应当结束调解") for t in deadline_titles(view))
    assert "调解" in listed(win)

    # The claim amount was typed wrong: corrected, the total follows.
    view.tabs.setCurrentWidget(view.claims)
    view.claims.table.selectRow(0)
    qtbot.mouseClick(button(view.claims, "修改请求…"), CLICK)
    claim = view.open_dialog
    assert isinstance(claim, ClaimEditDialog) and claim.amount.text() == "8600.00"
    claim.amount.clear()
    type_text(claim.amount, "9600")
    qtbot.mouseClick(claim.save_button, CLICK)
    assert not claim.isVisible(), dialogs.errors
    assert "9,600.00" in view.claims.note.text()
    assert view.detail is not None and str(view.detail.claim_total) == "9600.00"

    # The agreement with two terms, from 办理: the act and its step in one entry.
    actions = view.tab("办理")
    assert "agreement.sign" in actions.lead_events
    qtbot.mouseClick(actions.buttons["agreement.sign"], CLICK)
    agreement = view.open_dialog
    assert isinstance(agreement, AgreementDialog) and agreement.with_step.isChecked()
    agreement.facts.setPlainText("申请人为被申请人配送外卖，被申请人拖欠2026年9月至10月报酬。")
    agreement.content.setPlainText("两被申请人分期支付申请人劳动报酬共计9600元。")
    first = agreement.term_rows[0][0]
    type_text(first[2], "5000")
    type_text(first[3], "2026-12-10")
    qtbot.mouseClick(agreement.add_term_button, CLICK)
    second = agreement.term_rows[1][0]
    fill(second[0], "绍兴众包人力资源有限公司")
    type_text(second[2], "4600")
    type_text(second[3], "2026-12-31")
    qtbot.mouseClick(agreement.save_button, CLICK)
    assert not agreement.isVisible(), dialogs.errors
    assert "已签调解协议" in view.header.text()
    assert sum(t.startswith("履行期限届满") for t in deadline_titles(view)) == 2
    assert "协议履行" in listed(win)
    labels = [view.timeline.events.model.index(r, 1).data()
              for r in range(view.timeline.events.model.rowCount())]
    assert labels.count("签订调解协议") == 1

    # 调解协议书, generated from the 文书 tab and read back.
    docs = view.tab("文书")
    assert isinstance(docs, DocumentsDialog)
    items = [docs.kinds.item(r) for r in range(docs.kinds.count())]
    docs.kinds.setCurrentItem(next(i for i in items if i.data(KIND_ROLE) == "mediation_agreement"))
    qtbot.mouseClick(docs.generate_button, CLICK)
    assert docs.last_pdf is not None, dialogs.errors
    text = "".join(page.extract_text() for page in PdfReader(docs.last_pdf).pages)
    assert "调解协议书" in text and "绍兴众包人力资源有限公司" in text and "4,600" in text

    # 司法确认 at the court the rules propose, from 办理.
    actions = view.tab("办理")
    qtbot.mouseClick(actions.buttons["confirmation.apply"], CLICK)
    filing = view.open_dialog
    assert isinstance(filing, FilingDialog) and filing.kind.currentData() == "judicial_confirmation"
    assert filing.forum.text().endswith("人民法院"), filing.forum_note.text()
    court = filing.forum.text()
    qtbot.mouseClick(filing.save_button, CLICK)
    assert not filing.isVisible(), dialogs.errors
    assert "已申请司法确认" in view.header.text()
    assert court in " ".join(str(view.filings["确认/审查"].model.index(0, c).data())
                             for c in range(view.filings["确认/审查"].model.columnCount()))

    # One term performed: its reminder closes, the other stays.
    view.tabs.setCurrentWidget(view.agreements)
    view.agreements.table.selectRow(0)
    qtbot.mouseClick(button(view.agreements, "登记履行…"), CLICK)
    performed = view.open_dialog
    qtbot.mouseClick(performed.save_button, CLICK)  # type: ignore[union-attr]
    assert not performed.isVisible(), dialogs.errors  # type: ignore[union-attr]
    terms = term_states(view)
    assert sorted(terms) == ["已完成", "进行中"], terms
    assert "人民法院决定是否受理司法确认申请" in deadline_titles(view)

    # Closing: asked first, saying what follows; then closed everywhere.
    actions = view.tab("办理")
    assert actions.lead_events == ["confirmation.accept"]
    asked = len(dialogs.questions)
    qtbot.mouseClick(actions.buttons["case.close"], CLICK)
    assert len(dialogs.questions) == asked + 1 and "结案归档" in dialogs.questions[-1]
    assert "已结案" in view.header.text(), dialogs.errors
    assert "办理中" not in listed(win), listed(win)
    assert dialogs.errors == []
