"""Wizard page: the relationship questions of DOMAIN §4 and the category they suggest."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.models.enums import RelationshipCategory, label
from app.services.knowledge.classification import (
    BASIS_ASSOCIATED,
    BASIS_ELEMENTS,
    BASIS_PLATFORM,
    ELEMENTS,
    EMPLOYER_FACTORS,
    PLATFORM_FACTORS,
    Question,
    Suggestion,
    suggest_category,
)

ANSWERS = [("是", True), ("否", False), ("不清楚", None)]


class ClassificationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("用工关系认定"))
        self.setSubTitle(self.tr("逐项回答，系统给出建议类别及理由；最终类别由您决定。"))
        self.groups: dict[str, QButtonGroup] = {}
        self._category_chosen_by_user = False
        layout = QVBoxLayout(self)
        layout.addWidget(self._questions(self.tr("三要素（") + BASIS_ELEMENTS + "）", ELEMENTS))
        layout.addWidget(self._questions(self.tr("平台用工因素（") + BASIS_PLATFORM + "）",
                                         PLATFORM_FACTORS))
        layout.addWidget(self._questions(self.tr("用工主体（") + BASIS_ASSOCIATED + "）",
                                         EMPLOYER_FACTORS))
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setStyleSheet("background: #eef4fb; padding: 6px;")
        self.suggestion.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.category = QComboBox()
        for member in RelationshipCategory:
            self.category.addItem(label(member), member.value)
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(56)
        form = QFormLayout()
        form.addRow(self.tr("建议"), self.suggestion)
        form.addRow(self.tr("认定类别"), self.category)
        form.addRow(self.tr("认定理由"), self.reason)
        layout.addLayout(form)
        layout.addStretch(1)
        self.category.activated.connect(self._user_chose)
        self.update_suggestion()

    def _questions(self, title: str, questions: tuple[Question, ...]) -> QGroupBox:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        grid.setVerticalSpacing(2)
        for row, question in enumerate(questions):
            text = QLabel(question.text)
            text.setWordWrap(True)
            grid.addWidget(text, row, 0)
            group = QButtonGroup(box)
            buttons = QWidget()
            line = QHBoxLayout(buttons)
            line.setContentsMargins(0, 0, 0, 0)
            for i, (caption, _value) in enumerate(ANSWERS):
                radio = QRadioButton(caption)
                group.addButton(radio, i)
                line.addWidget(radio)
            group.button(2).setChecked(True)
            group.idClicked.connect(lambda _id: self.update_suggestion())
            grid.addWidget(buttons, row, 1)
            self.groups[question.key] = group
        grid.setColumnStretch(0, 1)
        return box

    def answers(self) -> dict[str, bool | None]:
        return {key: ANSWERS[group.checkedId()][1] for key, group in self.groups.items()}

    def answer(self, key: str, value: bool | None) -> None:
        index = [v for _c, v in ANSWERS].index(value)
        self.groups[key].button(index).click()

    def load(self, answers: dict[str, bool | None], category: str, reason: str) -> None:
        """Show a case's stored answers and its decided category (which may differ from the
        suggestion: the clerk decides)."""
        for key, value in answers.items():
            if key in self.groups:
                self.answer(key, value)
        self._category_chosen_by_user = category != self.current().category.value
        self.category.setCurrentIndex(max(self.category.findData(category), 0))
        if reason or self._category_chosen_by_user:  # never the suggestion's words for another category
            self.reason.setPlainText(reason)

    def current(self) -> Suggestion:
        return suggest_category(self.answers())

    def update_suggestion(self) -> None:
        suggestion = self.current()
        self.suggestion.setText(f"<b>{label(suggestion.category)}</b><br>"
                                + "<br>".join(suggestion.reasons))
        if not self._category_chosen_by_user:
            self.category.setCurrentIndex(self.category.findData(suggestion.category.value))
            self.reason.setPlainText("；".join(suggestion.reasons))

    def _user_chose(self) -> None:
        self._category_chosen_by_user = True

    def chosen(self) -> tuple[str, str]:
        return str(self.category.currentData()), self.reason.toPlainText().strip()
