"""Through the widgets: a witness and a text evidence item on the 证据 tab, a service record on
the 送达 tab; the 期限 tab shows the served party's own deadline at once, without a restart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.case.dialogs.service_dialog import ServiceDialog
from app.views.case.dialogs.witness_dialog import EvidenceTextDialog, WitnessDialog
from app.views.case.service_tab import ServiceTab
from app.views.main_window import MainWindow
from tests.factories import case_input
from tests.views.desk import desk_window
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text


def _window(qtbot: QtBot, s: Services, tmp_path: Path, dialogs: FakeDialogs) -> MainWindow:
    window = desk_window(qtbot, s, tmp_path, dialogs)
    return window


def _save(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


def _cells(tab, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(tab.model.index(r, column).data()) for r in range(tab.model.rowCount())]


def test_witness_text_evidence_and_service_through_the_widgets(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    s = sqlite_services
    case_no = s.cases.create_case(case_input()).case_no
    s.records.add_event(case_no, "award.nonfinal", date(2026, 11, 10))
    dialogs = FakeDialogs()
    window = _window(qtbot, s, tmp_path, dialogs)
    view = window.open_case(case_no)
    evidence = view.evidence
    view.tabs.setCurrentWidget(evidence)

    # A witness.
    qtbot.mouseClick(evidence.add_witness_button, Qt.MouseButton.LeftButton)
    dialog = evidence.open_dialog
    assert isinstance(dialog, WitnessDialog)
    _save(qtbot, dialog)  # empty name: refused next to the field, nothing written
    assert dialog.isVisible() and "证人姓名" in dialog.messages["name"].text()
    type_text(dialog.name, "王五")
    type_text(dialog.address, "绍兴市越城区站前路5号")
    type_text(dialog.proves, "申请人每天在站点排班接单")
    dialog.party.setCurrentIndex(dialog.party.findText("张三"))
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert _cells(evidence.witness_list, 1) == ["王五"]

    # A text evidence item without a file.
    qtbot.mouseClick(evidence.text_button, Qt.MouseButton.LeftButton)
    item = evidence.open_dialog
    assert isinstance(item, EvidenceTextDialog)
    type_text(item.name, "考勤打卡记录")
    type_text(item.source, "平台App截屏")
    type_text(item.proves, "申请人出勤天数")
    item.pages.setValue(12)
    item.form_choice.setCurrentIndex(item.form_choice.findText("原件"))
    _save(qtbot, item)
    assert _cells(evidence, 1) == ["考勤打卡记录"] and _cells(evidence, 6) == ["（无文件）"]
    assert _cells(evidence, 2) == ["原件"]

    # Deleting a witness asks first; "no" keeps it.
    evidence.witness_list.table.selectRow(0)
    dialogs.answer = False
    qtbot.mouseClick(evidence.delete_witness_button, Qt.MouseButton.LeftButton)
    assert _cells(evidence.witness_list, 1) == ["王五"]

    # A service record: the non-final award served on the platform on 11-16.
    service = view.tab("送达")
    assert isinstance(service, ServiceTab)
    view.tabs.setCurrentWidget(service)
    qtbot.mouseClick(service.add_button, Qt.MouseButton.LeftButton)
    record = service.open_dialog
    assert isinstance(record, ServiceDialog)
    record.party.setCurrentIndex(record.party.findText("迅达即配科技有限公司"))
    record.kind.setCurrentIndex(record.kind.findData("award_nonfinal"))
    record.method.setCurrentIndex(record.method.findData("post"))
    record.served_on.setDate(QDate(2026, 11, 16))
    _save(qtbot, record)  # by post without a tracking number: refused
    assert record.isVisible() and "邮寄单号" in record.messages["tracking_no"].text()
    type_text(record.tracking_no, "EMS1234567890")
    type_text(record.server, "书记员甲")
    _save(qtbot, record)
    assert not record.isVisible()
    assert _cells(service.records, 1) == ["迅达即配科技有限公司"]
    assert _cells(service.records, 2) == ["非终局裁决书"]

    # 期限 shows the platform's own period, from its day of service, with its name.
    deadlines = view.tab("期限")
    titles = _cells(deadlines, 2)
    dues = _cells(deadlines, 0)
    own = [i for i, t in enumerate(titles) if "（迅达即配科技有限公司）" in t]
    assert own and dues[own[0]] == "2026-12-01"
    view.tabs.setCurrentWidget(service)

    # Deleting the record asks first; yes: the platform's own period goes with it.
    service.records.table.selectRow(0)
    dialogs.answer = True
    qtbot.mouseClick(service.delete_button, Qt.MouseButton.LeftButton)
    assert service.records.model.rowCount() == 0
    assert not [t for t in _cells(deadlines, 2) if "（迅达即配科技有限公司）" in t]
    evidence.witness_list.table.selectRow(0)
    qtbot.mouseClick(evidence.delete_witness_button, Qt.MouseButton.LeftButton)
    assert evidence.witness_list.model.rowCount() == 0

    # The audit log on the timeline tells it in Chinese.
    lines = [a.text for a in s.case_history.audit_lines(case_no)]
    assert any("新增 证人 王五" in t for t in lines)
    assert any("新增 送达记录 非终局裁决书" in t for t in lines)
    assert any("删除 送达记录 非终局裁决书" in t for t in lines)
    assert any("删除 证人 王五" in t for t in lines)
