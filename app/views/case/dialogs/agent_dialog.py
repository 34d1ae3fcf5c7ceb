"""添加/修改代理人: a party's agent (委托代理人) and the authority granted → RecordService.add_agent,
or, pre-filled, CorrectionService.update_agent under the case version."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.models.enums import AgentAuthority, AgentType, label
from app.services.cases.corrections import CorrectionService
from app.services.cases.detail import AgentView, PartyView
from app.services.cases.records import RecordService
from app.views.case.dialogs.record_dialog import RecordDialog
from app.views.widgets.messages import Dialogs


class AgentDialog(RecordDialog):
    def __init__(self, records: RecordService, corrections: CorrectionService, case_no: str,
                 parties: Sequence[PartyView], version: int, dialogs: Dialogs,
                 parent: QWidget | None = None, *, existing: AgentView | None = None) -> None:
        title = self.tr("修改代理人 — ") if existing else self.tr("添加代理人 — ")
        super().__init__(title + case_no, dialogs, parent)
        self.records, self.corrections, self.case_no = records, corrections, case_no
        self.version, self.existing = version, existing
        self.party = QComboBox()
        for p in parties:
            self.party.addItem(f"{p.name}", p.seq)
        self.agent_type, self.authority = QComboBox(), QComboBox()
        for kind in AgentType:
            self.agent_type.addItem(label(kind), kind.value)
        for level in AgentAuthority:
            self.authority.addItem(label(level), level.value)
        self.name, self.detail = QLineEdit(), QLineEdit()
        self.detail.setPlaceholderText(self.tr("特别授权的事项，如：代为承认、放弃、变更请求，进行和解"))
        self.phone, self.id_number, self.workplace = QLineEdit(), QLineEdit(), QLineEdit()
        if existing is not None:
            self.party.setCurrentIndex(max(self.party.findData(existing.party_seq), 0))
            self.party.setEnabled(False)  # an agent acts for the party that appointed them
            self.agent_type.setCurrentIndex(max(self.agent_type.findData(existing.agent_type), 0))
            self.authority.setCurrentIndex(max(self.authority.findData(existing.authority), 0))
            for edit, value in ((self.name, existing.name), (self.detail, existing.authority_detail),
                                (self.phone, existing.phone), (self.id_number, existing.id_number),
                                (self.workplace, existing.workplace)):
                edit.setText(value)
        self.field("party_seq", self.tr("委托人"), self.party)
        self.field("name", self.tr("代理人姓名"), self.name)
        self.field("agent_type", self.tr("代理人类型"), self.agent_type)
        self.field("authority", self.tr("代理权限"), self.authority)
        self.field("authority_detail", self.tr("授权事项"), self.detail)
        self.field("phone", self.tr("电话"), self.phone)
        self.field("id_number", self.tr("身份证号"), self.id_number)
        self.field("workplace", self.tr("工作单位"), self.workplace)
        self.finish_layout()
        self.resize(560, 340)

    def save(self) -> None:
        values = dict(name=self.name.text(), agent_type=self.agent_type.currentData(),
                      authority=self.authority.currentData(),
                      authority_detail=self.detail.text(), phone=self.phone.text(),
                      id_number=self.id_number.text(), workplace=self.workplace.text())
        if self.existing is not None:
            agent_id = self.existing.id
            self.submit(lambda: self.corrections.update_agent(self.case_no, agent_id,
                                                              self.version, **values))
        else:
            self.submit(lambda: self.records.add_agent(self.case_no, self.party.currentData(),
                                                       **values))
