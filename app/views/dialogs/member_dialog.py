"""添加委员: a mediation committee member and the side they represent → RosterService."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.models.enums import MemberSide, label
from app.services.admin.roster import RosterService
from app.views.case.dialogs.record_dialog import RecordDialog
from app.views.widgets.messages import Dialogs


class MemberDialog(RecordDialog):
    def __init__(self, roster: RosterService, organisation_id: int, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("添加调解委员会委员"), dialogs, parent)
        self.roster, self.organisation_id = roster, organisation_id
        self.name, self.title, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        self.side = QComboBox()
        for side in MemberSide:
            self.side.addItem(label(side), side.value)
        self.field("name", self.tr("姓名"), self.name)
        self.field("side", self.tr("代表方"), self.side)
        self.field("title", self.tr("职务"), self.title)
        self.field("phone", self.tr("电话"), self.phone)
        self.finish_layout()
        self.resize(460, 260)

    def save(self) -> None:
        self.submit(lambda: self.roster.add_member(
            self.organisation_id, self.name.text(), self.side.currentData(),
            title=self.title.text(), phone=self.phone.text()))
