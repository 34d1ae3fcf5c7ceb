"""证人 and 证据（无文件） entry: add or correct a witness, or an evidence item's text, under the
case version the screen was showing (WitnessService)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QSpinBox, QWidget

from app.models.enums import EvidenceForm, label
from app.services.cases.witnesses import EvidenceInput, WitnessInput, WitnessService, WitnessView
from app.views.case.dialogs.record_dialog import RecordDialog
from app.views.widgets.messages import Dialogs


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class WitnessDialog(RecordDialog):
    def __init__(self, service: WitnessService, case_no: str, version: int,
                 parties: Sequence[tuple[int, str]], dialogs: Dialogs,
                 witness: WitnessView | None = None, parent: QWidget | None = None) -> None:
        title = self.tr("修改证人 — ") if witness else self.tr("添加证人 — ")
        super().__init__(title + case_no, dialogs, parent)
        self.service, self.case_no, self.version, self.witness = service, case_no, version, witness
        self.name, self.address, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        self.relation, self.proves = QLineEdit(), QLineEdit()
        self.relation.setPlaceholderText(self.tr("如：同站点骑手、原站长"))
        self.proves.setPlaceholderText(self.tr("证人看到或能证明的事实"))
        self.party = QComboBox()
        self.party.addItem(self.tr("（未指定）"), None)
        for seq, name in parties:
            self.party.addItem(name, seq)
        self.field("name", self.tr("证人姓名"), self.name)
        self.field("address", self.tr("住所"), self.address)
        self.field("phone", self.tr("联系电话"), self.phone)
        self.field("relation", self.tr("与当事人的关系"), self.relation)
        self.field("proves", self.tr("证明内容"), self.proves)
        self.field("party_seq", self.tr("申请方"), self.party)
        if witness is not None:
            self.name.setText(witness.name)
            self.address.setText(witness.address)
            self.phone.setText(witness.phone)
            self.relation.setText(witness.relation)
            self.proves.setText(witness.proves)
            self.party.setCurrentIndex(max(self.party.findText(witness.party_name), 0))
        self.finish_layout()
        self.resize(560, 290)

    def save(self) -> None:
        data = WitnessInput(self.name.text(), self.address.text(), self.phone.text(),
                            self.relation.text(), self.proves.text(), self.party.currentData())
        if self.witness is None:
            self.submit(lambda: self.service.add_witness(self.case_no, data, self.version))
        else:
            witness_id = self.witness.id
            self.submit(lambda: self.service.update_witness(self.case_no, witness_id, data,
                                                            self.version))


class EvidenceTextDialog(RecordDialog):
    def __init__(self, service: WitnessService, case_no: str, version: int, today: date,
                 dialogs: Dialogs, parent: QWidget | None = None) -> None:
        """An item without a file; corrections go through the case view's 修改证据."""
        super().__init__(self.tr("添加证据（无文件） — ") + case_no, dialogs, parent)
        self.service, self.case_no, self.version = service, case_no, version
        self.name, self.source, self.proves = QLineEdit(), QLineEdit(), QLineEdit()
        self.source.setPlaceholderText(self.tr("如：申请人提供、平台App截屏、银行流水"))
        self.proves.setPlaceholderText(self.tr("这份证据证明什么"))
        self.pages = QSpinBox()
        self.pages.setRange(0, 100_000)
        self.pages.setSpecialValueText(self.tr("（未填）"))
        self.form_choice = QComboBox()
        for form in EvidenceForm:
            self.form_choice.addItem(label(form), form.value)
        self.form_choice.setCurrentIndex(self.form_choice.findData(EvidenceForm.COPY.value))
        self.has_date = QCheckBox(self.tr("已收到"))
        self.received_on = QDateEdit(qdate(today))
        self.received_on.setCalendarPopup(True)
        self.received_on.setDisplayFormat("yyyy-MM-dd")
        self.received_on.setEnabled(False)
        self.has_date.toggled.connect(self.received_on.setEnabled)
        self.field("name", self.tr("证据名称"), self.name)
        self.field("source", self.tr("证据来源"), self.source)
        self.field("proves", self.tr("证明内容"), self.proves)
        self.field("pages", self.tr("页数"), self.pages)
        self.field("form", self.tr("原件/复印件"), self.form_choice)
        self.form.addRow("", self.has_date)
        self.field("received_on", self.tr("收到日期"), self.received_on)
        self.finish_layout()
        self.resize(560, 310)

    def save(self) -> None:
        received = self.received_on.date().toPython() if self.has_date.isChecked() else None
        data = EvidenceInput(self.name.text(), self.source.text(), self.proves.text(),
                             self.pages.value() or None, self.form_choice.currentData(),
                             received)  # type: ignore[arg-type]
        self.submit(lambda: self.service.add_evidence(self.case_no, data, self.version))
