"""Message boxes and opening files go through this small interface so tests can replace it."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


class Dialogs(Protocol):
    def error(self, parent: QWidget | None, title: str, text: str) -> None: ...
    def info(self, parent: QWidget | None, title: str, text: str) -> None: ...
    def open_file(self, path: Path) -> bool: ...


class QtDialogs:
    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def open_file(self, path: Path) -> bool:
        """The system's own program for the file (Word or WPS for .docx)."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
