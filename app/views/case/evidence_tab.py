"""证据 tab: the evidence list in order with each file's hash; attach by dialog or by dropping
files on the tab; open a file only after its hash has been checked."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from app.errors import AppError
from app.models.enums import EvidenceForm
from app.services.cases.detail import CaseDetailService, EvidenceView
from app.services.cases.records import RecordService
from app.services.cases.witnesses import WitnessService, WitnessView
from app.views.case.dialogs.witness_dialog import EvidenceTextDialog, WitnessDialog
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
WITNESS_COLUMNS = [
    Column("序号", lambda w: str(w.seq)), Column("证人姓名", lambda w: w.name),
    Column("住所", lambda w: w.address), Column("联系电话", lambda w: w.phone),
    Column("与当事人的关系", lambda w: w.relation), Column("证明内容", lambda w: w.proves),
    Column("申请方", lambda w: w.party_name),
]


class EvidenceTab(RecordListTab):
    changed = Signal()

    def __init__(self, records: RecordService, detail: CaseDetailService, case_no: str,
                 dialogs: Dialogs, parent: QWidget | None = None, *,
                 witnesses: WitnessService | None = None,
                 version: Callable[[], int] = lambda: 0,
                 parties: Callable[[], Sequence[tuple[int, str]]] = list,
                 today: Callable[[], date] = date.today) -> None:
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
        self.witnesses, self._version, self._parties = witnesses, version, parties
        self._today = today
        self.open_dialog: QDialog | None = None  # the last dialog (tests drive it)
        if witnesses is not None:  # text items and witnesses need the guarded service
            self._build_witnesses()

    def _build_witnesses(self) -> None:
        # 修改证据 / 删除证据 are the case view's corrections (views/case/case_corrections.py).
        self.text_button = self.add_button(self.tr("添加证据（无文件）…"))
        self.text_button.clicked.connect(self.add_text_item)
        self.witness_list = RecordListTab(WITNESS_COLUMNS, (50, 90, 200, 110, 120, 260))
        self.add_witness_button = self.witness_list.add_button(self.tr("添加证人…"))
        self.edit_witness_button = self.witness_list.add_button(self.tr("修改证人…"))
        self.delete_witness_button = self.witness_list.add_button(self.tr("删除证人"))
        self.add_witness_button.clicked.connect(self.add_witness)
        self.edit_witness_button.clicked.connect(self.edit_witness)
        self.delete_witness_button.clicked.connect(self.delete_witness)
        self.witness_list.table.doubleClicked.connect(lambda _i: self.edit_witness())
        title = QLabel(self.tr("证人（写入仲裁申请书、起诉状的“证人姓名和住所”）"))
        title.setStyleSheet("font-weight: bold; padding-top: 6px;")
        layout = self.layout()
        layout.addWidget(title)  # type: ignore[union-attr]
        layout.addWidget(self.witness_list, 1)  # type: ignore[union-attr]

    def set_evidence(self, items: tuple[EvidenceView, ...]) -> None:
        self.set_rows(items, self.hint)
        if self.witnesses is not None:
            self.witness_list.set_rows(self.witnesses.witnesses(self.case_no))

    # --- text items and witnesses (guarded by the case version the screen shows) -----------
    def _run(self, dialog: QDialog) -> None:
        self.open_dialog = dialog
        dialog.accepted.connect(self.changed.emit)
        dialog.open()

    def add_text_item(self) -> None:
        assert self.witnesses is not None
        self._run(EvidenceTextDialog(self.witnesses, self.case_no, self._version(),
                                     self._today(), self.dialogs, self))

    def _selected_witness(self) -> WitnessView | None:
        rows = self.witness_list.table.selectionModel().selectedRows()
        row = self.witness_list.model.data(rows[0], ROW_ROLE) if rows else None
        if not isinstance(row, WitnessView):
            self.dialogs.info(self, self.tr("证人"), self.tr("请先在证人列表中选择一位证人"))
            return None
        return row

    def add_witness(self) -> None:
        assert self.witnesses is not None
        self._run(WitnessDialog(self.witnesses, self.case_no, self._version(),
                                self._parties(), self.dialogs, None, self))

    def edit_witness(self) -> None:
        witness = self._selected_witness()
        if witness is not None and self.witnesses is not None:
            self._run(WitnessDialog(self.witnesses, self.case_no, self._version(),
                                    self._parties(), self.dialogs, witness, self))

    def delete_witness(self) -> None:
        witness = self._selected_witness()
        if witness is not None:
            self._delete(self.tr("删除证人“{name}”？").replace("{name}", witness.name),
                         lambda: self.witnesses.delete_witness(  # type: ignore[union-attr]
                             self.case_no, witness.id, self._version()))

    def _delete(self, question: str, delete: Callable[[], object]) -> None:
        if not self.dialogs.confirm(self, self.tr("确认删除"), question):
            return
        try:
            delete()
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法删除"), exc.message)
            return
        self.changed.emit()

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
