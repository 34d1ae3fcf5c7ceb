"""The case's next legal steps as buttons: allowed ones act, refused ones say why on hover.
An act with data (签订调解协议, a filing) opens its dialog, which records the act and its step
together; 撤销上一步 undoes the last step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, ValidationFailed
from app.services.cases.acts import AGREEMENT_EVENT, EVENT_FILING
from app.services.workflow.workflow_service import WorkflowService
from app.views.widgets.messages import Dialogs, QtDialogs

COLUMNS = 3
# Acts with data: the button opens their dialog (the record and the step in one entry).
ACT_EVENTS = frozenset({AGREEMENT_EVENT, *EVENT_FILING})


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class WorkflowActionsWidget(QWidget):
    def __init__(self, workflow: WorkflowService, case_no: str, today: date,
                 dialogs: Dialogs | None = None, on_changed: Callable[[], None] | None = None,
                 parent: QWidget | None = None, *,
                 open_act: Callable[[str, date], bool] | None = None,
                 on_undo: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self.open_act = open_act
        self.workflow = workflow
        self.case_no = case_no
        self.dialogs = dialogs or QtDialogs()
        self.on_changed = on_changed
        self.state_label = QLabel()
        self.when = QDateEdit(_qdate(today))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy年M月d日")
        self.hearing = QDateEdit(_qdate(today))
        self.hearing.setCalendarPopup(True)
        self.hearing.setDisplayFormat("yyyy年M月d日")
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("备注（可不填）"))
        form = QFormLayout()
        form.addRow(self.tr("办理日期"), self.when)
        form.addRow(self.tr("开庭日期（通知开庭时）"), self.hearing)
        form.addRow(self.tr("备注"), self.note)
        self.box = QGroupBox(self.tr("可办理的事项（灰色按钮不能办理，鼠标停留可看原因）"))
        self.grid = QGridLayout(self.box)
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.state_label, 1)
        self.undo_button: QPushButton | None = None
        if on_undo is not None:
            self.undo_button = QPushButton(self.tr("撤销上一步…"))
            self.undo_button.setToolTip(self.tr("撤销最后一次办理的事项，恢复办理前的状态和期限（须写明原因）"))
            self.undo_button.clicked.connect(lambda _=False: on_undo())
            top.addWidget(self.undo_button)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.box)
        layout.addStretch(1)
        self.refresh()
        # The steps open on the chosen day, not today's (a guard judges the event's date).
        self.when.dateChanged.connect(lambda _=None: self.refresh())

    def refresh(self) -> None:
        state, label = self.workflow.state_of(self.case_no)
        self.state_label.setText(self.tr("当前状态：") + label)
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons.clear()
        for i, option in enumerate(self.workflow.options(self.case_no,
                                                         _pydate(self.when.date()))):
            act = self.open_act is not None and option.event in ACT_EVENTS
            button = QPushButton(option.label_zh + ("…" if act else ""))
            button.setEnabled(option.allowed)
            tip = option.basis if option.allowed else (option.reason_zh or "")
            button.setToolTip(tip + ("\n" + self.tr("打开录入对话框，与记录一起登记") if act else ""))
            button.clicked.connect(lambda _=False, e=option.event: self.advance(e))
            self.grid.addWidget(button, i // COLUMNS, i % COLUMNS)
            self.buttons[option.event] = button

    def advance(self, event: str) -> bool:
        if self.open_act is not None and self.open_act(event, _pydate(self.when.date())):
            return True  # its dialog records the act and the step together
        data = {"hearing_date": _pydate(self.hearing.date()).isoformat()} \
            if event == "arbitration.schedule_hearing" else {}
        try:
            result = self.workflow.advance(self.case_no, event, _pydate(self.when.date()),
                                           data=data, note=self.note.text())
        except ValidationFailed as exc:
            self.dialogs.error(self, self.tr("不能办理"), "\n".join(e.message for e in exc.errors))
            return False
        except AppError as exc:
            self.dialogs.error(self, self.tr("不能办理"), exc.message)
            return False
        text = self.tr("案件现为“{s}”。依据：{b}").replace("{s}", result.state_label) \
            .replace("{b}", result.basis)
        # What the clerk must read: the final-award test and its wage entry, a wrong forum.
        text += "".join("\n" + self.tr("注意：") + note for note in result.notes)
        self.dialogs.info(self, self.tr("已办理"), text)
        self.note.clear()
        self.refresh()
        if self.on_changed is not None:
            self.on_changed()
        return True
