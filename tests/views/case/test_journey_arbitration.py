"""Journey (b), through the widgets only: mediation fails — 调解不成告知书, facts and evidence
written in the GUI, 仲裁申请书 naming both respondents, the filing at the proposed commission,
acceptance, a non-final award served on each party on different days, the worker's suit.
After each act the 期限 tab, the header and the case list show it."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from app.views.case.case_view import CaseView
from app.views.case.dialogs.filing_dialog import FilingDialog
from app.views.case.dialogs.service_dialog import ServiceDialog
from app.views.case.service_tab import ServiceTab
from app.views.dialogs.documents_dialog import KIND_ROLE, DocumentsDialog
from app.views.main_window import MainWindow
from tests.views.case.test_journey_rider import deadline_titles, intake, listed, window
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text

__all__ = ["window"]  # the fixture, shared with journey (a)
CLICK = Qt.MouseButton.LeftButton
FACTS = "申请人经平台派单为两被申请人配送外卖，两被申请人拖欠2025年10月至2026年9月报酬36000元。"


def step(qtbot: QtBot, view: CaseView, event: str, on: QDate) -> None:
    actions = view.tab("办理")
    actions.when.setDate(on)
    qtbot.mouseClick(actions.buttons[event], CLICK)


def generate(qtbot: QtBot, view: CaseView, kind: str, dialogs: FakeDialogs) -> str:
    docs = view.tab("文书")
    assert isinstance(docs, DocumentsDialog)
    items = [docs.kinds.item(r) for r in range(docs.kinds.count())]
    docs.kinds.setCurrentItem(next(i for i in items if i.data(KIND_ROLE) == kind))
    for edit in docs.typed.values():
        type_text(edit, "双方对报酬数额分歧较大")
    if "facts" in docs.case_texts and not docs.case_texts["facts"].toPlainText():
        docs.case_texts["facts"].setPlainText(FACTS)
    docs.last_pdf = None
    qtbot.mouseClick(docs.generate_button, CLICK)
    assert docs.last_pdf is not None, dialogs.errors
    return "".join(page.extract_text() for page in PdfReader(docs.last_pdf).pages)


def test_mediation_fails_then_arbitration_award_and_suit(
        qtbot: QtBot, window: tuple[MainWindow, FakeDialogs], tmp_path: Path) -> None:
    win, dialogs = window
    view = intake(qtbot, win, received=QDate(2026, 10, 8), amount="36,000")
    step(qtbot, view, "mediation.accept", QDate(2026, 10, 9))
    assert "已受理调解" in view.header.text(), dialogs.errors
    step(qtbot, view, "mediation.fail", QDate(2026, 10, 20))
    assert "调解不成" in view.header.text(), dialogs.errors
    actions = view.tab("办理")
    text = generate(qtbot, view, "mediation_failure_notice", dialogs)
    assert "调解不成" in text, dialogs.errors
    assert actions.lead_events == ["arbitration.apply"]

    # Evidence written in the GUI (the facts are asked for by the 文书 tab, below).
    view.tabs.setCurrentWidget(view.evidence)
    qtbot.mouseClick(view.evidence.text_button, CLICK)
    item = view.evidence.open_dialog
    type_text(item.name, "平台派单记录截屏")  # type: ignore[union-attr]
    type_text(item.source, "申请人手机App")  # type: ignore[union-attr]
    type_text(item.proves, "申请人接受两被申请人的派单管理")  # type: ignore[union-attr]
    qtbot.mouseClick(item.save_button, CLICK)  # type: ignore[union-attr]
    assert not item.isVisible(), dialogs.errors  # type: ignore[union-attr]

    # 仲裁申请书 names both respondents and prints the facts typed before generating.
    text = generate(qtbot, view, "arbitration_application", dialogs).replace("\n", "")
    assert "迅达即配科技有限公司" in text and "绍兴众包人力资源有限公司" in text
    assert "报酬36000元" in text
    assert view.detail is not None and view.detail.facts == FACTS

    # The filing, from 办理, at the commission the rules propose.
    step(qtbot, view, "arbitration.apply", QDate(2026, 10, 21))
    filing = view.open_dialog
    assert isinstance(filing, FilingDialog) and filing.kind.currentData() == "arbitration"
    assert "仲裁委员会" in filing.forum.text(), filing.forum_note.text()
    qtbot.mouseClick(filing.save_button, CLICK)
    assert not filing.isVisible(), dialogs.errors
    assert "已申请仲裁" in view.header.text()
    assert "仲裁" in listed(win)
    assert "仲裁委员会受理，或者书面通知不予受理并说明理由" in deadline_titles(view)
    assert view.tab("办理").lead_events == ["arbitration.accept"]

    # Acceptance, then a non-final award, from 办理.
    step(qtbot, view, "arbitration.accept", QDate(2026, 10, 25))
    assert "仲裁已受理" in view.header.text(), dialogs.errors
    assert view.tab("办理").lead_events == ["arbitration.serve", "arbitration.form_tribunal"]
    step(qtbot, view, "arbitration.serve", QDate(2026, 10, 26))
    step(qtbot, view, "arbitration.form_tribunal", QDate(2026, 10, 28))
    view.tab("办理").hearing.setDate(QDate(2026, 11, 5))
    step(qtbot, view, "arbitration.schedule_hearing", QDate(2026, 10, 30))
    assert "已定开庭" in view.header.text(), dialogs.errors
    assert {"award.nonfinal", "award.final"} <= set(view.tab("办理").lead_events)
    step(qtbot, view, "award.nonfinal", QDate(2026, 11, 10))
    assert "非终局裁决" in view.header.text(), dialogs.errors
    assert "依法应为终局裁决" not in dialogs.infos[-1]  # 36,000 元 exceeds the art 47 limit

    # Served on each party on a different day: each party's own period runs from its day.
    service = view.tab("送达")
    assert isinstance(service, ServiceTab)
    for party, day in (("王小明", 12), ("迅达即配科技有限公司", 16), ("绍兴众包人力资源有限公司", 18)):
        view.tabs.setCurrentWidget(service)
        qtbot.mouseClick(service.add_button, CLICK)
        record = service.open_dialog
        assert isinstance(record, ServiceDialog)
        record.party.setCurrentIndex(record.party.findText(party))
        record.kind.setCurrentIndex(record.kind.findData("award_nonfinal"))
        record.method.setCurrentIndex(record.method.findData("direct"))
        record.served_on.setDate(QDate(2026, 11, day))
        type_text(record.server, "书记员甲")
        qtbot.mouseClick(record.save_button, CLICK)
        assert not record.isVisible(), (dialogs.errors, {k: m.text() for k, m in record.messages.items()})
    tab = view.tab("期限")
    own = {str(tab.model.index(r, 2).data()).rsplit("（", 1)[-1].rstrip("）"):
           str(tab.model.index(r, 0).data()) for r in range(tab.model.rowCount())
           if str(tab.model.index(r, 2).data()).startswith("不服非终局裁决起诉")}
    assert own == {"王小明": "2026-11-27", "迅达即配科技有限公司": "2026-12-01",
                   "绍兴众包人力资源有限公司": "2026-12-03"}, own
    assert "court.sue" in view.tab("办理").lead_events

    # The worker's suit, from 办理, within his own 15 days.
    step(qtbot, view, "court.sue", QDate(2026, 11, 20))
    suit = view.open_dialog
    assert isinstance(suit, FilingDialog) and suit.kind.currentData() == "lawsuit"
    assert suit.forum.text() == "绍兴市越城区人民法院"  # the basic court the rules propose
    qtbot.mouseClick(suit.save_button, CLICK)
    assert not suit.isVisible(), dialogs.errors
    assert "已起诉" in view.header.text() and "诉讼" in listed(win)
    assert dialogs.errors == []
