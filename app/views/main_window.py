"""Main window: the case list with instant search (the full workspace comes with the GUI issue)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.cases import CaseService
from app.services.dto import CaseQuery
from app.services.workflow import WorkflowService
from app.views.case_table_model import CASE_NO_ROLE, PAGE_SIZE, CaseTableModel
from app.views.deadlines_dialog import DeadlinesDialog

SEARCH_DELAY_MS = 200
# Wide enough for 乌新调〔2026〕00001号, two applicants and a platform's full name.
COLUMN_WIDTHS = [200, 95, 120, 330, 90, 90, 200, 90]


class MainWindow(QMainWindow):
    def __init__(self, cases: CaseService, settings: QSettings | None = None,
                 workflow: WorkflowService | None = None) -> None:
        super().__init__()
        self.cases = cases
        self.workflow = workflow
        self.settings = settings
        self.setWindowTitle(self.tr("调解工作台"))
        self.model = CaseTableModel(cases.list_cases, self)
        self._build()
        self._connect()
        self.model.set_query(CaseQuery(limit=PAGE_SIZE))
        self._update_status()
        self._restore_geometry()

    def _build(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("搜索案号、当事人、身份证号、电话…（Ctrl+F）"))
        self.search_box.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.count_label = QLabel()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.search_box)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.statusBar().addPermanentWidget(self.count_label)
        find = QAction(self.tr("搜索"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.search_box.setFocus)
        self.addAction(find)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

    def _connect(self) -> None:
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self._search_timer.timeout.connect(self.apply_search)
        self.table.doubleClicked.connect(self.open_deadlines)

    def open_deadlines(self, index: object) -> DeadlinesDialog | None:
        """Double-click a case: its deadlines, derived from its events as of today."""
        if self.workflow is None:
            return None
        case_no = self.model.data(index, CASE_NO_ROLE)  # type: ignore[arg-type]
        if not case_no:
            return None
        dialog = DeadlinesDialog(self.workflow, str(case_no), self)
        dialog.show()
        return dialog

    def apply_search(self) -> None:
        query = self.model.query()
        self.model.set_query(replace(query, search=self.search_box.text(), offset=0))
        self._update_status()

    def _update_status(self) -> None:
        self.count_label.setText(self.tr("共 {n} 件案件").replace("{n}", str(self.model.total)))

    def _restore_geometry(self) -> None:
        if self.settings is not None:
            geometry = self.settings.value("main_window/geometry")
            if isinstance(geometry, QByteArray):
                self.restoreGeometry(geometry)
                return
        self.resize(1280, 760)

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        if self.settings is not None:
            self.settings.setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)  # type: ignore[arg-type]
