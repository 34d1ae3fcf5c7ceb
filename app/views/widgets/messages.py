"""Message boxes, file pickers and opening files go through this small interface so tests can
replace it (no timers poking at modal dialogs)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Dialogs(Protocol):
    def error(self, parent: QWidget | None, title: str, text: str) -> None: ...
    def info(self, parent: QWidget | None, title: str, text: str) -> None: ...
    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool: ...
    def choose_files(self, parent: QWidget | None, title: str) -> list[Path]: ...
    def open_file(self, path: Path) -> bool: ...
    def save_file(self, parent: QWidget | None, title: str, suggested: Path,
                  file_filter: str) -> Path | None: ...
    def choose_file(self, parent: QWidget | None, title: str, file_filter: str) -> Path | None: ...


class QtDialogs:
    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def choose_files(self, parent: QWidget | None, title: str) -> list[Path]:
        names, _filter = QFileDialog.getOpenFileNames(
            parent, title, "", "所有文件 (*);;图片 (*.png *.jpg *.jpeg);;PDF (*.pdf);;"
                               "Word (*.doc *.docx)")
        return [Path(n) for n in names]

    def open_file(self, path: Path) -> bool:
        """The system's own program for the file (Word or WPS for .docx)."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def save_file(self, parent: QWidget | None, title: str, suggested: Path,
                  file_filter: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
        return Path(name) if name else None

    def choose_file(self, parent: QWidget | None, title: str, file_filter: str) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(parent, title, "", file_filter)
        return Path(name) if name else None
