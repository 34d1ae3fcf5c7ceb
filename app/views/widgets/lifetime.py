"""A closed window does no more work: its timers stop and its background tasks' results are
dropped (a search firing after 退出登录 would query a database that may be gone)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from app.views.widgets.background import BackgroundTask


def stop_work_of(root: QObject) -> None:
    """Stop every timer owned by `root` or anything under it (dialogs opened on it included)
    and abandon its background tasks."""
    for timer in root.findChildren(QTimer):
        timer.stop()
    for task in root.findChildren(BackgroundTask):
        if task.running:
            task.abandon()
