"""The case's next legal steps as buttons: the steps that fit the case's state lead (a few large
buttons), the rest wait under 其他事项 grouped by track; allowed ones act, refused ones say why on
hover; a final or consequential step asks first and says what follows. An act with data
(签订调解协议, a filing) opens its dialog, which records the act and its step together;
撤销上一步 undoes the last step."""

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
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, ValidationFailed
from app.services.cases.acts import AGREEMENT_EVENT, EVENT_FILING, SESSION_EVENT
from app.services.workflow.workflow_service import WorkflowService
from app.views.widgets.messages import Dialogs, QtDialogs
from app.workflow.transitions import EventOption

COLUMNS = 3
LEAD_COUNT = 4  # at most this many large buttons lead
# Acts with data: the button opens their dialog (the record and the step in one entry).
ACT_EVENTS = frozenset({AGREEMENT_EVENT, SESSION_EVENT, *EVENT_FILING})


# The usual road of a case, in order: the allowed steps on it lead, the earliest first.
MAIN_LINE = (
    "classify", "mediation.accept", "mediation.session", "agreement.sign", "mediation.fail",
    "agreement.perform", "agreement.breach", "confirmation.apply", "confirmation.accept",
    "confirmation.confirm", "review.apply", "review.accept", "review.confirm",
    "payment_order.apply", "payment_order.accept", "payment_order.issue", "payment_order.serve",
    "payment_order.effective", "arbitration.apply", "arbitration.apply_after_15_days",
    "arbitration.accept", "arbitration.serve", "arbitration.answer", "arbitration.form_tribunal",
    "arbitration.schedule_hearing", "award.nonfinal", "award.final", "award.serve",
    "award.effective", "court.sue", "court.accept", "court.judgment", "court.judgment_effective",
    "enforcement.apply", "enforcement.conclude", "case.close",
)
LEADS_LAST = frozenset({"case.close"})  # leads only when no other step does
# 其他事项: each event's track by the prefix of its name; unlisted prefixes go to 调解.
TRACKS = ("调解", "仲裁", "诉讼", "法律援助", "监察")
TRACK_OF_PREFIX = {
    "review": "仲裁", "arbitration": "仲裁", "award": "仲裁",
    "confirmation": "诉讼", "payment_order": "诉讼", "court": "诉讼", "enforcement": "诉讼",
    "legal_aid": "法律援助", "inspection": "监察", "wage_clue": "监察",
}
_UNDO_HINT = "如果办错，可用“撤销上一步”（须写明原因）恢复。"
# Final or consequential steps ask first, saying what follows.
CONSEQUENCES = {
    "case.close": "案件将结案归档，状态改为“已结案”，不再作为在办案件办理，其后的期限不再提醒。",
    "award.effective": "非终局裁决将记为已发生法律效力：起诉期已满，当事人不能再就此向人民法院"
                       "起诉；一方不履行的，另一方可以申请强制执行。",
    "case.withdraw": "申请人撤回申请，调解程序终止，案件以“已撤回”结案。",
    "arbitration.withdraw": "撤回仲裁申请，仲裁程序终止，审理期限不再计算。",
    "mediation.refuse": "不予受理调解申请，调解程序不开始；当事人可以向劳动争议仲裁委员会申请仲裁"
                        "（调解仲裁法第五条）。",
    "arbitration.refuse": "仲裁委不予受理：申请人可以就该劳动争议事项向人民法院提起诉讼"
                          "（调解仲裁法第二十九条）。",
    "review.refuse": "仲裁委不予受理或者不予确认，仲裁审查结束；当事人可以另行申请仲裁。",
}


def track_of(event: str) -> str:
    return TRACK_OF_PREFIX.get(event.split(".", 1)[0], "调解")


def lead_options(state: str, options: list[EventOption]) -> list[EventOption]:
    """The allowed steps of the usual road, earliest first, at most LEAD_COUNT. Before the
    mediation (收到申请, 协商) only the mediation's own steps lead; 结案归档 leads only when
    nothing else does."""
    early = state.startswith(("intake.", "negotiation."))
    road = sorted((o for o in options if o.allowed and o.event in MAIN_LINE),
                  key=lambda o: MAIN_LINE.index(o.event))
    leads = [o for o in road if o.event not in LEADS_LAST
             and not (early and track_of(o.event) != "调解")]
    return (leads or [o for o in road if o.event in LEADS_LAST])[:LEAD_COUNT]


def _date_text(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


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
        self.buttons: dict[str, QPushButton] = {}
        self.lead_events: list[str] = []  # the large buttons, in their order
        self.track_boxes: dict[str, QGroupBox] = {}  # 其他事项 by track
        self.steps: QWidget | None = None
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
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
        layout.addWidget(self.scroll, 1)
        self.refresh()
        # The steps open on the chosen day, not today's (a guard judges the event's date).
        self.when.dateChanged.connect(lambda _=None: self.refresh())

    def refresh(self) -> None:
        state, label = self.workflow.state_of(self.case_no)
        self.state_label.setText(self.tr("当前状态：") + label)
        options = self.workflow.options(self.case_no, _pydate(self.when.date()))
        self.buttons.clear()
        self.track_boxes.clear()
        self.steps = QWidget()
        column = QVBoxLayout(self.steps)
        column.setContentsMargins(0, 0, 0, 0)
        leads = lead_options(state, options)
        self.lead_events = [o.event for o in leads]
        lead_box = QGroupBox(self.tr("下一步"))
        row = QHBoxLayout(lead_box)
        for option in leads:
            button = self._button(option)
            button.setMinimumHeight(52)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.25)
            font.setBold(True)
            button.setFont(font)
            row.addWidget(button)
        if not leads:
            row.addWidget(QLabel(self.tr("本案已办结，没有待办的事项。") if state.startswith("closed.")
                                 else self.tr("眼下没有可直接办理的下一步，其他事项见下方。")))
        column.addWidget(lead_box)
        others = QGroupBox(self.tr("其他事项（灰色按钮不能办理，鼠标停留可看原因）"))
        by_track = QVBoxLayout(others)
        for track in TRACKS:
            rest = [o for o in options if o.event not in self.lead_events
                    and track_of(o.event) == track]
            if not rest:
                continue
            box = QGroupBox(self.tr(track))
            grid = QGridLayout(box)
            for i, option in enumerate(rest):
                grid.addWidget(self._button(option), i // COLUMNS, i % COLUMNS)
            by_track.addWidget(box)
            self.track_boxes[track] = box
        if self.track_boxes:
            column.addWidget(others)
        else:
            others.deleteLater()
        column.addStretch(1)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(self.steps)

    def _button(self, option: EventOption) -> QPushButton:
        act = self.open_act is not None and option.event in ACT_EVENTS
        asks = option.event in CONSEQUENCES
        button = QPushButton(option.label_zh + ("…" if act or asks else ""))
        button.setEnabled(option.allowed)
        tip = option.basis if option.allowed else (option.reason_zh or "")
        if act:
            tip += "\n" + self.tr("打开录入对话框，与记录一起登记")
        elif asks and option.allowed:
            tip += "\n" + self.tr("办理前会先确认")
        button.setToolTip(tip)
        button.clicked.connect(lambda _=False, e=option.event: self.advance(e))
        self.buttons[option.event] = button
        return button

    def confirm_text(self, event: str, label: str) -> str:
        """What a final or consequential step asks before it is recorded."""
        when = _date_text(_pydate(self.when.date()))
        return (self.tr("确定于{d}办理“{l}”吗？").replace("{d}", when).replace("{l}", label)
                + "\n\n" + self.tr(CONSEQUENCES[event]) + "\n" + self.tr(_UNDO_HINT))

    def advance(self, event: str) -> bool:
        if self.open_act is not None and self.open_act(event, _pydate(self.when.date())):
            return True  # its dialog records the act and the step together
        if event in CONSEQUENCES:
            button = self.buttons.get(event)
            label = button.text().rstrip("…") if button is not None else event
            if not self.dialogs.confirm(self, self.tr("请确认"), self.confirm_text(event, label)):
                return False
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
