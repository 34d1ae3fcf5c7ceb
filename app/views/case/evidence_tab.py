"""证据 tab: the evidence list in order with each file's hash; attach by dialog or by dropping
files on the tab; open a file only after its hash has been checked."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from app.errors import AppError
from app.models.enums import EvidenceForm
from app.services.cases.detail import CaseDetailService, EvidenceView
from app.services.cases.records import RecordService
from app.views.case.record_list_tab import RecordListTab
from app.views.widgets.messages import Dialogs
from app.views.widgets.record_table_model import ROW_ROLE, Column, day, enum_label

COLUMNS = [
    Column("序号", lambda e: str(e.seq)),
    Column("证据名称", lambda e: e.name),
    Column("形式", lambda e: enum_label(EvidenceForm, e.form)),
    Column("来源", lambda e: e.source),
    Column("证明内容", lambda e: e.proves),
    Column("收到日期", lambda e: day(e.received_on)),
    Column("文件", lambda e: e.file_name or "（无文件）"),
    Column("SHA-256", lambda e: (e.file_sha256[:16] + "…") if e.file_sha256 else "",
           tooltip=lambda e: e.file_sha256 or ""),
]


class EvidenceTab(RecordListTab):
    changed = Signal()

    def __init__(self, records: RecordService, detail: CaseDetailService, case_no: str,
                 dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, (50, 200, 70, 120, 200, 90, 200), parent)
        self.records, self.details, self.case_no = records, detail, case_no
        self.dialogs = dialogs
        self.setAcceptDrops(True)
        self.attach_button = self.add_button(self.tr("添加证据文件…"))
        self.open_button = self.add_button(self.tr("打开文件"))
        self.attach_button.clicked.connect(self.choose_and_attach)
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.hint = self.tr("可把文件直接拖放到此处登记为证据；打开文件前会核对哈希值。")

    def set_evidence(self, items: tuple[EvidenceView, ...]) -> None:
        self.set_rows(items, self.hint)

    def choose_and_attach(self) -> None:
        self.attach(self.dialogs.choose_files(self, self.tr("选择证据文件")))

    def attach(self, paths: list[Path]) -> int:
        """Register each file as the next evidence item; returns how many were added."""
        added = 0
        for path in paths:
            try:
                self.records.add_evidence(self.case_no, path.stem, file_path=path,
                                          form=EvidenceForm.ELECTRONIC)
            except AppError as exc:
                self.dialogs.error(self, self.tr("无法添加证据"), exc.message)
                continue
            added += 1
        if added:
            self.changed.emit()
        return added

    def selected(self) -> EvidenceView | None:
        index = self.table.currentIndex()
        row = self.model.data(index, ROW_ROLE) if index.isValid() else None
        return row if isinstance(row, EvidenceView) else None

    def open_selected(self) -> Path | None:
        item = self.selected()
        if item is None or not item.file_sha256:
            self.dialogs.info(self, self.tr("打开文件"), self.tr("请先选择一项带文件的证据"))
            return None
        try:
            data = self.details.evidence_bytes(item.file_sha256)
        except AppError as exc:
            self.dialogs.error(self, self.tr("文件未通过核验"), exc.message)
            return None
        # A private copy: the program that opens it cannot alter the stored original.
        folder = Path(tempfile.mkdtemp(prefix="evidence-"))
        target = folder / (item.file_name or f"{item.name}.bin")
        target.write_bytes(data)
        self.dialogs.open_file(target)
        return target

    # --- drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        event.acceptProposedAction()  # type: ignore[attr-defined]

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        files = [p for p in paths if p.is_file()]
        if files:
            event.acceptProposedAction()
            self.attach(files)
