"""A case's deadlines in a dialog (the full case view comes with the GUI issue)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from app.services.workflow.workflow_service import WorkflowService
from app.views.widgets.deadline_table_model import DeadlineTableModel


class DeadlinesDialog(QDialog):
    def __init__(self, workflow: WorkflowService, case_no: str, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setWindowTitle(self.tr("案件期限 — ") + case_no)
        _state, label = workflow.state_of(case_no)
        self.model = DeadlineTableModel(workflow.deadlines(case_no), self)
        self.header = QLabel(self.tr("案号：{no}　当前状态：{state}").replace("{no}", case_no)
                             .replace("{state}", label))
        table = QTableView()
        table.setModel(self.model)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        for column, width in enumerate((95, 80, 300, 300)):
            table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(1200, 520)

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)  # type: ignore[arg-type]
        # Measured once the columns have their real widths: long articles and warnings wrap.
        self.table.resizeRowsToContents()
