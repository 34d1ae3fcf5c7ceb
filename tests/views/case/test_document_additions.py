"""Per-document additions: before generating, the 文书 tab says what the chosen kind still lacks
and asks for the case's 事实与理由, which is saved to the case (a guarded, audited edit) and
printed — the clerk never edits the Word file to fill the gap."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.dialogs.documents_dialog import KIND_ROLE, DocumentsDialog
from app.views.main_window import MainWindow
from tests.factories import case_input
from tests.views.desk import desk_window
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text

FACTS = "申请人自2025年3月起为被申请人配送外卖，被申请人拖欠2026年9月至10月的报酬。"


def test_facts_typed_before_generating_are_saved_to_the_case_and_printed(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    s = sqlite_services
    case_no = s.cases.create_case(case_input(category="1")).case_no
    dialogs = FakeDialogs()
    window = desk_window(qtbot, s, tmp_path, dialogs)
    view = window.open_case(case_no)
    docs = view.tab("文书")
    assert isinstance(docs, DocumentsDialog)
    items = [docs.kinds.item(r) for r in range(docs.kinds.count())]
    docs.kinds.setCurrentItem(next(i for i in items
                                   if i.data(KIND_ROLE) == "arbitration_application"))
    assert list(docs.case_texts) == ["facts"]
    assert docs.case_texts["facts"].toPlainText() == ""
    assert docs.missing_label.text().startswith("本文书尚缺："), docs.missing_label.text()
    docs.case_texts["facts"].setPlainText(FACTS)
    docs.draft.setChecked(True)
    qtbot.mouseClick(docs.generate_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == [] and docs.last_pdf is not None
    assert s.case_detail.detail(case_no).facts == FACTS  # saved to the case, not the file
    text = "".join(page.extract_text() for page in PdfReader(docs.last_pdf).pages)
    assert "拖欠2026年9月至10月的报酬" in text.replace("\n", "")
    audit = " ".join(view.timeline.audit.item(i).text() for i in range(view.timeline.audit.count()))
    assert "事实与理由" in audit  # the tab's edit went through the case's guarded, audited edit
    # Another kind that does not print the facts does not ask for them.
    docs.kinds.setCurrentItem(next(i for i in items if i.data(KIND_ROLE) == "refusal_notice"))
    assert docs.case_texts == {}
    docs.kinds.setCurrentItem(next(i for i in items
                                   if i.data(KIND_ROLE) == "arbitration_application"))
    assert docs.case_texts["facts"].toPlainText() == FACTS
    # A change elsewhere shows here: the box follows the case.
    s.case_edit.update_case(case_no, {"facts": FACTS + "另查明：未签书面劳动合同。"},
                            s.case_detail.detail(case_no).version)
    view.record_changed()
    assert docs.case_texts["facts"].toPlainText().endswith("未签书面劳动合同。")


def _window(qtbot: QtBot, s: Services, tmp_path: Path) -> tuple[MainWindow, FakeDialogs]:
    dialogs = FakeDialogs()
    window = desk_window(qtbot, s, tmp_path, dialogs)
    return window, dialogs


def _pick(docs: DocumentsDialog, kind: str) -> None:
    items = [docs.kinds.item(r) for r in range(docs.kinds.count())]
    docs.kinds.setCurrentItem(next(i for i in items if i.data(KIND_ROLE) == kind))


def _pdf_text(path: Path | None) -> str:
    assert path is not None
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace("\n", "")


def test_evidence_picked_and_added_in_the_documents_dialog(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    from app.services.cases.witnesses import EvidenceInput

    s = sqlite_services
    case_no = s.cases.create_case(case_input(category="1")).case_no
    for name in ("劳动合同", "录错的截图"):
        s.witnesses.add_evidence(case_no, EvidenceInput(name, "申请人提供", "双方存在劳动关系"),
                                 s.case_detail.detail(case_no).version)
    window, dialogs = _window(qtbot, s, tmp_path)
    view = window.open_case(case_no)
    docs = view.tab("文书")
    assert isinstance(docs, DocumentsDialog) and docs.evidence is not None
    _pick(docs, "refusal_notice")
    assert not docs.evidence.isVisibleTo(docs)  # a kind that lists no evidence asks for none
    _pick(docs, "evidence_list")
    picker = docs.evidence
    assert picker.isVisibleTo(docs) and picker.items.count() == 2
    picker.items.item(1).setCheckState(Qt.CheckState.Unchecked)  # 录错的截图 stays out
    # A bad item: refused with what to fix, nothing saved, nothing generated.
    type_text(picker.proves, "被申请人拖欠报酬")
    qtbot.mouseClick(docs.generate_button, Qt.MouseButton.LeftButton)
    assert picker.problem.isVisibleTo(docs) and "证据名称" in picker.problem.text()
    assert docs.last_pdf is None and len(s.case_detail.detail(case_no).evidence) == 2
    # Typed here, saved to the case's 证据目录 before rendering, and listed in the document.
    type_text(picker.name, "银行流水")
    type_text(picker.source, "银行打印")
    picker.pages.setValue(3)
    picker.form_choice.setCurrentIndex(picker.form_choice.findData("original"))
    qtbot.mouseClick(docs.generate_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == [] and docs.last_pdf is not None
    stored = s.case_detail.detail(case_no).evidence
    assert [(e.name, e.proves, e.source, e.pages, e.form) for e in stored][-1] == (
        "银行流水", "被申请人拖欠报酬", "银行打印", 3, "original")
    text = _pdf_text(docs.last_pdf)
    assert "劳动合同" in text and "银行流水" in text and "录错的截图" not in text
    assert picker.items.count() == 3 and picker.name.text() == ""
    assert picker.items.item(1).checkState() == Qt.CheckState.Unchecked  # the choice is kept
    assert view.evidence.table.model().rowCount() == 3  # the 证据 tab shows it at once
    audit = " ".join(view.timeline.audit.item(i).text() for i in range(view.timeline.audit.count()))
    assert "新增 证据 银行流水" in audit


def test_a_generated_document_is_voided_struck_and_left_out_of_the_file_index(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QLabel

    from app.views.case.dialogs.correction_dialogs import WithdrawDialog

    s = sqlite_services
    case_no = s.cases.create_case(case_input(category="1")).case_no
    window, dialogs = _window(qtbot, s, tmp_path)
    view = window.open_case(case_no)
    docs = view.tab("文书")
    assert isinstance(docs, DocumentsDialog) and docs.voider is not None
    for kind in ("rights_notice", "mediation_application"):
        _pick(docs, kind)
        if "facts" in docs.case_texts:
            docs.case_texts["facts"].setPlainText(FACTS)
        qtbot.mouseClick(docs.generate_button, Qt.MouseButton.LeftButton)
        assert dialogs.errors == [] and docs.last_pdf is not None
    history = docs.voider
    assert len(history.texts()) == 2
    history.list.setCurrentRow(0)  # newest first: 调解申请书
    assert "调解申请书" in history.texts()[0]
    qtbot.mouseClick(history.void_button, Qt.MouseButton.LeftButton)
    dialog = history.open_dialog
    assert isinstance(dialog, WithdrawDialog)
    told = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "不会删除" in told and "不再列入卷内目录" in told
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # no reason: refused, nothing changed
    assert not any(t.startswith("【已作废") for t in history.texts())
    dialog.reason.setPlainText("申请人姓名打错")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialogs.errors
    voided = history.list.item(0)
    assert voided.text().startswith("【已作废 2026-11-23：申请人姓名打错】") and voided.font().strikeOut()
    assert not history.list.item(1).font().strikeOut()
    audit = " ".join(view.timeline.audit.item(i).text() for i in range(view.timeline.audit.count()))
    assert "撤回（作废）原因：（空） → 申请人姓名打错" in audit
    # The 卷内目录 skips it, lists the other.
    _pick(docs, "file_index")
    qtbot.mouseClick(docs.generate_button, Qt.MouseButton.LeftButton)
    text = _pdf_text(docs.last_pdf)
    assert "权利义务告知书" in text and "调解申请书" not in text, text
