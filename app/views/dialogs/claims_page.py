"""Wizard page: the claims (请求事项), one row each, with a message under the row."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.errors import FieldError
from app.models.enums import ClaimType, label
from app.services.cases.dto import ClaimInput
from app.services.cases.field_checks import parse_amount
from app.services.cases.validation import validate_claim
from app.views.dialogs.parties_page import split_path
from app.views.dialogs.party_form import parse_day
from app.views.widgets.inline_error import InlineError
from app.views.widgets.record_table_model import money


class ClaimRow(QWidget):
    field_left = Signal()
    removed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.claim_type = QComboBox()
        for member in ClaimType:
            self.claim_type.addItem(label(member), member.value)
        self.claim_type.setCurrentIndex(self.claim_type.findData(ClaimType.WAGES))
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("请求内容，如：支付2026年9月至10月劳动报酬"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("金额（元）"))
        self.period_start = QLineEdit()
        self.period_start.setPlaceholderText(self.tr("期间起"))
        self.period_end = QLineEdit()
        self.period_end.setPlaceholderText(self.tr("期间止"))
        self.remove_button = QPushButton(self.tr("删除"))
        self.message = InlineError()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, widget in enumerate((self.claim_type, self.description, self.amount,
                                         self.period_start, self.period_end, self.remove_button)):
            grid.addWidget(widget, 0, column)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 1)
        # The amount and the request are what is typed: wide enough to read (they were cut);
        # the periods hold a date each.
        self.claim_type.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.claim_type.setMinimumContentsLength(8)  # the list opens wide enough to read
        self.description.setMinimumWidth(160)
        self.amount.setMinimumWidth(90)
        for edit in (self.period_start, self.period_end):
            edit.setMinimumWidth(95)  # 2026-10-31
            edit.setMaximumWidth(110)
        grid.addWidget(self.message, 1, 0, 1, 6)
        for edit in (self.description, self.amount, self.period_start, self.period_end):
            edit.editingFinished.connect(self.field_left)
        self.claim_type.activated.connect(lambda _i: self.field_left.emit())
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))

    def is_blank(self) -> bool:
        return not any(e.text().strip() for e in (self.description, self.amount,
                                                   self.period_start, self.period_end))

    def to_input(self) -> tuple[ClaimInput, list[FieldError]]:
        problems = []
        dates = []
        for name, edit in (("period_start", self.period_start), ("period_end", self.period_end)):
            try:
                dates.append(parse_day(edit.text()))
            except ValueError:
                dates.append(None)
                problems.append(FieldError(name, "日期无法识别，请写作 2026-09-01"))
        return ClaimInput(self.claim_type.currentData(), self.description.text().strip(),
                          self.amount.text().strip() or None, dates[0], dates[1]), problems


class ClaimsPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("请求事项"))
        self.setSubTitle(self.tr("每项请求一行；金额以元为单位，最多两位小数。"))
        self.rows_box = QVBoxLayout()
        self.rows_box.addStretch(1)
        holder = QWidget()
        holder.setLayout(self.rows_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.add_button = QPushButton(self.tr("＋ 添加请求"))
        self.total = QLabel()
        header = QHBoxLayout()
        header.addWidget(self.add_button)
        header.addStretch(1)
        header.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        self.add_button.clicked.connect(self.add_row)
        self.add_row()

    def rows(self) -> list[ClaimRow]:
        count = self.rows_box.count() - 1  # the last item is the stretch
        return [self.rows_box.itemAt(i).widget() for i in range(count)]  # type: ignore[misc]

    def add_row(self) -> ClaimRow:
        row = ClaimRow()
        row.field_left.connect(lambda r=row: self.validate_row(r))
        row.removed.connect(self.remove_row)
        self.rows_box.insertWidget(self.rows_box.count() - 1, row)
        return row

    def remove_row(self, row: ClaimRow) -> None:
        self.rows_box.removeWidget(row)
        row.deleteLater()
        self._update_total()

    def filled_rows(self) -> list[ClaimRow]:
        """Rows with something typed in; an untouched blank row is not a claim."""
        return [r for r in self.rows() if not r.is_blank()]

    def inputs(self) -> tuple[list[ClaimInput], list[FieldError]]:
        claims, problems = [], []
        for i, row in enumerate(self.filled_rows()):
            claim, local = row.to_input()
            claims.append(claim)
            problems += [FieldError(f"claims[{i}].{p.field}", p.message) for p in local]
        return claims, problems

    def problems(self, party_count: int) -> list[FieldError]:
        claims, problems = self.inputs()
        for i, claim in enumerate(claims):
            problems += validate_claim(claim, f"claims[{i}]", party_count)
        return problems

    def validate_row(self, row: ClaimRow) -> None:
        self.show_problems(self.problems(party_count=99), only=row)
        self._update_total()

    def show_problems(self, problems: list[FieldError], only: ClaimRow | None = None) -> None:
        filled = self.filled_rows()
        for row in self.rows():
            if only is not None and row is not only:
                continue
            i = filled.index(row) if row in filled else -1
            row.message.show_problems([p for p in problems
                                       if (split_path(p.field, "claims") or (-2, ""))[0] == i])

    def _update_total(self) -> None:
        total = Decimal("0")
        for claim in self.inputs()[0]:
            amount, problems = parse_amount(claim.amount, "amount")
            if amount is not None and not problems:
                total += amount
        self.total.setText(self.tr("请求金额合计：") + money(total) + self.tr(" 元"))

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        problems = self.problems(party_count=99)
        self.show_problems(problems)
        return not any(not p.warning for p in problems)
