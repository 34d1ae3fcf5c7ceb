"""The case view: evidence by dialog and by drop (hash shown, opened only after verification),
a mediation session, an agreement, a filing, and the timeline in plain Chinese."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.case.case_view import CaseView
from app.views.case.dialogs.agreement_dialog import AgreementDialog
from app.views.case.dialogs.filing_dialog import FilingDialog
from app.views.case.dialogs.session_dialog import SessionDialog
from app.views.pages.placeholder_page import PlaceholderPage
from tests.factories import case_input
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text


@pytest.fixture
def view(qtbot: QtBot, sqlite_services: Services, fake_dialogs: FakeDialogs) -> CaseView:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    s = sqlite_services
    widget = CaseView(case_no, s.case_detail, s.case_history, s.records, fake_dialogs,
                      today=s.ctx.today)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def cell(tab, row: int, column: int) -> str:  # type: ignore[no-untyped-def]
    return str(tab.model.data(tab.model.index(row, column)))


def test_tabs_and_overview(view: CaseView) -> None:
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert titles == ["概况", "当事人", "请求事项", "证据", "调解", "调解协议", "确认/审查", "仲裁",
                      "诉讼与执行", "期限", "文书", "时间线"]
    assert isinstance(view.tab("期限"), PlaceholderPage)
    assert view.overview.values["阶段"].text() == "收案"
    assert view.overview.values["请求金额合计"].text() == "12,845.67 元"
    assert cell(view.parties, 0, 3) == "张三" and cell(view.parties, 1, 1) == "单位"
    assert cell(view.claims, 0, 1) == "劳动报酬" and cell(view.claims, 0, 3) == "12,345.67"
    assert "12,845.67" in view.claims.note.text()


def test_attach_evidence_by_dialog_and_open_it(view: CaseView, fake_dialogs: FakeDialogs,
                                               tmp_path: Path) -> None:
    proof = tmp_path / "工资条.txt"
    proof.write_text("2026年10月工资 3000元", encoding="utf-8")
    fake_dialogs.files = [proof]
    view.evidence.attach_button.click()
    sha = hashlib.sha256(proof.read_bytes()).hexdigest()
    tab = view.evidence
    assert tab.model.rowCount() == 1
    assert cell(tab, 0, 1) == "工资条" and cell(tab, 0, 7) == sha[:16] + "…"
    assert tab.model.data(tab.model.index(0, 7), Qt.ItemDataRole.ToolTipRole) == sha
    tab.table.selectRow(0)
    opened = tab.open_selected()
    assert opened is not None and fake_dialogs.opened == [opened]
    assert opened.read_bytes() == proof.read_bytes() and opened.name == "工资条.txt"


def test_tampered_file_is_not_opened(view: CaseView, fake_dialogs: FakeDialogs,
                                     sqlite_services: Services, tmp_path: Path) -> None:
    proof = tmp_path / "a.txt"
    proof.write_text("x")
    view.evidence.attach([proof])
    sha = hashlib.sha256(b"x").hexdigest()
    sqlite_services.case_detail.files.path_for(sha).write_text("changed")
    view.evidence.table.selectRow(0)
    assert view.evidence.open_selected() is None
    assert fake_dialogs.opened == [] and "哈希" in fake_dialogs.errors[0]


def test_drop_files_on_the_evidence_tab(view: CaseView, tmp_path: Path) -> None:
    first, second = tmp_path / "聊天记录.png", tmp_path / "派单截图.jpg"
    first.write_bytes(b"\x89PNG fake")
    second.write_bytes(b"\xff\xd8 fake")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    view.tabs.setCurrentWidget(view.evidence)
    enter = QDragEnterEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.evidence, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.evidence, event)
    assert event.isAccepted()
    tab = view.evidence
    assert [cell(tab, r, 1) for r in range(tab.model.rowCount())] == ["聊天记录", "派单截图"]
    assert [cell(tab, r, 0) for r in range(2)] == ["1", "2"]
    assert cell(tab, 1, 7) == hashlib.sha256(b"\xff\xd8 fake").hexdigest()[:16] + "…"


def test_record_a_mediation_session(qtbot: QtBot, view: CaseView) -> None:
    view.session_button.click()
    dialog = view.open_dialog
    assert isinstance(dialog, SessionDialog) and dialog.isVisible()
    type_text(dialog.place, "调解室一")
    type_text(dialog.mediators, "李调解")
    type_text(dialog.result, "未达成一致")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert cell(view.sessions, 0, 1) == "调解室一" and cell(view.sessions, 0, 4) == "未达成一致"
    assert any("新增 调解记录" in view.timeline.audit.item(i).text()
               for i in range(view.timeline.audit.count()))


def test_enter_an_agreement_with_inline_errors(qtbot: QtBot, view: CaseView,
                                               sqlite_services: Services) -> None:
    view.agreement_button.click()
    dialog = view.open_dialog
    assert isinstance(dialog, AgreementDialog)
    edits, message = dialog.term_rows[0]
    assert edits[0].text() == "迅达即配科技有限公司" and edits[1].text() == "张三"
    type_text(edits[2], "8000.123")
    type_text(edits[3], "2026-12-31")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "两位小数" in message.text()
    assert sqlite_services.case_detail.detail(view.case_no).agreements == ()
    edits[2].clear()
    type_text(edits[2], "8000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert cell(view.agreements, 0, 4) == "8,000.00" and cell(view.agreements, 0, 7) == "否"
    assert "尚未全部履行" in view.agreements.note.text()


def test_register_a_filing(qtbot: QtBot, view: CaseView) -> None:
    tab = view.filings["确认/审查"]
    tab.buttons.itemAt(0).widget().click()
    dialog = view.open_dialog
    assert isinstance(dialog, FilingDialog)
    assert [dialog.kind.itemText(i) for i in range(dialog.kind.count())] == [
        "司法确认", "仲裁审查", "支付令"]
    # the case names no district: the parties' domicile gives the court (民诉法 art 205)
    assert dialog.forum.text() == "绍兴市越城区人民法院"
    assert "当事人住所地" in dialog.forum_note.text() and "未经核实" in dialog.forum_note.text()
    dialog.kind.setCurrentIndex(1)  # 仲裁审查: the commission of the city (art 21)
    assert dialog.forum.text() == "绍兴市劳动人事争议仲裁委员会"
    assert "第七十四条" in dialog.forum_note.text()
    dialog.kind.setCurrentIndex(0)
    dialog.forum.clear()
    type_text(dialog.forum, "越城区人民法院")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert cell(tab, 0, 0) == "司法确认" and cell(tab, 0, 1) == "越城区人民法院"
    assert view.filings["仲裁"].model.rowCount() == 0


def test_timeline_speaks_chinese(view: CaseView) -> None:
    assert view.timeline.events.model.data(view.timeline.events.model.index(0, 1)) == "收到调解申请"
    lines = [view.timeline.audit.item(i).text() for i in range(view.timeline.audit.count())]
    assert any(line.endswith("tester 新增 当事人 张三") for line in lines)
    assert any("新增 请求事项 劳动报酬" in line for line in lines)


def test_extra_tab_factories(qtbot: QtBot, sqlite_services: Services) -> None:
    from PySide6.QtWidgets import QLabel

    s = sqlite_services
    case_no = s.cases.create_case(case_input()).case_no
    view = CaseView(case_no, s.case_detail, s.case_history, s.records, FakeDialogs(),
                    {"期限": lambda no, parent: QLabel(f"期限 {no}"),
                     "送达": lambda no, parent: QLabel("送达")})
    qtbot.addWidget(view)
    assert view.tab("期限").text() == f"期限 {case_no}"  # type: ignore[attr-defined]
    assert view.tabs.tabText(view.tabs.count() - 2) == "送达"
