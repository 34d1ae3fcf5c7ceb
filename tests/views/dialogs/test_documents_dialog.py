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


def test_an_application_asks_its_filing_date_and_proposes_its_forum(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    from PySide6.QtCore import QDate

    from tests.documents.test_case_api import pdf_text
    from tests.documents.test_filings import build_two_respondents

    case_no = build_two_respondents(sqlite_services)
    fake = FakeDialogs()
    dialog = DocumentsDialog(sqlite_services.documents, case_no, tmp_path, fake)
    qtbot.addWidget(dialog)
    select(dialog, "mediation_agreement")
    assert not dialog.filing_box.isVisibleTo(dialog)  # no forum, no filing date
    select(dialog, "judicial_confirmation_application")
    assert dialog.filing_box.isVisibleTo(dialog)
    assert dialog.filing_date.date() == QDate(2026, 11, 23)  # today by default
    assert dialog.forum.currentText() == "绍兴市越城区人民法院"
    assert "第二百零五条" in dialog.forum_note.text()
    # the clerk types a date after the 30 days: the dialog says so before anything is made
    dialog.show()
    dialog.filing_date.setFocus()
    dialog.filing_date.selectAll()
    qtbot.keyClicks(dialog.filing_date, "2026-12-11")
    assert dialog.filing_date.date() == QDate(2026, 12, 11)
    assert "已超过双方共同申请司法确认的期限" in dialog.forum_note.text()
    qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    assert fake.errors == [] and "已超过" in dialog.status.text()
    assert dialog.last_pdf is not None and "2026年12月11日" in pdf_text(dialog.last_pdf)
    # another court typed in: that one is addressed
    dialog.forum.setEditText("绍兴市柯桥区人民法院")
    dialog.generate()
    assert "绍兴市柯桥区人民法院" in pdf_text(dialog.last_pdf)
    # a date before the agreement took effect is refused in Chinese, nothing written
    dialog.filing_date.setDate(QDate(2026, 11, 5))
    assert "早于调解协议生效之日" in dialog.forum_note.text()
    history = dialog.history.count()
    dialog.generate()
    assert len(fake.errors) == 1 and "早于调解协议生效之日" in fake.errors[0]
    assert dialog.history.count() == history
