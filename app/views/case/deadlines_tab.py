"""期限 tab: a case's deadlines (rule, trigger, last day, article, warnings), read afresh after
every change to the case."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.services.workflow.workflow_service import WorkflowService
from app.views.widgets.deadline_table_model import DeadlineTableModel


class DeadlinesTab(QWidget):
    def __init__(self, workflow: WorkflowService, case_no: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workflow, self.case_no = workflow, case_no
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
        layout.addWidget(self.header)
        layout.addWidget(table)
        self.table = table
        self.refresh()

    def refresh(self) -> None:
        _state, label = self.workflow.state_of(self.case_no)
        self.header.setText(self.tr("案号：{no}　当前状态：{state}").replace("{no}", self.case_no)
                            .replace("{state}", label))
        self.model.set_deadlines(self.workflow.deadlines(self.case_no))
        self.table.resizeRowsToContents()

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)  # type: ignore[arg-type]
        # Measured once the columns have their real widths: long articles and warnings wrap.
        self.table.resizeRowsToContents()
