"""计算…: work out a claim's amount with a calculator (经济补偿, 赔偿金, 二倍工资, 加班费, 年休假,
工伤), show the steps and the 计算依据, and save it as a claim of the case (its text, amount
and period; the basis optionally appended to 事实与理由) under the case version."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, ValidationFailed
from app.knowledge.calculators.base import CalcResult, fen
from app.services.cases.detail import CaseDetail
from app.services.cases.dto import ClaimInput
from app.services.cases.edit import CaseEditService
from app.services.knowledge.calculator_service import CALCULATORS, CalculatorService
from app.views.widgets.inline_error import ERROR_COLOUR, WARNING_COLOUR
from app.views.widgets.messages import Dialogs

# The inputs each calculator asks for, in the order shown.
INPUTS: dict[str, tuple[str, ...]] = {
    "compensation": ("start", "end", "monthly_wage", "city", "average_wage", "pre_2008"),
    "illegal_termination": ("start", "end", "monthly_wage", "city", "average_wage"),
    "notice_pay": ("monthly_wage",),
    "double_wages": ("start", "end", "signed_on", "monthly_wage"),
    "overtime": ("monthly_wage", "weekday_hours", "restday_hours", "holiday_hours"),
    "annual_leave": ("monthly_wage", "days", "years"),
    "injury": ("grade", "monthly_wage", "city", "average_wage", "ended", "occupational"),
    "arrears": ("unpaid",),
}
TEXTS = {  # name → (caption, placeholder)
    "start": ("入职（用工）日期", "如 2023-03-15"),
    "end": ("离职日期", "劳动合同解除或终止之日；二倍工资仍在职的填申请日"),
    "signed_on": ("补签书面合同日期", "未签订的留空"),
    "monthly_wage": ("月工资（元）", "解除前十二个月平均工资 / 本人工资"),
    "city": ("城市", "取地方参数表中的上年度职工月平均工资"),
    "average_wage": ("上年度职工月平均工资（元）", "填写后不再查地方参数表"),
    "weekday_hours": ("工作日延长工作（小时）", "0"),
    "restday_hours": ("休息日工作且未补休（小时）", "0"),
    "holiday_hours": ("法定休假日工作（小时）", "0"),
    "days": ("应休未休年休假（天）", "如 5"),
    "years": ("累计工作年限（年）", "如 3"),
    "unpaid": ("拖欠工资（元）", "如 8000"),
}
CHECKS = {"pre_2008": ("2008年前的工作年限按当时规定计发", True),
          "ended": ("劳动关系已解除或终止（计入一次性补助金）", False),
          "occupational": ("新就业形态职业伤害保障", False)}
# The calculator a selected claim's type suggests.
FOR_CLAIM = {"economic_compensation": "compensation", "termination_damages": "illegal_termination",
             "double_wages": "double_wages", "overtime_pay": "overtime",
             "holiday_pay": "overtime", "working_time_rest": "annual_leave",
             "work_injury_benefits": "injury", "occupational_injury": "injury",
             "wages": "arrears"}


class ClaimCalculatorDialog(QDialog):
    def __init__(self, calculator: CalculatorService, editor: CaseEditService,
                 detail: CaseDetail, dialogs: Dialogs, parent: QWidget | None = None, *,
                 claim_type: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("计算请求金额 — ") + detail.case_no)
        self.calculator, self.editor, self.detail, self.dialogs = (calculator, editor, detail,
                                                                   dialogs)
        self.result: CalcResult | None = None
        self.saved_seq: int | None = None
        self._build()
        start = FOR_CLAIM.get(claim_type or "", "compensation")
        self.kind.setCurrentIndex(max(self.kind.findData(start), 0))
        self._show_inputs()
        self.resize(1040, 640)

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存为请求事项"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.amount = QLabel()
        self.kind = QComboBox()
        for key, caption in CALCULATORS.items():
            self.kind.addItem(caption, key)
        self.inputs = QFormLayout()
        self.inputs.addRow(self.tr("计算项目"), self.kind)
        self.edits: dict[str, QLineEdit] = {}
        for name, (caption, hint) in TEXTS.items():
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr(hint))
            edit.textChanged.connect(self._stale)
            self.edits[name] = edit
            self.inputs.addRow(self.tr(caption), edit)
        self.edits["city"].setText(self.detail.city)
        self.grade = QComboBox()
        for level in range(1, 11):
            self.grade.addItem(self.tr(f"{level}级"), level)
        self.grade.setCurrentIndex(6)
        self.grade.currentIndexChanged.connect(self._stale)
        self.inputs.addRow(self.tr("伤残等级"), self.grade)
        self.checks: dict[str, QCheckBox] = {}
        for name, (caption, on) in CHECKS.items():
            box = QCheckBox(self.tr(caption))
            box.setChecked(on)
            box.toggled.connect(self._stale)
            self.checks[name] = box
            self.inputs.addRow("", box)
        self.compute_button = QPushButton(self.tr("计算"))
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self.compute)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.hide()
        left = QVBoxLayout()
        left.addLayout(self.inputs)
        left.addWidget(self.compute_button)
        left.addWidget(self.error)
        left.addStretch(1)
        self.amount.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.steps = QPlainTextEdit()
        self.steps.setReadOnly(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(f"color: {WARNING_COLOUR};")
        self.claim_text = QLineEdit()
        self.basis = QPlainTextEdit()
        self.basis.setMaximumHeight(110)
        self.add_basis = QCheckBox(self.tr("把计算依据写入本案的事实与理由"))
        self.add_basis.setChecked(True)
        result = QGroupBox(self.tr("计算结果"))
        right = QVBoxLayout(result)
        right.addWidget(self.amount)
        right.addWidget(QLabel(self.tr("计算过程")))
        right.addWidget(self.steps, 1)
        right.addWidget(self.warnings)
        right.addWidget(QLabel(self.tr("请求事项")))
        right.addWidget(self.claim_text)
        right.addWidget(QLabel(self.tr("计算依据（可修改）")))
        right.addWidget(self.basis)
        right.addWidget(self.add_basis)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(result, 3)
        body = QVBoxLayout(self)
        body.addLayout(columns, 1)
        body.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._show_inputs)
        self._stale()

    def _show_inputs(self) -> None:
        wanted = INPUTS[self.kind.currentData()]
        for name, edit in self.edits.items():
            self.inputs.setRowVisible(edit, name in wanted)
        self.inputs.setRowVisible(self.grade, "grade" in wanted)
        for name, box in self.checks.items():
            self.inputs.setRowVisible(box, name in wanted)
        self._stale()

    # --- behaviour -----------------------------------------------------------------------
    def _stale(self) -> None:
        """Any change of input invalidates the shown result: only a fresh one can be saved."""
        self.result = None
        self.save_button.setEnabled(False)
        self.amount.setText(self.tr("请填写左侧内容后点“计算”"))

    def inputs_for(self, name: str) -> dict[str, object]:
        values: dict[str, object] = {}
        for key in INPUTS[name]:
            if key in self.edits:
                text = self.edits[key].text().strip()
                values[key] = text or None
            elif key == "grade":
                values["grade"] = self.grade.currentData()
            elif key == "pre_2008":
                values["pre_2008_payable"] = self.checks["pre_2008"].isChecked()
            else:
                values[key] = self.checks[key].isChecked()
        for key in ("weekday_hours", "restday_hours", "holiday_hours"):
            if key in values and values[key] is None:
                values[key] = "0"
        return values

    def compute(self) -> None:
        name = self.kind.currentData()
        try:
            result = self.calculator.calculate(name, strict_city=False, **self.inputs_for(name))
        except AppError as exc:
            self.error.setText(exc.message)
            self.error.show()
            self._stale()
            return
        self.error.hide()
        months = f"（{result.months.normalize():f}个月）" if result.months is not None else ""
        self.amount.setText(f"{result.title}：{fen(result.amount):,.2f} 元{months}")
        self.steps.setPlainText("\n".join(result.steps))
        self.warnings.setText("\n".join("⚠ " + w for w in result.warnings))
        self.claim_text.setText(result.claim_text)
        self.basis.setPlainText(result.basis)
        self.result = result
        self.save_button.setEnabled(True)

    def save(self) -> None:
        result = self.result
        if result is None:
            return
        claim = ClaimInput(result.kind, self.claim_text.text().strip() or result.claim_text,
                           result.amount, result.period_start, result.period_end)
        facts = self.basis.toPlainText().strip() if self.add_basis.isChecked() else ""
        try:
            self.saved_seq, _ = self.editor.add_claim(self.detail.case_no, claim,
                                                      self.detail.version, facts=facts)
        except ValidationFailed as exc:
            self.dialogs.error(self, self.tr("无法保存"), "\n".join(e.message for e in exc.errors))
            return
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法保存"), exc.message)
            return
        self.accept()
