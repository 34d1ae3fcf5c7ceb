"""Per-document additions: before generating, the 文书 tab says what the chosen kind still lacks
and asks for the case's 事实与理由, which is saved to the case (a guarded, audited edit) and
printed — the clerk never edits the Word file to fill the gap."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.case.case_extensions import case_tabs
from app.views.dialogs.documents_dialog import KIND_ROLE, DocumentsDialog
from app.views.main_window import MainWindow
from tests.factories import case_input
from tests.views.fakes import FakeDialogs

FACTS = "申请人自2025年3月起为被申请人配送外卖，被申请人拖欠2026年9月至10月的报酬。"


def test_facts_typed_before_generating_are_saved_to_the_case_and_printed(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    s = sqlite_services
    case_no = s.cases.create_case(case_input(category="1")).case_no
    dialogs = FakeDialogs()
    window = MainWindow(s, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
                        dialogs, case_tab_factories=case_tabs(s, tmp_path, dialogs))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
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
