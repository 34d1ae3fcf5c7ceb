"""期限 tab: a case's deadlines (rule, trigger, last day, article, warnings), read afresh after
every change to the case. An agreement term past its date and not performed offers
协议未按期履行 (调解仲裁法 art 15) right there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.services.workflow.workflow_service import WorkflowService
from app.views.widgets.deadline_table_model import DeadlineTableModel
from app.views.widgets.messages import Dialogs

TERM_RULE = "agreement.term_due"
BREACH = "agreement.breach"


class DeadlinesTab(QWidget):
    def __init__(self, workflow: WorkflowService, case_no: str,
                 parent: QWidget | None = None, *, dialogs: Dialogs | None = None,
                 on_changed: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.workflow, self.case_no = workflow, case_no
        self.dialogs, self.on_changed = dialogs, on_changed
        self.breach_button = QPushButton(self.tr("登记“协议未按期履行”…"))
        self.breach_button.setToolTip(self.tr("履行期限已过而未履行：当事人可以依法申请仲裁"
                                              "（《劳动争议调解仲裁法》第十五条）"))
        self.breach_button.clicked.connect(self.record_breach)
        self.breach_button.hide()
        self.model = DeadlineTableModel([], self)
        self.header = QLabel()
        table = QTableView()
        table.setModel(self.model)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        for column, width in enumerate((95, 80, 300, 300)):
            table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.breach_button)
        layout.addLayout(top)
        layout.addWidget(table)
        self.table = table
        self.refresh()

    def refresh(self) -> None:
        _state, label = self.workflow.state_of(self.case_no)
        self.header.setText(self.tr("案号：{no}　当前状态：{state}").replace("{no}", self.case_no)
                            .replace("{state}", label))
        deadlines = self.workflow.deadlines(self.case_no)
        self.model.set_deadlines(deadlines)
        self.table.resizeRowsToContents()
        overdue = any(d.rule_id == TERM_RULE and d.pending and d.state.value == "missed"
                      for d in deadlines)
        allowed = overdue and self.dialogs is not None and any(
            o.event == BREACH and o.allowed for o in self.workflow.options(self.case_no))
        self.breach_button.setVisible(allowed)

    def record_breach(self) -> bool:
        assert self.dialogs is not None
        if not self.dialogs.confirm(self, self.tr("协议未按期履行"),
                                    self.tr("登记今日“协议未按期履行”？此后可申请劳动仲裁（第十五条）"
                                            "或支付令（第十六条），履行期限提醒随之结束。")):
            return False
        try:
            self.workflow.advance(self.case_no, BREACH)
        except AppError as exc:
            self.dialogs.error(self, self.tr("不能办理"), exc.message)
            return False
        if self.on_changed is not None:
            self.on_changed()
        else:
            self.refresh()
        return True

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)  # type: ignore[arg-type]
        # Measured once the columns have their real widths: long articles and warnings wrap.
        self.table.resizeRowsToContents()
