"""File → 打印 (Ctrl+P): the PDF shown in the open case's 文书 tab goes to the printer; without
one, the clerk is told where to make it (and taken to the 文书 tab)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.dialogs.documents_dialog import DocumentsDialog
from tests.factories import case_input
from tests.views.desk import desk_window
from tests.views.fakes import FakeDialogs


def test_print_the_current_document_or_say_how(qtbot: QtBot, sqlite_services: Services,
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    s = sqlite_services
    case_no = s.cases.create_case(case_input()).case_no
    dialogs = FakeDialogs()
    window = desk_window(qtbot, s, tmp_path, dialogs, laptop=False)
    assert not window.print_current()  # the workbench: nothing to print
    assert "请先打开一个案件" in dialogs.infos[-1]
    view = window.open_case(case_no)
    documents = view.tab("文书")
    assert isinstance(documents, DocumentsDialog)
    assert not window.print_current()  # no document made yet: say how, show the tab
    assert "还没有可打印的文书" in dialogs.infos[-1] and view.tabs.currentWidget() is documents
    printed: list[Path] = []
    monkeypatch.setattr(documents, "print_pdf", lambda: printed.append(documents.last_pdf))
    documents.draft.setChecked(True)
    documents.generate()
    assert documents.last_pdf is not None and documents.last_pdf.exists()
    window.print_action.trigger()
    assert printed == [documents.last_pdf]
