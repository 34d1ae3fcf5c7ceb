"""记录调解: one mediation session and its record, with the 记录调解 step in one transaction
(ActService.record_session: one act, one entry; the timeline shows it once); the same dialog
pre-filled corrects one (CorrectionService.update_session, under the case version)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.services.cases.acts import SESSION_EVENT, ActService
from app.services.cases.corrections import CorrectionService
from app.services.cases.detail import SessionView
from app.services.cases.records import RecordService
from app.views.case.dialogs.record_dialog import RecordDialog
from app.views.widgets.fit import fit_to_screen
from app.views.widgets.messages import Dialogs


class SessionDialog(RecordDialog):
    def __init__(self, records: RecordService, case_no: str, dialogs: Dialogs,
                 now: datetime | None = None, parent: QWidget | None = None, *,
                 existing: SessionView | None = None,
                 corrections: CorrectionService | None = None, version: int = 0,
                 acts: ActService | None = None) -> None:
        title = self.tr("修改调解记录 — ") if existing else self.tr("记录调解 — ")
        super().__init__(title + case_no, dialogs, parent)
        self.records, self.case_no = records, case_no
        self.existing, self.corrections, self.version = existing, corrections, version
        self.acts = acts
        moment = (existing.held_at if existing else now or datetime.now()
                  ).replace(second=0, microsecond=0)
        self.held_at = QDateTimeEdit(QDateTime(moment))
        self.held_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.held_at.setCalendarPopup(True)
        self.place, self.mediators, self.attendees = QLineEdit(), QLineEdit(), QLineEdit()
        self.record, self.result = QPlainTextEdit(), QLineEdit()
        self.record.setPlaceholderText(self.tr("各方陈述、调解经过"))
        self.result.setPlaceholderText(self.tr("如：达成一致，择日签订协议 / 未达成一致"))
        self.field("held_at", self.tr("调解时间"), self.held_at)
        self.field("place", self.tr("地点"), self.place)
        self.field("mediators", self.tr("调解员"), self.mediators)
        self.field("attendees", self.tr("参加人员"), self.attendees)
        self.field("record", self.tr("调解笔录"), self.record)
        self.field("result", self.tr("结果"), self.result)
        self.with_step = QCheckBox(self.tr("同时登记办理事项“记录调解”（按调解日期）"))
        if existing is not None:
            self.place.setText(existing.place)
            self.mediators.setText(existing.mediators)
            self.attendees.setText(existing.attendees)
            self.record.setPlainText(existing.record)
            self.result.setText(existing.result)
        elif acts is not None:
            option = next((o for o in acts.workflow.options(case_no, moment.date())
                           if o.event == SESSION_EVENT), None)
            allowed = option is not None and option.allowed
            self.with_step.setChecked(allowed)
            why = (option.reason_zh or "") if option else self.tr("当前状态不能办理“记录调解”")
            self.with_step.setToolTip(why if not allowed else option.basis if option else "")
            self.body.addWidget(self.with_step)
            self.step_note = QLabel(self.tr("不能同时登记：") + why if not allowed and why else "")
            self.step_note.setWordWrap(True)
            self.step_note.setStyleSheet("color: #666;")
            self.step_note.setVisible(bool(self.step_note.text()))
            self.body.addWidget(self.step_note)
        self.finish_layout()
        fit_to_screen(self, 640, 520)

    def save(self) -> None:
        held_at: datetime = self.held_at.dateTime().toPython()  # type: ignore[assignment]
        if self.existing is not None and self.corrections is not None:
            existing, corrections = self.existing, self.corrections
            self.submit(lambda: corrections.update_session(
                self.case_no, existing.id, self.version, held_at=held_at,
                place=self.place.text(), mediators=self.mediators.text(),
                attendees=self.attendees.text(), record=self.record.toPlainText(),
                result=self.result.text()))
            return
        texts = {"place": self.place.text().strip(), "mediators": self.mediators.text().strip(),
                 "attendees": self.attendees.text().strip(),
                 "record": self.record.toPlainText().strip(),
                 "result": self.result.text().strip()}
        if self.acts is not None:
            acts = self.acts
            self.submit(lambda: acts.record_session(
                self.case_no, held_at, expected_version=self.version or None,
                with_step=self.with_step.isChecked(), **texts))
            return
        self.submit(lambda: self.records.add_session(self.case_no, held_at, **texts))
