"""录入协议: a mediation agreement with its performance terms → RecordService.add_agreement."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.errors import FieldError
from app.services.cases.records import AgreementInput, RecordService, TermInput
from app.views.case.dialogs.record_dialog import RecordDialog
from app.views.dialogs.party_form import parse_day
from app.views.widgets.fit import fit_to_screen
from app.views.widgets.inline_error import InlineError
from app.views.widgets.messages import Dialogs

TERM_HEADERS = ["付款方", "收款方", "金额（元）", "履行期限", "履行方式"]


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class AgreementDialog(RecordDialog):
    def __init__(self, records: RecordService, case_no: str, dialogs: Dialogs,
                 payer: str = "", payee: str = "", today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("录入调解协议 — ") + case_no, dialogs, parent)
        self.records, self.case_no = records, case_no
        self._defaults = (payer, payee)
        day = today or date.today()
        self.signed_on, self.effective_on = _date_edit(day), _date_edit(day)
        self.has_effective = QCheckBox(self.tr("已生效（双方签字或盖章、调解员签字、加盖调解组织印章）"))
        self.has_effective.setChecked(True)
        self.has_effective.toggled.connect(self.effective_on.setEnabled)
        self.facts, self.responsibility, self.content = (QPlainTextEdit(), QPlainTextEdit(),
                                                        QPlainTextEdit())
        for edit in (self.facts, self.responsibility, self.content):
            edit.setFixedHeight(60)
        self.copies = QSpinBox()
        self.copies.setRange(0, 20)
        self.copies.setValue(3)
        self.field("signed_on", self.tr("签订日期"), self.signed_on)
        self.form.addRow("", self.has_effective)
        self.field("effective_on", self.tr("生效日期"), self.effective_on)
        self.field("facts", self.tr("纠纷事实"), self.facts)
        self.field("responsibility", self.tr("各方责任"), self.responsibility)
        self.field("content", self.tr("协议内容"), self.content)
        self.field("copies", self.tr("份数"), self.copies)
        self.terms_grid = QGridLayout()
        for column, header in enumerate(TERM_HEADERS):
            self.terms_grid.addWidget(QLabel(header), 0, column)
        self.term_rows: list[tuple[list[QLineEdit], InlineError]] = []
        self.body.addWidget(QLabel(self.tr("履行条款")))
        self.body.addLayout(self.terms_grid)
        self.add_term_button = QPushButton(self.tr("＋ 添加履行条款"))
        self.add_term_button.clicked.connect(self.add_term)
        self.body.addWidget(self.add_term_button)
        self.add_term()
        self.finish_layout()
        fit_to_screen(self, 820, 720)

    def add_term(self) -> list[QLineEdit]:
        row = 1 + 2 * len(self.term_rows)
        edits = [QLineEdit() for _ in TERM_HEADERS]
        edits[0].setText(self._defaults[0])
        edits[1].setText(self._defaults[1])
        edits[3].setPlaceholderText("2026-12-31")
        edits[4].setPlaceholderText(self.tr("如：银行转账"))
        for column, edit in enumerate(edits):
            self.terms_grid.addWidget(edit, row, column)
        message = InlineError()
        self.terms_grid.addWidget(message, row + 1, 0, 1, len(TERM_HEADERS))
        self.messages[f"terms[{len(self.term_rows)}]"] = message
        self.term_rows.append((edits, message))
        return edits

    def agreement_input(self) -> tuple[AgreementInput, list[FieldError]]:
        problems, terms = [], []
        for i, (edits, _message) in enumerate(self.term_rows):
            payer, payee, amount, due, method = (e.text().strip() for e in edits)
            if not any((amount, due, method)) and i > 0:
                continue  # an extra blank row
            try:
                due_on = parse_day(due)
            except ValueError:
                due_on = None
                problems.append(FieldError(f"terms[{i}].due_on", "履行期限无法识别，请写作 2026-12-31"))
            terms.append(TermInput(payer, payee, amount or None, due_on, method))
        effective: date | None = (self.effective_on.date().toPython()  # type: ignore[assignment]
                                  if self.has_effective.isChecked() else None)
        signed: date = self.signed_on.date().toPython()  # type: ignore[assignment]
        return AgreementInput(
            signed_on=signed, terms=terms, effective_on=effective,
            facts=self.facts.toPlainText().strip(),
            responsibility=self.responsibility.toPlainText().strip(),
            content=self.content.toPlainText().strip(), copies=self.copies.value()), problems

    def save(self) -> None:
        data, problems = self.agreement_input()
        if problems:
            self.show_problems(problems)
            return
        self.submit(lambda: self.records.add_agreement(self.case_no, data))
