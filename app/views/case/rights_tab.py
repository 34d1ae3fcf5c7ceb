"""权益核查 tab of a case: the questionnaire on the left, the findings on the right.

Answers are saved with the case and checked by RightsService against the case's own city; a
wrong answer is shown next to its question and nothing is saved. A finding that suggests a claim
is added to the case's 请求事项 with one click.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, ValidationFailed
from app.services.knowledge.rights_service import FindingView, RightsReport, RightsService
from app.views.case.record_list_tab import RecordListTab
from app.views.widgets.inline_error import InlineError, add_field
from app.views.widgets.messages import Dialogs
from app.views.widgets.record_table_model import ROW_ROLE, Column

STATUS_COLOURS = {"breach": "#c62828", "possible_breach": "#8a6d00", "no_breach": "#2e7d32",
                  "not_applicable": "#777777"}
YES_NO = [("不清楚", ""), ("是", "yes"), ("否", "no")]
PLACEHOLDERS = {"number": "数字", "date": "如 2026-09-01", "text": ""}
COLUMNS = [
    Column("权益", lambda f: f.title), Column("结论", lambda f: f.status_label),
    Column("核查发现", lambda f: f.found, tooltip=lambda f: "待补充：" + "；".join(f.missing)
           if f.missing else f.found),
    Column("依据（本地）", lambda f: "；".join(f.citations) or f.note,
           tooltip=lambda f: "\n".join((*f.citations, *f.national)) or f.note),
    Column("可提出的请求", lambda f: f.claim_text),
]


def _finding_colour(f: FindingView) -> str | None:
    return STATUS_COLOURS.get(f.status)


class RightsTab(QWidget):
    def __init__(self, rights: RightsService, case_no: str, dialogs: Dialogs,
                 on_claims_changed: Callable[[], object] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rights, self.case_no, self.dialogs = rights, case_no, dialogs
        self._on_claims_changed = on_claims_changed
        self.inputs: dict[str, QLineEdit | QComboBox] = {}
        self.messages: dict[str, InlineError] = {}
        holder = QWidget()
        form = QFormLayout(holder)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # long questions on top
        for q in rights.questions():
            widget: QLineEdit | QComboBox
            if q.kind == "yes_no":
                widget = QComboBox()
                for caption, value in YES_NO:
                    widget.addItem(caption, value)
            else:
                widget = QLineEdit()
                widget.setPlaceholderText(PLACEHOLDERS.get(q.kind, "") + (f"（{q.unit}）"
                                                                           if q.unit else ""))
            widget.setToolTip("涉及：" + "、".join(q.rights))
            self.messages[q.key] = add_field(form, q.text, widget)
            self.inputs[q.key] = widget
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.check_button = QPushButton(self.tr("保存并核查"))
        self.check_button.clicked.connect(self.save_and_check)
        left = QVBoxLayout()
        left.addWidget(scroll, 1)
        left.addWidget(self.check_button)
        self.findings = RecordListTab(COLUMNS, (150, 70, 260, 260), colour=_finding_colour)
        self.claim_button = self.findings.add_button(self.tr("转为请求事项"))
        self.claim_button.clicked.connect(self.add_claim)
        row = QHBoxLayout(self)
        row.addLayout(left, 2)
        row.addWidget(self.findings, 3)
        self.load()

    def values(self) -> dict[str, object]:
        return {key: (w.currentData() if isinstance(w, QComboBox) else w.text().strip())
                for key, w in self.inputs.items()}

    def load(self) -> None:
        stored = self.rights.answers(self.case_no)
        for key, widget in self.inputs.items():
            value = stored.get(key, "")
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value), 0))
            else:
                widget.setText(str(value))
        self.show_report(self.rights.check(self.case_no))

    def show_report(self, report: RightsReport) -> None:
        counts = "，".join(f"{label} {n} 项" for label, n in (
            ("违反", report.count("breach")), ("可能违反", report.count("possible_breach")),
            ("信息不足", report.count("not_enough_data"))))
        self.findings.set_rows(report.findings, self.tr("地区：") + report.jurisdiction
                               + self.tr("；") + counts)

    def save_and_check(self) -> bool:
        for message in self.messages.values():
            message.show_problems([])
        try:
            self.rights.save_answers(self.case_no, self.values())
        except ValidationFailed as exc:
            for problem in exc.errors:
                if problem.field in self.messages:
                    self.messages[problem.field].show_problems([problem])
            self.dialogs.error(self, self.tr("答案有误"),
                               self.tr("有 {n} 个答案需要改正，请看各问题下的红字提示，未保存任何答案。")
                               .replace("{n}", str(len(exc.errors))))
            return False
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法保存"), exc.message)
            return False
        self.show_report(self.rights.check(self.case_no))
        return True

    def add_claim(self) -> int | None:
        rows = self.findings.table.selectionModel().selectedRows()
        if not rows:
            self.dialogs.info(self, self.tr("请先选择"), self.tr("请先在核查结果中选择一项"))
            return None
        finding = self.findings.model.data(rows[0], ROW_ROLE)
        try:
            seq = self.rights.finding_to_claim(self.case_no, finding.right)
        except AppError as exc:
            self.dialogs.error(self, self.tr("未添加请求"), exc.message)
            return None
        self.dialogs.info(self, self.tr("已添加请求"), self.tr("已作为第 {n} 项请求事项加入本案：")
                          .replace("{n}", str(seq)) + finding.claim_text)
        if self._on_claims_changed is not None:
            self._on_claims_changed()
        return seq
