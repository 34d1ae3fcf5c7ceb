"""A closed window does no more work: its timers stop and its background tasks' results are
dropped (a search firing after 退出登录 would query a database that may be gone); the daily
backup is cancelled and waited for (see ARCHITECTURE, "Sign-out and the daily backup")."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from app.logs import logger
from app.views.widgets.background import BackgroundTask

STOP_WAIT_S = 60.0  # at most this long for a `stop_on_close` task to see it was cancelled


def stop_work_of(root: QObject) -> None:
    """Stop every timer owned by `root` or anything under it (dialogs opened on it included)
    and abandon its background tasks; those started `stop_on_close` (the daily backup) are
    waited for until their work has stopped, so none outlives the user who signed out."""
    for timer in root.findChildren(QTimer):
        timer.stop()
    for task in root.findChildren(BackgroundTask):
        if not task.running:
            continue
        if not task.stop_on_close:
            task.abandon()
        elif not task.stop_and_wait(STOP_WAIT_S):  # abandoned still: it stops when it can
            logger.warning("a background task did not stop within %s s of its window closing",
                           STOP_WAIT_S)
