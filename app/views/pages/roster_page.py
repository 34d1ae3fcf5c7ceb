"""调解员名册: the committee's members by side (工会/职工/企业) and the mediators on the roster."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QGroupBox, QLabel, QVBoxLayout, QWidget

from app.models.enums import MediatorKind, MemberSide
from app.services.admin.roster import RosterService
from app.views.case.record_list_tab import RecordListTab
from app.views.dialogs.mediator_dialog import MediatorDialog
from app.views.dialogs.member_dialog import MemberDialog
from app.views.widgets.collation import by_pinyin
from app.views.widgets.inline_error import WARNING_COLOUR
from app.views.widgets.messages import Dialogs
from app.views.widgets.record_table_model import Column, enum_label

MEMBER_COLUMNS = [Column("姓名", lambda m: m.name),
                  Column("代表方", lambda m: enum_label(MemberSide, m.side)),
                  Column("职务", lambda m: m.title), Column("电话", lambda m: m.phone)]
MEDIATOR_COLUMNS = [Column("姓名", lambda m: m.name),
                    Column("类型", lambda m: enum_label(MediatorKind, m.kind)),
                    Column("电话", lambda m: m.phone), Column("专长", lambda m: m.speciality),
                    Column("法院名册编号", lambda m: m.court_roster_no)]
SIDES = {"union": "工会代表", "worker": "职工代表", "enterprise": "企业代表"}


class RosterPage(QWidget):
    def __init__(self, roster: RosterService, organisation_id: Callable[[], int],
                 dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roster, self._organisation_id, self.dialogs = roster, organisation_id, dialogs
        self.open_dialog: QDialog | None = None
        self.members = RecordListTab(MEMBER_COLUMNS, (120, 100, 160))
        self.balance = QLabel()
        self.balance.setWordWrap(True)
        self.mediators = RecordListTab(MEDIATOR_COLUMNS, (120, 100, 130, 200))
        self.add_member_button = self.members.add_button(self.tr("添加委员…"))
        self.add_mediator_button = self.mediators.add_button(self.tr("添加调解员…"))
        self.add_member_button.clicked.connect(self.add_member)
        self.add_mediator_button.clicked.connect(self.add_mediator)
        members_box = QGroupBox(self.tr("调解委员会委员（工会、职工、企业三方）"))
        column = QVBoxLayout(members_box)
        column.addWidget(self.balance)
        column.addWidget(self.members)
        mediators_box = QGroupBox(self.tr("调解员名册（含特邀调解员）"))
        QVBoxLayout(mediators_box).addWidget(self.mediators)
        layout = QVBoxLayout(self)
        layout.addWidget(members_box, 1)
        layout.addWidget(mediators_box, 1)
        self.refresh()

    def refresh(self) -> None:
        org = self._organisation_id()
        sides = list(SIDES)  # 工会、职工、企业, then anyone else, each side by pinyin
        self.members.set_rows(by_pinyin(self.roster.members(org), lambda m: m.name,
                                        lambda m: sides.index(m.side) if m.side in sides
                                        else len(sides)))
        self.mediators.set_rows(by_pinyin(self.roster.mediators(), lambda m: m.name))
        counts = self.roster.committee_balance(org)
        text = "　".join(f"{SIDES[side]}：{n} 名" for side, n in counts.items())
        missing = [SIDES[side] for side, n in counts.items() if n == 0]
        if missing:
            text += self.tr("　⚠ 尚缺") + "、".join(missing)
            self.balance.setStyleSheet(f"color: {WARNING_COLOUR};")
        else:
            self.balance.setStyleSheet("")
        self.balance.setText(text)

    def _run(self, dialog: QDialog) -> None:
        self.open_dialog = dialog
        dialog.accepted.connect(self.refresh)
        dialog.open()

    def add_member(self) -> None:
        self._run(MemberDialog(self.roster, self._organisation_id(), self.dialogs, self))

    def add_mediator(self) -> None:
        self._run(MediatorDialog(self.roster, self._organisation_id(), self.dialogs, self))
