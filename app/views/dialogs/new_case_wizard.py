"""New case (新建案件): parties, relationship questions, claims, intake; validated field by field,
saved by CaseService.create_case only when no error remains."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import AppError, FieldError, ValidationFailed
from app.models.enums import IntakeChannel, label
from app.services.cases.dto import CaseInput, CreatedCase
from app.services.cases.parties import PartySuggestion
from app.services.cases.validation import validate_case
from app.views.dialogs.claims_page import ClaimsPage
from app.views.dialogs.classification_page import ClassificationPage
from app.views.dialogs.parties_page import PartiesPage
from app.views.widgets.fit import fit_to_screen
from app.views.widgets.inline_error import InlineError, add_field
from app.views.widgets.lifetime import stop_work_of
from app.views.widgets.messages import Dialogs

INTAKE_FIELDS = ("received_on", "accepted_on", "intake_channel", "collective", "organisation_id")


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class IntakePage(QWizardPage):
    def __init__(self, today: Callable[[], date]) -> None:
        super().__init__()
        self.setTitle(self.tr("收案信息"))
        self.setSubTitle(self.tr("申请方式与日期、地区、平台和案情摘要。"))
        self._today = today
        form = QFormLayout(self)
        self.channel = QComboBox()
        for member in IntakeChannel:
            self.channel.addItem(label(member), member.value)
        self.received_on = QDateEdit(qdate(today()))
        self.accepted = QCheckBox(self.tr("已受理"))
        self.accepted_on = QDateEdit(qdate(today()))
        self.accepted_on.setEnabled(False)
        for edit in (self.received_on, self.accepted_on):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.province, self.city, self.district = QLineEdit(), QLineEdit(), QLineEdit()
        self.occupation, self.platform = QLineEdit(), QLineEdit()
        self.occupation.setPlaceholderText(self.tr("如 外卖骑手、网约车司机"))
        self.collective = QCheckBox(self.tr("集体争议（10人以上、有共同请求）"))
        self.representatives = QLineEdit()
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(self.tr("一句话概括，如：骑手张三与某平台劳动报酬纠纷"))
        self.facts = QPlainTextEdit()
        self.facts.setFixedHeight(80)
        self.messages: dict[str, InlineError] = {
            "intake_channel": add_field(form, self.tr("申请方式"), self.channel),
            "received_on": add_field(form, self.tr("收到申请日期"), self.received_on),
        }
        form.addRow("", self.accepted)
        self.messages["accepted_on"] = add_field(form, self.tr("受理日期"), self.accepted_on)
        form.addRow(self.tr("省份"), self.province)
        form.addRow(self.tr("城市"), self.city)
        form.addRow(self.tr("区县"), self.district)
        form.addRow(self.tr("职业"), self.occupation)
        form.addRow(self.tr("平台"), self.platform)
        self.messages["collective"] = add_field(form, "", self.collective)
        form.addRow(self.tr("代表人"), self.representatives)
        form.addRow(self.tr("案情摘要"), self.summary)
        form.addRow(self.tr("事实与理由"), self.facts)
        self.messages["organisation_id"] = InlineError()
        form.addRow("", self.messages["organisation_id"])
        self.accepted.toggled.connect(self.accepted_on.setEnabled)

    def fill(self, data: CaseInput) -> None:
        data.intake_channel = self.channel.currentData()
        data.received_on = self.received_on.date().toPython()  # type: ignore[assignment]
        data.accepted_on = (self.accepted_on.date().toPython()  # type: ignore[assignment]
                            if self.accepted.isChecked() else None)
        for name in ("province", "city", "district", "occupation", "platform",
                     "representatives", "summary"):
            setattr(data, name, getattr(self, name).text().strip())
        data.collective = self.collective.isChecked()
        data.facts = self.facts.toPlainText().strip()

    def show_problems(self, problems: list[FieldError]) -> None:
        for name, message in self.messages.items():
            message.show_problems([p for p in problems if p.field == name])


class NewCaseWizard(QWizard):
    case_created = Signal(object)  # CreatedCase

    def __init__(self, create_case: Callable[[CaseInput], CreatedCase],
                 search_parties: Callable[[str], list[PartySuggestion]] | None,
                 dialogs: Dialogs, today: Callable[[], date] = date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._create_case = create_case
        self.dialogs = dialogs
        self._today = today
        self.created: CreatedCase | None = None
        self.setWindowTitle(self.tr("新建案件"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步 >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("登记案件"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.parties_page = PartiesPage(search_parties, today)
        self.classification_page = ClassificationPage()
        self.claims_page = ClaimsPage()
        self.intake_page = IntakePage(today)
        for page in (self.parties_page, self.classification_page, self.claims_page,
                     self.intake_page):
            self.addPage(page)
        fit_to_screen(self, 980, 760)

    def case_input(self) -> tuple[CaseInput, list[FieldError]]:
        parties, problems = self.parties_page.inputs()
        claims, claim_problems = self.claims_page.inputs()
        category, reason = self.classification_page.chosen()
        data = CaseInput(received_on=self._today(), parties=parties, claims=claims,
                         category=category, category_reason=reason,
                         classification_answers=self.classification_page.answers())
        self.intake_page.fill(data)
        return data, problems + claim_problems

    def accept(self) -> None:
        """Finish: validate everything; save only when no error remains."""
        data, problems = self.case_input()
        problems += validate_case(data, self._today())
        if any(not p.warning for p in problems):
            self.show_problems(problems)
            return
        try:
            self.created = self._create_case(data)
        except ValidationFailed as exc:
            self.show_problems(exc.errors)
            return
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法登记案件"), exc.message)
            return
        self.case_created.emit(self.created)
        super().accept()

    def done(self, result: int) -> None:  # Finish, Cancel, Esc, the close button
        stop_work_of(self)  # a party search still waiting must not run after the wizard
        super().done(result)

    def show_problems(self, problems: list[FieldError]) -> None:
        """Each problem next to its field; go back to the first page that has an error."""
        self.parties_page.show_problems(problems, everything=True)
        self.claims_page.show_problems(problems)
        self.intake_page.show_problems(problems)
        errors = [p for p in problems if not p.warning]
        if any(p.field.startswith("parties") for p in errors):
            target: QWizardPage = self.parties_page
        elif any(p.field.startswith("claims") for p in errors):
            target = self.claims_page
        else:
            target = self.intake_page
        while self.currentPage() is not target and self.currentId() > 0:
            self.back()
