"""送达 tab: what was served on whom, how and when (one row per document and party), and each
party's confirmed address for service; add, correct, delete (asks first). A served award,
payment order or copy of the application starts that party's own period in 期限."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QSplitter, QVBoxLayout, QWidget

from app.errors import AppError
from app.models.enums import PartyRole, ServedDocument
from app.services.cases.service_records import AddressView, ServiceRecordService, ServiceView
from app.views.case.dialogs.service_dialog import AddressDialog, ServiceDialog
from app.views.case.record_list_tab import RecordListTab
from app.views.widgets.messages import Dialogs
from app.views.widgets.record_table_model import ROW_ROLE, Column, day, enum_label


def _served_on(r: ServiceView) -> str:
    if r.deemed_served_on != r.served_on:
        return f"{day(r.served_on)} 公告（{day(r.deemed_served_on)} 视为送达）"
    return day(r.served_on)


SERVICE_COLUMNS = [
    Column("序号", lambda r: str(r.seq)), Column("受送达人", lambda r: r.party_name),
    Column("送达文书", lambda r: r.document),
    Column("类别", lambda r: enum_label(ServedDocument, r.document_kind)),
    Column("送达方式", lambda r: r.method_label + (f"（{r.tracking_no}）" if r.tracking_no else "")),
    Column("送达日期", _served_on), Column("送达地点", lambda r: r.address),
    Column("送达人", lambda r: r.server), Column("签收人", lambda r: r.signed_by),
]
ADDRESS_COLUMNS = [
    Column("当事人", lambda a: a.party_name), Column("身份", lambda a: enum_label(PartyRole, a.role)),
    Column("确认的送达地址", lambda a: a.address or "（未确认）"),
    Column("代收人", lambda a: a.recipient), Column("电话", lambda a: a.phone),
    Column("电子送达", lambda a: (a.email or a.phone or "是") if a.electronic_consent else "否"),
    Column("确认日期", lambda a: day(a.confirmed_on)),
]


class ServiceTab(QWidget):
    def __init__(self, service: ServiceRecordService, case_no: str, today: Callable[[], date],
                 dialogs: Dialogs, on_changed: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.case_no, self._today = service, case_no, today
        self.dialogs, self.on_changed = dialogs, on_changed
        self.open_dialog: QDialog | None = None  # the last dialog (tests drive it)
        self.version = 0
        self.records = RecordListTab(SERVICE_COLUMNS, (40, 150, 170, 110, 170, 150, 160, 80))
        self.add_button = self.records.add_button(self.tr("登记送达…"))
        self.edit_button = self.records.add_button(self.tr("修改…"))
        self.delete_button = self.records.add_button(self.tr("删除"))
        self.addresses = RecordListTab(ADDRESS_COLUMNS, (170, 80, 260, 90, 120, 140))
        self.address_button = self.addresses.add_button(self.tr("确认送达地址…"))
        self.add_button.clicked.connect(self.add_service)
        self.edit_button.clicked.connect(self.edit_service)
        self.delete_button.clicked.connect(self.delete_service)
        self.address_button.clicked.connect(self.confirm_address)
        self.records.table.doubleClicked.connect(lambda _i: self.edit_service())
        self.addresses.table.doubleClicked.connect(lambda _i: self.confirm_address())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.records)
        splitter.addWidget(self.addresses)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.refresh()

    def refresh(self) -> None:
        self.version = self.service.case_version(self.case_no)
        self._parties = self.service.addresses(self.case_no)
        self.records.set_rows(self.service.services(self.case_no), self.tr(
            "送达终局裁决书、非终局裁决书、支付令或仲裁申请书副本的，按各当事人自己的送达日期计算其期限"
            "（期限页）；公告送达自公告发出之日起经过三十日视为送达。"))
        self.addresses.set_rows(self._parties)

    def _selected(self, tab: RecordListTab, what: str) -> object:
        rows = tab.table.selectionModel().selectedRows()
        if not rows:
            self.dialogs.info(self, self.tr("请先选择"), self.tr("请先在列表中选择") + what)
            return None
        return tab.model.data(rows[0], ROW_ROLE)

    def _run(self, dialog: QDialog) -> None:
        self.open_dialog = dialog
        dialog.accepted.connect(self._changed)
        dialog.open()

    def _changed(self) -> None:
        if self.on_changed is not None:
            self.on_changed()  # the case view refreshes every tab, this one included
        else:
            self.refresh()

    def _dialog(self, record: ServiceView | None) -> ServiceDialog:
        parties = [(p.party_seq, p.party_name) for p in self._parties]
        return ServiceDialog(self.service, self.case_no, self.version, parties, self._today(),
                             self.dialogs, record, self.service.document_titles(self.case_no),
                             self)

    def add_service(self) -> None:
        self._run(self._dialog(None))

    def edit_service(self) -> None:
        record = self._selected(self.records, self.tr("一条送达记录"))
        if isinstance(record, ServiceView):
            self._run(self._dialog(record))

    def delete_service(self) -> None:
        record = self._selected(self.records, self.tr("一条送达记录"))
        if not isinstance(record, ServiceView):
            return
        question = (self.tr("删除向“{party}”送达“{doc}”的记录？由此计算的该当事人期限将一并重算。")
                    .replace("{party}", record.party_name).replace("{doc}", record.document))
        if not self.dialogs.confirm(self, self.tr("删除送达记录"), question):
            return
        try:
            self.service.delete_service(self.case_no, record.id, self.version)
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法删除"), exc.message)
            return
        self._changed()

    def confirm_address(self) -> None:
        current = self._selected(self.addresses, self.tr("一位当事人"))
        if isinstance(current, AddressView):
            self._run(AddressDialog(self.service, self.case_no, self.version, current,
                                    self._today(), self.dialogs, self))
