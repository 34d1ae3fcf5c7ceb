"""A previewed PDF is not held open (Windows could not replace or delete it otherwise)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from reportlab.pdfgen import canvas

from app.views.widgets.pdf_memory import PdfFromMemory
from tests.views.dialogs.test_documents_dialog import open_by_this_process


def _pdf(path: Path, pages: int) -> Path:
    c = canvas.Canvas(str(path))
    for n in range(pages):
        c.drawString(72, 720, f"page {n + 1}")
        c.showPage()
    c.save()
    return path


def test_the_preview_reads_a_copy_and_lets_the_file_go(qtbot: QtBot, tmp_path: Path) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    one, two = _pdf(tmp_path / "one.pdf", 1), _pdf(tmp_path / "two.pdf", 3)
    plain = QPdfDocument(owner)
    plain.load(str(one))
    plain.close()
    assert open_by_this_process(one)  # the trap: Qt keeps a loaded file open after close()
    document = QPdfDocument(owner)
    preview = PdfFromMemory(document, owner)
    preview.show(two)
    assert document.pageCount() == 3 and not open_by_this_process(two)
    two.unlink()  # nothing holds it: on Windows too the file could go
    preview.show(_pdf(tmp_path / "three.pdf", 2))
    assert document.pageCount() == 2 and not open_by_this_process(tmp_path / "three.pdf")
