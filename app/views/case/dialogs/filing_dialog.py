"""登记申请: a filing with a court or commission (确认/审查, 仲裁, 诉讼与执行) → add_filing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLabel, QLineEdit, QWidget

from app.errors import AppError
from app.models.enums import FilingKind, FilingStatus, label
from app.services.admin.forums import ForumService
from app.services.cases.records import RecordService
from app.views.case.dialogs.record_dialog import RecordDialog
from app.views.widgets.messages import Dialogs


class FilingDialog(RecordDialog):
    def __init__(self, records: RecordService, case_no: str, kinds: Sequence[FilingKind],
                 dialogs: Dialogs, today: date | None = None,
                 parent: QWidget | None = None, forums: ForumService | None = None) -> None:
        super().__init__(self.tr("登记申请 — ") + case_no, dialogs, parent)
        self.records, self.case_no = records, case_no
        self.forums = forums
        self.proposed = ""
        day = today or date.today()
        self.kind = QComboBox()
        for kind in kinds:
            self.kind.addItem(label(kind), kind.value)
        self.forum = QLineEdit()
        self.forum.setPlaceholderText(self.tr("如：绍兴市越城区人民法院"))
        self.forum_note = QLabel()
        self.forum_note.setWordWrap(True)
        self.has_date = QCheckBox(self.tr("已提交"))
        self.has_date.setChecked(True)
        self.filed_on = QDateEdit(QDate(day.year, day.month, day.day))
        self.filed_on.setCalendarPopup(True)
        self.filed_on.setDisplayFormat("yyyy-MM-dd")
        self.has_date.toggled.connect(self.filed_on.setEnabled)
        self.external_no = QLineEdit()
        self.external_no.setPlaceholderText(self.tr("受理机构的案号（可稍后填写）"))
        self.status = QComboBox()
        for status in FilingStatus:
            self.status.addItem(label(status), status.value)
        self.status.setCurrentIndex(self.status.findData(FilingStatus.SUBMITTED))
        self.field("kind", self.tr("申请类型"), self.kind)
        self.field("forum", self.tr("受理机构"), self.forum)
        self.form.addRow("", self.forum_note)
        self.form.addRow("", self.has_date)
        self.field("filed_on", self.tr("提交日期"), self.filed_on)
        self.field("external_no", self.tr("对方案号"), self.external_no)
        self.field("status", self.tr("办理状态"), self.status)
        self.finish_layout()
        self.resize(560, 400)
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

    def save(self) -> None:
        filed_on: date | None = (self.filed_on.date().toPython()  # type: ignore[assignment]
                                 if self.has_date.isChecked() else None)
        self.submit(lambda: self.records.add_filing(
            self.case_no, self.kind.currentData(), forum=self.forum.text().strip(),
            filed_on=filed_on, external_no=self.external_no.text().strip(),
            status=self.status.currentData()))
