"""`--smoke`: the GUI opens its main window, paints it, logs that and quits by itself (what the
frozen program's and the installed program's smoke tests rely on)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.cli.main import main
from app.views.launcher import SMOKE_LINE


def test_smoke_start_paints_the_main_window_and_quits(qtbot: QtBot, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    data = str(tmp_path / "d")
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", "Smoke-Test-2026!")
    assert main(["--data-dir", data, "demo", "--cases", "1"]) == 0
    assert main(["--data-dir", data, "user", "add", "smoke", "--role", "administrator"]) == 0
    assert main(["--data-dir", data, "--user", "smoke", "user", "auto-login", "smoke"]) == 0
    # Should it never quit by itself, the windows close after a minute and the log says why.
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.closeAllWindows)
    guard.start(60_000)
    try:
        assert main(["--data-dir", data, "--smoke"]) == 0  # returns: nobody closed the window
    finally:
        guard.stop()  # never left to close a later test's windows
        _leave_event_loops_working()
    log = (tmp_path / "d" / "logs" / "mediation-desk.log").read_text(encoding="utf-8")
    assert log.count(SMOKE_LINE) == 1
    assert not (tmp_path / "d" / "backups").exists()  # no automatic backup on a smoke start


def _leave_event_loops_working() -> None:
    """The program's own event loop ran inside this test process. A quit that reaches Qt after
    that loop has returned leaves the thread's "quit now" flag set, so every later event loop
    (qtbot.wait, waitUntil) returns at once and no queued signal is delivered: a later test
    waiting for a background task would time out (seen with xdist's file order). The real
    process ends here; the test process runs one short loop, which clears the flag."""
    import time

    app = QApplication.instance()
    QTimer.singleShot(0, app.quit)
    app.exec()
    start = time.perf_counter()
    loop = QEventLoop()
    QTimer.singleShot(50, loop.quit)
    loop.exec()
    assert time.perf_counter() - start >= 0.04  # event loops run again
