"""添加调解员: a staff or invited mediator (特邀调解员) on the roster → RosterService."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.models.enums import MediatorKind, label
from app.services.admin.roster import RosterService
from app.views.case.dialogs.record_dialog import RecordDialog
from app.views.widgets.messages import Dialogs


class MediatorDialog(RecordDialog):
    def __init__(self, roster: RosterService, organisation_id: int | None, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("添加调解员"), dialogs, parent)
        self.roster, self.organisation_id = roster, organisation_id
        self.name, self.phone = QLineEdit(), QLineEdit()
        self.speciality, self.court_roster_no = QLineEdit(), QLineEdit()
        self.kind = QComboBox()
        for kind in MediatorKind:
            self.kind.addItem(label(kind), kind.value)
        self.court_roster_no.setPlaceholderText(self.tr("特邀调解员在法院名册中的编号"))
        self.field("name", self.tr("姓名"), self.name)
        self.field("kind", self.tr("类型"), self.kind)
        self.field("phone", self.tr("电话"), self.phone)
        self.field("speciality", self.tr("专长"), self.speciality)
        self.field("court_roster_no", self.tr("法院名册编号"), self.court_roster_no)
        self.finish_layout()
        self.resize(480, 300)

    def save(self) -> None:
        self.submit(lambda: self.roster.add_mediator(
            self.name.text(), kind=self.kind.currentData(),
            organisation_id=self.organisation_id, phone=self.phone.text(),
            speciality=self.speciality.text(), court_roster_no=self.court_roster_no.text()))
