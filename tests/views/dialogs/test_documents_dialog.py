"""The documents dialog: generate, preview (QtPdf), open the DOCX, print, history."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.dialogs.documents_dialog import KIND_ROLE, DocumentsDialog, paint_page_on_white
from tests.documents.conftest import build_complete_case


@pytest.fixture
def complete_case(sqlite_services: Services) -> str:
    return build_complete_case(sqlite_services)


class FakeDialogs:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.opened: list[Path] = []

    def error(self, parent: object, title: str, text: str) -> None:
        self.errors.append(text)

    def info(self, parent: object, title: str, text: str) -> None:
        pass

    def open_file(self, path: Path) -> bool:
        self.opened.append(path)
        return True


def select(dialog: DocumentsDialog, kind: str) -> None:
    items = [dialog.kinds.item(r) for r in range(dialog.kinds.count())]
    dialog.kinds.setCurrentItem(next(i for i in items if i.data(KIND_ROLE) == kind))


def test_generate_preview_open_print(qtbot: QtBot, sqlite_services: Services,
                                     complete_case: str, tmp_path: Path) -> None:
    fake = FakeDialogs()
    dialog = DocumentsDialog(sqlite_services.documents, complete_case, tmp_path, fake)
    qtbot.addWidget(dialog)
    select(dialog, "judicial_confirmation_application")
    qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    assert fake.errors == []
    assert dialog.pdf.pageCount() >= 1 and dialog.last_pdf is not None
    assert "司法确认申请书" in dialog.status.text()
    assert dialog.history.count() == 1
    image = paint_page_on_white(dialog.pdf, 0, QSize(200, 280))
    assert image.pixelColor(2, 2).name() == "#ffffff"  # white paper, not transparent
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == dialog.pdf.pageCount()
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    dialog.format.setCurrentIndex(1)
    dialog.generate()
    dialog.open_docx()
    assert fake.opened == [tmp_path / "司法确认申请书.docx"]


def test_missing_data_is_shown_and_nothing_generated(qtbot: QtBot, sqlite_services: Services,
                                                     complete_case: str, tmp_path: Path) -> None:
    fake = FakeDialogs()
    out = tmp_path / "out"
    dialog = DocumentsDialog(sqlite_services.documents, complete_case, out, fake)
    qtbot.addWidget(dialog)
    select(dialog, "refusal_notice")
    dialog.generate()
    assert len(fake.errors) == 1 and "不予受理的理由" in fake.errors[0]
    assert dialog.history.count() == 0 and not out.exists()
    dialog.draft.setChecked(True)
    dialog.generate()
    assert dialog.history.count() == 1 and "草稿" in dialog.history.item(0).text()
