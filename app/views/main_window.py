"""Main window: the case list with instant search (the full workspace comes with the GUI issue)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

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
from app.services.documents import DocumentService
from app.services.dto import CaseQuery
from app.services.workflow import WorkflowService
from app.views.case_table_model import CASE_NO_ROLE, PAGE_SIZE, CaseTableModel
from app.views.deadlines_dialog import DeadlinesDialog
from app.views.documents_dialog import DocumentsDialog

SEARCH_DELAY_MS = 200
# Wide enough for 乌新调〔2026〕00001号, two applicants and a platform's full name.
COLUMN_WIDTHS = [200, 95, 120, 330, 90, 90, 200, 90]


class MainWindow(QMainWindow):
    def __init__(self, cases: CaseService, settings: QSettings | None = None,
                 workflow: WorkflowService | None = None,
                 documents: DocumentService | None = None,
                 output_dir: Path | None = None) -> None:
        super().__init__()
        self.cases = cases
        self.workflow = workflow
        self.documents = documents
        self.output_dir = output_dir or Path.home()
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
        toolbar = self.addToolBar(self.tr("案件"))
        toolbar.setObjectName("case_toolbar")
        deadlines = QAction(self.tr("期限"), self)
        deadlines.triggered.connect(lambda: self.open_deadlines(self.table.currentIndex()))
        documents = QAction(self.tr("文书"), self)
        documents.setShortcut(QKeySequence("Ctrl+D"))
        documents.triggered.connect(lambda: self.open_documents(self.table.currentIndex()))
        toolbar.addAction(deadlines)
        toolbar.addAction(documents)

    def open_documents(self, index: object) -> DocumentsDialog | None:
        """The selected case's documents: generate, preview, open in Word/WPS, print."""
        if self.documents is None:
            return None
        case_no = self.model.data(index, CASE_NO_ROLE)  # type: ignore[arg-type]
        if not case_no:
            self.statusBar().showMessage(self.tr("请先在列表中选择一个案件"), 5000)
            return None
        folder = self.output_dir / "文书" / str(case_no).replace("/", "_")
        dialog = DocumentsDialog(self.documents, str(case_no), folder, parent=self)
        dialog.show()
        return dialog

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
