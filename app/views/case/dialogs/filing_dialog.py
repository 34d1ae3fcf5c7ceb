"""登记申请: a filing with a court or commission (确认/审查, 仲裁, 诉讼与执行), recorded with the
workflow step it is (申请司法确认, 申请劳动仲裁, 向人民法院起诉…) in one transaction
(ActService.record_filing); the same dialog pre-filled corrects a filing (受理日期, 结果,
对方案号, status: CorrectionService.update_filing)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLabel, QLineEdit, QWidget

from app.errors import AppError, FieldError
from app.models.enums import FilingKind, FilingStatus, label
from app.services.admin.forums import ForumService
from app.services.cases.acts import ActService, step_label
from app.services.cases.corrections import CorrectionService, FilingInput
from app.services.cases.detail import FilingView
from app.services.cases.records import RecordService
from app.views.case.dialogs.record_dialog import RecordDialog
from app.views.dialogs.party_form import parse_day
from app.views.widgets.messages import Dialogs
from app.views.widgets.record_table_model import day

DATES = {"accepted_on": "受理日期", "decided_on": "决定日期"}


class FilingDialog(RecordDialog):
    def __init__(self, records: RecordService, case_no: str, kinds: Sequence[FilingKind],
                 dialogs: Dialogs, today: date | None = None,
                 parent: QWidget | None = None, *, acts: ActService | None = None,
                 corrections: CorrectionService | None = None, version: int = 0,
                 existing: FilingView | None = None, forums: ForumService | None = None) -> None:
        title = self.tr("修改申请 — ") if existing else self.tr("登记申请 — ")
        super().__init__(title + case_no, dialogs, parent)
        self.records, self.case_no = records, case_no
        self.acts, self.corrections, self.version = acts, corrections, version
        self.existing = existing
        self.forums = forums
        self.proposed = ""
        filed = (existing.filed_on if existing else None) or today or date.today()
        self.kind = QComboBox()
        for kind in kinds:
            self.kind.addItem(label(kind), kind.value)
        self.forum = QLineEdit(existing.forum if existing else "")
        self.forum.setPlaceholderText(self.tr("如：绍兴市越城区人民法院"))
        self.forum_note = QLabel()
        self.forum_note.setWordWrap(True)
        self.has_date = QCheckBox(self.tr("已提交"))
        self.has_date.setChecked(existing is None or existing.filed_on is not None)
        self.filed_on = QDateEdit(QDate(filed.year, filed.month, filed.day))
        self.filed_on.setCalendarPopup(True)
        self.filed_on.setDisplayFormat("yyyy-MM-dd")
        self.has_date.toggled.connect(self.filed_on.setEnabled)
        self.external_no = QLineEdit(existing.external_no if existing else "")
        self.external_no.setPlaceholderText(self.tr("受理机构的案号（可稍后填写）"))
        self.status = QComboBox()
        for status in FilingStatus:
            if status != FilingStatus.WITHDRAWN:  # withdrawing asks for its reason
                self.status.addItem(label(status), status.value)
        self.dates = {key: QLineEdit(day(getattr(existing, key)) if existing else "")
                      for key in DATES}
        for edit in self.dates.values():
            edit.setPlaceholderText(self.tr("如 2026-11-23，可不填"))
        self.result = QLineEdit(existing.result if existing else "")
        self.result.setPlaceholderText(self.tr("如：裁定确认调解协议有效"))
        self.field("kind", self.tr("申请类型"), self.kind)
        self.field("forum", self.tr("受理机构"), self.forum)
        self.form.addRow("", self.forum_note)
        self.form.addRow("", self.has_date)
        self.field("filed_on", self.tr("提交日期"), self.filed_on)
        self.field("external_no", self.tr("对方案号"), self.external_no)
        self.field("status", self.tr("办理状态"), self.status)
        for key, caption in DATES.items():
            self.field(key, self.tr(caption), self.dates[key])
        self.field("result", self.tr("结果"), self.result)
        self.with_step = QCheckBox()
        if existing is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(existing.kind), 0))
            self.status.setCurrentIndex(max(self.status.findData(existing.status), 0))
        else:
            self.status.setCurrentIndex(self.status.findData(FilingStatus.SUBMITTED))
            if acts is not None:
                self.form.addRow("", self.with_step)
                self.kind.currentIndexChanged.connect(self._offer_step)
                self.filed_on.dateChanged.connect(self._offer_step)
                self._offer_step()
        self.finish_layout()
        self.resize(560, 440)
        self.kind.currentIndexChanged.connect(self.propose)
        self.propose()

    def propose(self) -> None:
        """The forum the jurisdiction rules give for the kind (管辖), which the user may change."""
        if self.forums is None:
            return
        try:
            proposal = self.forums.propose(self.case_no, self.kind.currentData())
        except AppError as exc:
            self.forum_note.setText(exc.message)
            return
        if proposal is None:
            self.forum_note.clear()
            return
        if not self.forum.text().strip() or self.forum.text().strip() == self.proposed:
            self.forum.setText(proposal.name)
        self.proposed = proposal.name
        note = self.tr("按{b}推荐（{r}）").replace("{b}", proposal.basis).replace("{r}", proposal.reason)
        others = "、".join(e.name for e in proposal.alternatives)
        self.forum_note.setText("\n".join(
            t for t in (note, others and self.tr("也有管辖权：") + others, proposal.warning) if t))

    def select_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))

    def _offer_step(self) -> None:
        """The step this filing is, offered when the law allows it on the filing date."""
        assert self.acts is not None
        on: date = self.filed_on.date().toPython()  # type: ignore[assignment]
        event, refusal = self.acts.step_for_filing(self.case_no, self.kind.currentData(), on)
        name = step_label(event) if event else ""
        self.with_step.setText(self.tr("同时登记办理事项“{e}”（按提交日期）").replace("{e}", name))
        self.with_step.setVisible(event is not None)
        self.with_step.setEnabled(refusal is None)
        self.with_step.setChecked(event is not None and refusal is None)
        self.with_step.setToolTip(refusal or "")

    def filing_input(self) -> tuple[FilingInput, list[FieldError]]:
        problems, values = [], {}
        for key, edit in self.dates.items():
            try:
                values[key] = parse_day(edit.text())
            except ValueError:
                values[key] = None
                problems.append(FieldError(key, f"{DATES[key]}无法识别，请写作 2026-11-23"))
        filed_on: date | None = (self.filed_on.date().toPython()  # type: ignore[assignment]
                                 if self.has_date.isChecked() else None)
        return FilingInput(self.kind.currentData(), self.forum.text().strip(), filed_on,
                           values["accepted_on"], values["decided_on"],
                           self.external_no.text().strip(), self.status.currentData(),
                           self.result.text().strip()), problems

    def save(self) -> None:
        data, problems = self.filing_input()
        if problems:
            self.show_problems(problems)
            return
        if self.existing is not None and self.corrections is not None:
            corrections, filing_id = self.corrections, self.existing.id
            self.submit(lambda: corrections.update_filing(self.case_no, filing_id, data,
                                                          self.version))
        elif self.acts is not None:
            acts = self.acts
            self.submit(lambda: acts.record_filing(
                self.case_no, data, expected_version=self.version or None,
                with_step=not self.with_step.isHidden() and self.with_step.isChecked()))
        else:
            self.submit(lambda: self.records.add_filing(
                self.case_no, data.kind, forum=data.forum, filed_on=data.filed_on,
                external_no=data.external_no, status=data.status))
