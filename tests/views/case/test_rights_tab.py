"""权益核查 tab: answers typed, a wrong one shown next to its question and nothing saved, the
findings coloured, a finding added as a claim."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.case.rights_tab import RightsTab
from tests.factories import case_input
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text


def test_answer_check_and_add_claim(qtbot: QtBot, sqlite_services: Services,
                                    fake_dialogs: FakeDialogs) -> None:
    s = sqlite_services
    case_no = s.cases.create_case(case_input(category="2")).case_no
    changed: list[bool] = []
    tab = RightsTab(s.rights, case_no, fake_dialogs, on_claims_changed=lambda: changed.append(True))
    qtbot.addWidget(tab)
    tab.show()
    assert tab.findings.model.rowCount() == 15
    assert "信息不足 " in tab.findings.note.text() and "绍兴市" in tab.findings.note.text()
    deposit, cycle = tab.inputs["deposit_amount"], tab.inputs["pay_cycle_days"]
    assert isinstance(deposit, QLineEdit) and isinstance(cycle, QLineEdit)
    type_text(deposit, "500")
    type_text(cycle, "一个月")
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    assert tab.messages["pay_cycle_days"].text() and "未保存" in fake_dialogs.errors[-1]
    assert s.rights.answers(case_no) == {}
    cycle.clear()
    type_text(cycle, "45")
    insured = tab.inputs["work_injury_insured"]
    assert isinstance(insured, QComboBox)
    insured.setCurrentIndex(insured.findData("no"))
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    assert s.rights.answers(case_no) == {"deposit_amount": "500", "pay_cycle_days": "45",
                                         "work_injury_insured": "no"}
    rows = tab.findings.model.rows()
    index = next(i for i, f in enumerate(rows) if f.right == "deposits")
    assert rows[index].status == "breach"
    colour = tab.findings.model.data(tab.findings.model.index(index, 1),
                                     Qt.ItemDataRole.ForegroundRole)
    assert colour.color().name() == "#c62828"
    tab.findings.table.selectRow(index)
    seq = tab.add_claim()
    assert seq == 3 and changed == [True] and "第 3 项" in fake_dialogs.infos[-1]
    assert s.case_detail.detail(case_no).claims[-1].claim_type == "deposit_refund"
    assert tab.add_claim() is None and "已有这项请求" in fake_dialogs.errors[-1]
    reopened = RightsTab(s.rights, case_no, fake_dialogs)  # answers come back
    qtbot.addWidget(reopened)
    assert reopened.inputs["pay_cycle_days"].text() == "45"  # type: ignore[union-attr]
