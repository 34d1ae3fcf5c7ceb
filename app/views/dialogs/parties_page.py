"""Wizard page: the applicants and respondents, one form each, validated as fields are left."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWizardPage

from app.errors import FieldError
from app.models.enums import PartyRole
from app.services.cases.dto import PartyInput
from app.services.cases.parties import PartySuggestion
from app.services.cases.validation import validate_party
from app.views.dialogs.party_form import PartyForm
from app.views.widgets.inline_error import InlineError

ROLE_TITLES = {PartyRole.APPLICANT: "申请人", PartyRole.RESPONDENT: "被申请人"}


def split_path(path: str, prefix: str) -> tuple[int, str] | None:
    """"parties[2].id_number" → (2, "id_number") for prefix "parties"."""
    if not path.startswith(prefix + "["):
        return None
    index, _, rest = path[len(prefix) + 1:].partition("]")
    if not index.isdigit():
        return None
    return int(index), rest.lstrip(".")


class PartiesPage(QWizardPage):
    def __init__(self, search: Callable[[str], list[PartySuggestion]] | None,
                 today: Callable[[], date]) -> None:
        super().__init__()
        self.setTitle(self.tr("当事人"))
        self.setSubTitle(self.tr("至少一名申请人和一名被申请人。输入姓名时会列出已登记的当事人，"
                                 "选中即可带出其信息。"))
        self._search = search
        self._today = today
        self.tabs = QTabWidget()
        self.add_applicant_button = QPushButton(self.tr("＋ 申请人"))
        self.add_respondent_button = QPushButton(self.tr("＋ 被申请人"))
        self.remove_button = QPushButton(self.tr("删除当前当事人"))
        self.message = InlineError()
        row = QHBoxLayout()
        for button in (self.add_applicant_button, self.add_respondent_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.add_applicant_button.clicked.connect(lambda: self.add_party(PartyRole.APPLICANT))
        self.add_respondent_button.clicked.connect(lambda: self.add_party(PartyRole.RESPONDENT))
        self.remove_button.clicked.connect(self.remove_current)
        self.add_party(PartyRole.APPLICANT)
        self.add_party(PartyRole.RESPONDENT)
        self.tabs.setCurrentIndex(0)

    def forms(self) -> list[PartyForm]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]  # type: ignore[misc]

    def add_party(self, role: str) -> PartyForm:
        form = PartyForm(role, self._search)
        form.field_left.connect(lambda _name, f=form: self.validate_form(f))
        # Applicants first, then respondents: the order the documents list them in.
        position = sum(1 for f in self.forms() if f.role == PartyRole.APPLICANT
                       or role == PartyRole.RESPONDENT)
        self.tabs.insertTab(position, form, "")
        self._retitle()
        self.tabs.setCurrentWidget(form)
        return form

    def remove_current(self) -> None:
        if self.tabs.count() > 1:
            self.tabs.removeTab(self.tabs.currentIndex())
            self._retitle()

    def _retitle(self) -> None:
        counts: dict[str, int] = {}
        for i, form in enumerate(self.forms()):
            counts[form.role] = counts.get(form.role, 0) + 1
            self.tabs.setTabText(i, f"{ROLE_TITLES[form.role]}{counts[form.role]}")

    def inputs(self) -> tuple[list[PartyInput], list[FieldError]]:
        """Every party, and the form-level problems as case paths ("parties[i].birth_date")."""
        parties, problems = [], []
        for i, form in enumerate(self.forms()):
            party, local = form.to_input()
            parties.append(party)
            problems += [FieldError(f"parties[{i}].{p.field}", p.message, p.warning)
                         for p in local]
        return parties, problems

    def problems(self) -> list[FieldError]:
        parties, problems = self.inputs()
        for i, party in enumerate(parties):
            problems += validate_party(party, f"parties[{i}]", self._today())
        seen: dict[str, int] = {}
        for i, party in enumerate(parties):
            key = party.id_number.strip().upper()
            if key and key in seen:
                problems.append(FieldError(f"parties[{i}].id_number",
                                           f"证件号码与第{seen[key] + 1}名当事人重复"))
            seen.setdefault(key, i)
        return problems

    def validate_form(self, form: PartyForm) -> None:
        self.show_problems(self.problems(), only=form)

    def show_problems(self, problems: list[FieldError], only: PartyForm | None = None,
                      everything: bool = False) -> None:
        for i, form in enumerate(self.forms()):
            if only is not None and form is not only:
                continue
            local = []
            for p in problems:
                where = split_path(p.field, "parties")
                if where is not None and where[0] == i:
                    local.append(FieldError(where[1], p.message, p.warning))
            form.show_problems(local, everything)
            if everything and any(not p.warning for p in local) and only is None:
                self.tabs.setCurrentWidget(form)
        self.message.show_problems([p for p in problems if p.field == "parties"])

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        problems = self.problems()
        roles = {f.role for f in self.forms()}
        if PartyRole.APPLICANT not in roles:
            problems.append(FieldError("parties", "至少需要一名申请人"))
        if PartyRole.RESPONDENT not in roles:
            problems.append(FieldError("parties", "至少需要一名被申请人"))
        self.show_problems(problems, everything=True)
        return not any(not p.warning for p in problems)
