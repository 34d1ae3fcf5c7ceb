"""The case list (案件): instant search, filters, pages loaded on demand (100,000 cases stay
smooth: only the rows scrolled to are fetched)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.models.enums import CaseStatus, RelationshipCategory, Stage, label
from app.services.cases.case_service import CaseService
from app.services.cases.detail import FilterChoices
from app.services.cases.dto import CasePage, CaseQuery
from app.views.widgets.background import BackgroundTask, Progress, run_in_background
from app.views.widgets.case_table_model import CASE_NO_ROLE, PAGE_SIZE, CaseTableModel
from app.views.widgets.messages import Dialogs, QtDialogs

if TYPE_CHECKING:  # the dialogs, bundles (pyzipper) and CSV writer load when first used
    from app.services.exchange.bundle import BundleService
    from app.views.dialogs.table_import_dialog import ImportSteps, TableImportDialog

SEARCH_DELAY_MS = 200
# Wide enough for 乌新调〔2026〕00001号, two applicants and a platform's full name.
COLUMN_WIDTHS = [190, 90, 150, 260, 80, 90, 150, 70, 70]
ANY = None


class CaseListPage(QWidget):
    case_opened = Signal(str)
    new_case_requested = Signal()

    def __init__(self, cases: CaseService, choices: FilterChoices | None = None,
                 parent: QWidget | None = None, dialogs: Dialogs | None = None, *,
                 import_steps: Callable[[], ImportSteps] | None = None,
                 bundles: BundleService | Callable[[], BundleService] | None = None,
                 fill: bool = True,
                 read_choices: Callable[[], FilterChoices] | None = None) -> None:
        """`read_choices`: the filters' choices, read with the first page by `begin_fill`
        (instead of `choices` at once)."""
        super().__init__(parent)
        self._choices = read_choices
        self._cases, self.dialogs = cases, dialogs or QtDialogs()
        self._bundles = bundles  # or how to get it: the bundle stack loads when first used
        self.bundle_dialog: QDialog | None = None
        self._import_steps = import_steps
        self.import_dialog: TableImportDialog | None = None
        self.task: BackgroundTask | None = None
        self.model = CaseTableModel(cases.list_cases, self)
        self.model.deferred = not fill  # `fill()` reads the first page (a quick start)
        self._build(choices or FilterChoices((), (), ()))
        self._connect()
        self.model.set_query(CaseQuery(limit=PAGE_SIZE))
        if fill:
            self._update_count()

    def fill(self) -> None:
        """Read the first page of a list built with `fill=False` (once)."""
        if self.model.deferred:
            self.model.deferred = False
            self.model.set_query(self.model.query())
            self._update_count()

    def begin_fill(self) -> Callable[[], tuple[int, CasePage, FilterChoices | None]]:
        """For a list built with `fill=False`: a reader of its first page (and, when
        `choices` reads them, the filters' choices) that touches no widget, to run on a worker;
        hand its result to `show_filled`. Meanwhile the list says it is loading, and a search
        typed before the page came runs as usual (the page read for the old query is dropped)."""
        generation, query = self.model.first_page_query()
        self.count_label.setText(self.tr("正在载入…"))
        list_cases, choices = self._cases.list_cases, self._choices

        def read() -> tuple[int, CasePage, FilterChoices | None]:
            return generation, list_cases(query), choices() if choices is not None else None

        return read

    def show_filled(self, filled: tuple[int, CasePage, FilterChoices | None]) -> None:
        generation, first, choices = filled
        if choices is not None:
            self.set_choices(choices)
        if self.model.show_first_page(generation, first):
            self._update_count()

    def show_failure(self, text: str) -> None:
        self.count_label.setText(self.tr("案件列表载入失败：") + text + self.tr("（按 F5 重试）"))

    def set_choices(self, choices: FilterChoices) -> None:
        """The cities, occupations and platforms of the filters, after the list was built
        (the current choice of each stays)."""
        for name, values in (("city", choices.cities), ("occupation", choices.occupations),
                             ("platform", choices.platforms)):
            combo = self.filters[name]
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _build(self, choices: FilterChoices) -> None:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("搜索案号、当事人、身份证号、电话…（Ctrl+F）"))
        self.search_box.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("新建案件"))
        self.export_button = QPushButton(self.tr("导出 CSV…"))
        self.export_button.setToolTip(self.tr("按当前的搜索、筛选和排序导出全部案件，可用 Excel 打开"))
        self.filters: dict[str, QComboBox] = {
            "stage": self._combo(self.tr("全部阶段"), [(label(m), m.value) for m in Stage]),
            "status": self._combo(self.tr("全部状态"), [(label(m), m.value) for m in CaseStatus]),
            "city": self._combo(self.tr("全部城市"), [(c, c) for c in choices.cities]),
            "occupation": self._combo(self.tr("全部职业"), [(c, c) for c in choices.occupations]),
            "platform": self._combo(self.tr("全部平台"), [(c, c) for c in choices.platforms]),
            "category": self._combo(self.tr("全部用工关系"),
                                    [(label(m), m.value) for m in RelationshipCategory]),
            "collective": self._combo(self.tr("个人与集体"),
                                      [(self.tr("集体争议"), True), (self.tr("个人争议"), False)]),
        }
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        if self._import_steps is not None:
            self.import_button = QPushButton(self.tr("导入台账…"))
            self.import_button.setToolTip(self.tr("从 Excel/CSV 导入其他系统或手工登记的案件台账"))
            self.import_button.clicked.connect(self.import_register)
            top.addWidget(self.import_button)
        if self._bundles is not None:  # case bundles to and from another office (encrypted)
            self.bundle_export_button = QPushButton(self.tr("打包移交…"))
            self.bundle_export_button.clicked.connect(self.export_bundle)
            self.bundle_import_button = QPushButton(self.tr("导入案件包…"))
            self.bundle_import_button.clicked.connect(self.import_bundle)
            top.addWidget(self.bundle_import_button)
            top.addWidget(self.bundle_export_button)
        top.addWidget(self.export_button)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        for combo in self.filters.values():
            filters.addWidget(combo)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        # Conditions the filters cannot show (a period, a claim type), set by the statistics
        # screen's click-through; shown with a button to drop them.
        self.condition = QLabel()
        self.clear_condition = QPushButton(self.tr("清除此条件"))
        self.clear_condition.clicked.connect(self.drop_condition)
        condition = QHBoxLayout()
        condition.addWidget(self.condition)
        condition.addWidget(self.clear_condition)
        condition.addStretch(1)
        self.condition.hide()
        self.clear_condition.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(condition)
        layout.addWidget(self.table, 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

    @staticmethod
    def _combo(everything: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, ANY)
        for text, value in items:
            combo.addItem(text, value)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMaximumWidth(220)
        return combo

    def _connect(self) -> None:
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self._search_timer.timeout.connect(self.apply_search)
        for combo in self.filters.values():
            combo.currentIndexChanged.connect(lambda _i: self.apply_search())
        self.table.doubleClicked.connect(self._open)
        self.new_button.clicked.connect(self.new_case_requested)
        self.export_button.clicked.connect(self.export_csv)

    def set_filter(self, name: str, value: object) -> None:
        combo = self.filters[name]
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def apply_search(self) -> None:
        values = {name: combo.currentData() for name, combo in self.filters.items()}
        query = replace(self.model.query(), search=self.search_box.text(), offset=0, **values)
        self.model.set_query(query)
        self._update_count()

    def show_query(self, query: CaseQuery, caption: str) -> None:
        """The cases behind a figure: the filters it maps to, plus its period or claim type."""
        for combo in self.filters.values():
            combo.blockSignals(True)
        for name, combo in self.filters.items():
            combo.setCurrentIndex(max(combo.findData(getattr(query, name)), 0))
        for combo in self.filters.values():
            combo.blockSignals(False)
        self.search_box.blockSignals(True)
        self.search_box.setText(query.search)
        self.search_box.blockSignals(False)
        self.model.set_query(replace(query, offset=0, limit=PAGE_SIZE))
        self.condition.setText(self.tr("条件：") + caption)
        self.condition.show()
        self.clear_condition.show()
        self._update_count()

    def drop_condition(self) -> None:
        self.condition.hide()
        self.clear_condition.hide()
        self.model.set_query(replace(self.model.query(), received_from=None, received_to=None,
                                     claim_type=None, organisation_id=None, offset=0))
        self._update_count()

    def export_csv(self) -> BackgroundTask | None:
        path = self.dialogs.save_file(self, self.tr("导出案件列表"), Path("案件列表.csv"),
                                      "CSV 文件 (*.csv)")
        if path is None:
            return None
        if path.suffix.lower() != ".csv":
            path = path.with_suffix(".csv")
        query = self.model.query()

        def op(_progress: Progress) -> int:
            from app.services.reports.case_csv import write_case_list_csv

            return write_case_list_csv(self._cases, query, path)

        def done(count: int) -> None:
            self.dialogs.info(self, self.tr("已导出"), self.tr("已把 {n} 件案件导出到 {p}")
                              .replace("{n}", f"{count:,}").replace("{p}", str(path)))

        def failed(exc: Exception) -> None:
            text = exc.message if isinstance(exc, AppError) else f"{type(exc).__name__}: {exc}"
            self.dialogs.error(self, self.tr("导出失败"), text)

        self.task = run_in_background(self, op, on_success=done, on_failure=failed,
                                      label=self.tr("正在导出案件列表…"))
        return self.task

    def import_register(self) -> TableImportDialog | None:
        if self._import_steps is None:
            return None
        from app.views.dialogs.table_import_dialog import TableImportDialog

        self.import_dialog = TableImportDialog(self._import_steps(), self.dialogs, self)
        self.import_dialog.accepted.connect(self.refresh)
        self.import_dialog.open()
        return self.import_dialog

    def export_bundle(self) -> QDialog | None:
        case_no = self.current_case_no()
        if self._bundles is None or case_no is None:
            self.dialogs.error(self, self.tr("打包移交"), self.tr("请先在列表中选择一个案件"))
            return None
        from app.views.dialogs.bundle_dialog import BundleExportDialog

        self.bundle_dialog = BundleExportDialog(self._bundle_service(), case_no, self.dialogs,
                                                self)
        self.bundle_dialog.open()
        return self.bundle_dialog

    def import_bundle(self) -> QDialog | None:
        if self._bundles is None:
            return None
        from app.views.dialogs.bundle_dialog import BundleImportDialog

        self.bundle_dialog = BundleImportDialog(self._bundle_service(), self.dialogs, self)
        self.bundle_dialog.accepted.connect(self.refresh)
        self.bundle_dialog.open()
        return self.bundle_dialog

    def _bundle_service(self) -> BundleService:
        bundles = self._bundles
        return bundles() if callable(bundles) else bundles  # type: ignore[return-value]

    def refresh(self) -> None:
        self.model.set_query(self.model.query())
        self._update_count()

    def current_case_no(self) -> str | None:
        value = self.model.data(self.table.currentIndex(), CASE_NO_ROLE)
        return str(value) if value else None

    def _open(self, index: QModelIndex) -> None:
        case_no = self.model.data(index, CASE_NO_ROLE)
        if case_no:
            self.case_opened.emit(str(case_no))

    def _update_count(self) -> None:
        if self.model.capped:
            self.count_label.setText(self.tr("{n} 件以上，请输入更多字缩小范围").replace(
                "{n}", f"{self.model.total:,}"))
        else:
            self.count_label.setText(self.tr("共 {n} 件案件").replace("{n}", f"{self.model.total:,}"))
