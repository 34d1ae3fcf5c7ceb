"""An unexpected error in a GUI action: a Chinese dialog (what failed, nothing saved was lost,
复制详情, 打开日志文件夹) and the traceback in the log file, instead of vanishing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.logs import LOG_FILE, setup_logging
from app.views.main_window import MainWindow
from app.views.widgets.error_dialog import ErrorDialog, install_error_hook


@pytest.fixture
def restore_hook():
    saved = sys.excepthook
    yield
    sys.excepthook = saved


@pytest.mark.qt_no_exception_capture
def test_a_failing_service_in_a_gui_action_shows_the_dialog_and_logs(
        window: MainWindow, tmp_path: Path, restore_hook: None) -> None:
    log = setup_logging(tmp_path / "data")
    assert log is not None
    shown: list[tuple[str, str]] = []
    install_error_hook(log.parent, lambda what, details: shown.append((what, details)))

    def broken() -> dict[str, int]:
        raise RuntimeError("数据库连接中断")

    window.dashboard._stage_counts = broken  # the service behind the workbench fails
    window.refresh_action.trigger()  # 刷新 (F5)
    assert len(shown) == 1
    what, details = shown[0]
    assert what == "RuntimeError：数据库连接中断" and "Traceback" in details
    logged = (tmp_path / "data" / "logs" / LOG_FILE).read_text(encoding="utf-8")
    assert "界面操作意外出错" in logged and "RuntimeError: 数据库连接中断" in logged
    assert "broken" in logged  # the traceback names the failing function
    # The window is still there and works again once the service does.
    window.dashboard._stage_counts = lambda: {}
    window.refresh_action.trigger()
    assert len(shown) == 1 and window.isVisible()


def test_the_dialog_says_nothing_was_lost_and_copies_the_details(qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    dialog = ErrorDialog("RuntimeError：磁盘已满", "Traceback …\nRuntimeError: 磁盘已满", tmp_path)
    qtbot.addWidget(dialog)
    assert "没有完成" in dialog.text() and "此前已保存的数据不受影响" in dialog.text()
    assert dialog.detailedText().endswith("磁盘已满")
    dialog.show()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.details
    assert dialog.isVisible()  # copying does not close the dialog
    assert dialog.log_button.isEnabled() and dialog.log_button.text() == "打开日志文件夹"
    assert not ErrorDialog("x", "y", None).log_button.isEnabled()  # no log folder: say so
