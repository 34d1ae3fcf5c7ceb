"""Show a PDF in a QPdfDocument from a copy in memory, so the file itself is never held open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView


class PdfFromMemory:
    """QPdfDocument.load(path) keeps the file open even after close() (seen with PySide6 6.12),
    and on Windows an open file cannot be regenerated, replaced or deleted. This loads the
    bytes into a QBuffer instead and keeps that buffer alive while the document shows it."""

    def __init__(self, document: QPdfDocument, owner: QObject) -> None:
        self.document, self.owner = document, owner
        self.buffer: QBuffer | None = None

    def show(self, path: Path) -> None:
        self.document.close()
        previous, self.buffer = self.buffer, QBuffer(self.owner)
        self.buffer.setData(QByteArray(Path(path).read_bytes()))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self.buffer)
        if previous is not None:
            previous.close()
            previous.deleteLater()


def pdf_preview(owner: QObject) -> tuple[QPdfDocument, PdfFromMemory, QPdfView]:
    """A page-by-page preview fitted to its width, fed from memory (the documents dialog and
    the template editor show their PDFs so)."""
    document = QPdfDocument(owner)
    view = QPdfView()
    view.setDocument(document)
    view.setPageMode(QPdfView.PageMode.MultiPage)
    view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
    return document, PdfFromMemory(document, owner), view
