"""登记送达 and 确认送达地址: one document served on one party (how, when, by whom, signed for
by whom), or a party's confirmed address for service (ServiceRecordService)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLabel, QLineEdit, QWidget

from app.models.enums import ServedDocument, ServiceMethod, label
from app.services.cases.service_records import (
    AddressInput,
    AddressView,
    ServiceInput,
    ServiceRecordService,
    ServiceView,
)
from app.views.case.dialogs.record_dialog import RecordDialog
from app.views.case.dialogs.witness_dialog import qdate
from app.views.widgets.messages import Dialogs

NOTICE_HINT = "公告送达：填写公告发出之日，自该日起经过三十日视为送达（民事诉讼法第九十五条）"


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class ServiceDialog(RecordDialog):
    def __init__(self, service: ServiceRecordService, case_no: str, version: int,
                 parties: Sequence[tuple[int, str]], today: date, dialogs: Dialogs,
                 record: ServiceView | None = None, documents: Sequence[str] = (),
                 parent: QWidget | None = None) -> None:
        title = self.tr("修改送达记录 — ") if record else self.tr("登记送达 — ")
        super().__init__(title + case_no, dialogs, parent)
        self.service, self.case_no, self.version, self.record = service, case_no, version, record
        self.party = QComboBox()
        for seq, name in parties:
            self.party.addItem(name, seq)
        self.kind = QComboBox()
        for kind in ServedDocument:
            self.kind.addItem(label(kind), kind.value)
        self.document = QComboBox()
        self.document.setEditable(True)
        self.document.addItem("")
        self.document.addItems(list(documents))  # titles of the documents generated for the case
        self.document.lineEdit().setPlaceholderText(self.tr("留空则用文书类别的名称"))
        self.method = QComboBox()
        for method in ServiceMethod:
            self.method.addItem(label(method), method.value)
        self.tracking_no, self.address = QLineEdit(), QLineEdit()
        self.tracking_no.setPlaceholderText(self.tr("邮寄单号，或电子送达的邮箱、手机号"))
        self.served_on = _date_edit(today)
        self.server, self.signed_by, self.note = QLineEdit(), QLineEdit(), QLineEdit()
        self.signed_by.setPlaceholderText(self.tr("本人；或代收人姓名及代收理由；留置见证人"))
        self.hint = QLabel(self.tr(NOTICE_HINT))
        self.hint.setWordWrap(True)
        self.hint.setVisible(False)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.field("party_seq", self.tr("受送达人"), self.party)
        self.field("document_kind", self.tr("文书类别"), self.kind)
        self.field("document", self.tr("送达文书名称"), self.document)
        self.field("method", self.tr("送达方式"), self.method)
        self.field("tracking_no", self.tr("单号/电子地址"), self.tracking_no)
        self.field("address", self.tr("送达地点"), self.address)
        self.field("served_on", self.tr("送达日期"), self.served_on)
        self.form.addRow("", self.hint)
        self.field("server", self.tr("送达人"), self.server)
        self.field("signed_by", self.tr("签收人"), self.signed_by)
        self.field("note", self.tr("备注"), self.note)
        if record is not None:
            self.party.setCurrentIndex(max(self.party.findData(record.party_seq), 0))
            self.kind.setCurrentIndex(max(self.kind.findData(record.document_kind), 0))
            self.document.setCurrentText(record.document)
            self.method.setCurrentIndex(max(self.method.findData(record.method), 0))
            self.tracking_no.setText(record.tracking_no)
            self.address.setText(record.address)
            self.served_on.setDate(qdate(record.served_on))
            self.server.setText(record.server)
            self.signed_by.setText(record.signed_by)
            self.note.setText(record.note)
        self.finish_layout()
        self.resize(600, 420)

    def _method_changed(self) -> None:
        notice = self.method.currentData() == ServiceMethod.PUBLIC_NOTICE
        self.hint.setVisible(notice)
        label_widget = self.form.labelForField(self.served_on)
        if label_widget is not None:
            label_widget.setText(self.tr("公告发出日期") if notice else self.tr("送达日期"))  # type: ignore[attr-defined]

    def save(self) -> None:
        data = ServiceInput(self.party.currentData(), self.kind.currentData(),
                            self.served_on.date().toPython(),  # type: ignore[arg-type]
                            self.method.currentData(), self.document.currentText(),
                            self.tracking_no.text(), self.address.text(), self.server.text(),
                            self.signed_by.text(), self.note.text())
        if self.record is None:
            self.submit(lambda: self.service.add_service(self.case_no, data, self.version))
        else:
            record_id = self.record.id
            self.submit(lambda: self.service.update_service(self.case_no, record_id, data,
                                                            self.version))


class AddressDialog(RecordDialog):
    def __init__(self, service: ServiceRecordService, case_no: str, version: int,
                 current: AddressView, today: date, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("确认送达地址 — ") + current.party_name, dialogs, parent)
        self.service, self.case_no, self.version = service, case_no, version
        self.party_seq = current.party_seq
        self.address, self.recipient = QLineEdit(current.address), QLineEdit(current.recipient)
        self.phone, self.email = QLineEdit(current.phone), QLineEdit(current.email)
        self.consent = QCheckBox(self.tr("同意以电子方式送达（民事诉讼法第九十条）"))
        self.consent.setChecked(current.electronic_consent)
        self.confirmed_on = _date_edit(current.confirmed_on or today)
        self.field("address", self.tr("送达地址"), self.address)
        self.field("recipient", self.tr("代收人"), self.recipient)
        self.field("phone", self.tr("联系电话"), self.phone)
        self.field("email", self.tr("电子邮箱"), self.email)
        self.form.addRow("", self.consent)
        self.field("confirmed_on", self.tr("确认日期"), self.confirmed_on)
        self.finish_layout()
        self.resize(560, 320)

    def save(self) -> None:
        data = AddressInput(self.address.text(), self.recipient.text(), self.phone.text(),
                            self.email.text(), self.consent.isChecked(),
                            self.confirmed_on.date().toPython())  # type: ignore[arg-type]
        self.submit(lambda: self.service.confirm_address(self.case_no, self.party_seq, data,
                                                         self.version))
