"""The dialog an unexpected error shows instead of vanishing into a console Windows never opens:
what failed, that nothing saved was lost, 复制详情 and 打开日志文件夹; the traceback goes to the
log file."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from app.logs import log_unexpected

TITLE = "出现意外错误"
Shower = Callable[[str, str], None]


def summary(exc: BaseException) -> str:
    """One line a clerk can read out on the phone; the type name helps whoever reads the log."""
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"{type(exc).__name__}：{text}" if text else type(exc).__name__


class ErrorDialog(QMessageBox):
    def __init__(self, what: str, details: str, log_dir: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(TITLE)
        self.setText(f"刚才的操作没有完成：{what}\n\n此前已保存的数据不受影响。可以重试该操作；"
                     "如果再次出现，请把详情发给技术支持。")
        self.setDetailedText(details)
        self.details = details
        self.log_dir = log_dir
        self.copy_button = QPushButton("复制详情")
        self.addButton(self.copy_button, QMessageBox.ButtonRole.ActionRole)
        self.copy_button.clicked.disconnect()  # an action button must not close the dialog
        self.copy_button.clicked.connect(self.copy_details)
        self.log_button = QPushButton("打开日志文件夹")
        self.addButton(self.log_button, QMessageBox.ButtonRole.ActionRole)
        self.log_button.clicked.disconnect()
        self.log_button.clicked.connect(self.open_log_folder)
        self.log_button.setEnabled(log_dir is not None)
        self.addButton("关闭", QMessageBox.ButtonRole.RejectRole)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)

    def open_log_folder(self) -> bool:
        if self.log_dir is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_dir)))


def install_error_hook(log_dir: Path | None, show: Shower | None = None) -> None:
    """Every exception that reaches Qt's event loop is logged and shown in Chinese; `show` is
    replaced in tests (the real one opens ErrorDialog)."""

    def show_dialog(what: str, details: str) -> None:
        ErrorDialog(what, details, log_dir).exec()

    chosen = show or show_dialog

    def hook(kind: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.__traceback__ = tb
        log_unexpected("界面操作意外出错", exc)
        try:
            chosen(summary(exc), "".join(traceback.format_exception(kind, exc, tb)))
        except Exception:  # a dialog that cannot open must not raise inside the hook
            sys.__excepthook__(kind, exc, tb)

    sys.excepthook = hook
