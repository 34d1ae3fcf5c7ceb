"""Corrections to a case already registered: its own fields (修改案件信息), one party's
particulars (修改当事人), and the performance of an agreement's term (登记履行).

Every save carries the case version the clerk was looking at: if someone else saved the case in
the meantime the service refuses, and the message says what they changed (nothing is merged).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.errors import FieldError
from app.services.admin.roster import MediatorRow
from app.services.cases.detail import AgreementView, CaseDetail, PartyView, TermView
from app.services.cases.edit import CaseEditService
from app.views.case.dialogs.record_dialog import RecordDialog
from app.views.dialogs.classification_page import ClassificationPage
from app.views.dialogs.party_form import PartyForm
from app.views.widgets.fit import fit_to_screen
from app.views.widgets.messages import Dialogs
from app.views.widgets.record_table_model import money

TEXT_FIELDS = [("summary", "案情摘要"), ("province", "省份"), ("city", "城市"),
               ("district", "区县"), ("occupation", "职业"), ("platform", "平台")]


class CaseEditDialog(RecordDialog):
    def __init__(self, editor: CaseEditService, detail: CaseDetail,
                 mediators: Sequence[MediatorRow], dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改案件信息 — ") + detail.case_no, dialogs, parent)
        self.editor, self.detail = editor, detail
        self.edits: dict[str, QLineEdit] = {}
        for name, caption in TEXT_FIELDS:
            edit = QLineEdit(getattr(detail, name))
            self.edits[name] = edit
            self.field(name, self.tr(caption), edit)
        self.mediator = QComboBox()
        self.mediator.addItem(self.tr("未指派"), None)
        for row in mediators:
            self.mediator.addItem(row.name, row.id)
        self.mediator.setCurrentIndex(max(self.mediator.findData(detail.mediator_id), 0))
        self.field("mediator_id", self.tr("调解员"), self.mediator)
        self.facts = QPlainTextEdit(detail.facts)
        self.facts.setPlaceholderText(self.tr("申请的事实与理由，用于文书"))
        self.field("facts", self.tr("事实与理由"), self.facts)
        self.finish_layout()
        self.resize(640, 520)

    def changes(self) -> dict[str, Any]:
        """Only what the clerk changed, so the audit log and a conflict message stay exact."""
        now: dict[str, Any] = {n: e.text().strip() for n, e in self.edits.items()}
        now["facts"] = self.facts.toPlainText().strip()
        now["mediator_id"] = self.mediator.currentData()
        return {k: value for k, value in now.items() if value != getattr(self.detail, k)}

    def save(self) -> None:
        changes = self.changes()
        if not changes:
            self.reject()
            return
        self.submit(lambda: self.editor.update_case(self.detail.case_no, changes,
                                                    self.detail.version))


class PartyEditDialog(RecordDialog):
    def __init__(self, editor: CaseEditService, case_no: str, party: PartyView, version: int,
                 dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改当事人 — ") + party.name, dialogs, parent)
        self.editor, self.case_no, self.party, self.version = editor, case_no, party, version
        self.party_form = PartyForm(party.role)
        self.party_form.apply_suggestion(party)  # type: ignore[arg-type]  # same fields
        self.body.addWidget(self.party_form)
        self.finish_layout()
        self.resize(620, 640)

    def save(self) -> None:
        data, problems = self.party_form.to_input()
        if problems:
            self.show_problems(problems)
            return
        self.submit(lambda: self.editor.update_party(self.case_no, self.party.seq, data,
                                                     self.version))

    def show_problems(self, problems: list[FieldError]) -> None:
        local = [FieldError(p.field.removeprefix("party."), p.message, p.warning)
                 for p in problems]
        self.party_form.show_problems(local, everything=True)
        known = set(self.party_form.messages)
        self.general.show_problems([p for p in local if p.field not in known])


class TermPerformedDialog(RecordDialog):
    def __init__(self, editor: CaseEditService, case_no: str, agreement: AgreementView,
                 term: TermView, version: int, today: date, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("登记履行 — ") + case_no, dialogs, parent)
        self.editor, self.case_no, self.version = editor, case_no, version
        self.agreement, self.term = agreement, term
        what = f"{term.payer} 向 {term.payee} 支付 {money(term.amount)} 元"
        if term.due_on:
            what += f"（履行期限 {term.due_on}）"
        shown = QLabel(what)  # the whole term, wrapped: a read-only line cut it off
        shown.setWordWrap(True)
        self.field("term", self.tr("履行条款"), shown)
        self.performed = QCheckBox(self.tr("已履行"))
        self.performed.setChecked(True)
        self.field("performed", self.tr("履行情况"), self.performed)
        when = term.performed_on or today
        self.performed_on = QDateEdit(QDate(when.year, when.month, when.day))
        self.performed_on.setDisplayFormat("yyyy-MM-dd")
        self.performed_on.setCalendarPopup(True)
        self.performed.toggled.connect(self.performed_on.setEnabled)
        self.field("performed_on", self.tr("履行日期"), self.performed_on)
        self.finish_layout()
        self.setMinimumWidth(420)
        fit_to_screen(self, 480, self.sizeHint().height())  # sized to its text

    def save(self) -> None:
        when = self.performed_on.date().toPython() if self.performed.isChecked() else None
        self.submit(lambda: self.editor.mark_term_performed(
            self.case_no, self.agreement.id, self.term.seq, when,  # type: ignore[arg-type]
            self.version))


class ClassificationDialog(RecordDialog):
    """重新认定用工关系: the classification questions with the case's stored answers, the
    suggested category, and the clerk's decision saved with the answers behind it."""

    def __init__(self, editor: CaseEditService, detail: CaseDetail, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("认定用工关系 — ") + detail.case_no, dialogs, parent)
        self.editor, self.detail = editor, detail
        self.page = ClassificationPage()
        self.page.load(editor.classification_answers(detail.case_no), detail.category,
                       detail.category_reason)
        self.body.addWidget(self.page)
        self.finish_layout()
        self.resize(900, 680)

    def save(self) -> None:
        category, reason = self.page.chosen()
        self.submit(lambda: self.editor.classify(self.detail.case_no, self.page.answers(),
                                                 category, reason, self.detail.version))
