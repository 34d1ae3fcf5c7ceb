"""Long work off the GUI thread: `op(progress)` runs on a worker, results come back on the GUI
thread, a progress dialog shows how far it got and lets the user cancel.

Services open their own short session per call, so nothing database-bound crosses threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThread, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class Progress:
    """Handed to `op`: report how far it got; False back means the user asked to stop."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancelled = threading.Event()
        self._last: tuple[int, int] | None = None

    def report(self, done: int, total: int) -> bool:
        # At most one update per permille: a tight loop must not flood the GUI's event queue.
        step = (done * 1000 // total if total else done, total)
        if step != self._last:
            self._last = step
            self._signals.progressed.emit(done, total)
        return not self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runner(QRunnable):
    def __init__(self, op: Callable[[Progress], Any], progress: Progress, signals: _Signals):
        super().__init__()
        self.op, self.progress, self.signals = op, progress, signals
        self.ended = threading.Event()  # set when `op` has returned or raised (any thread)

    def run(self) -> None:
        try:
            result = self.op(self.progress)
        except Exception as exc:  # handed to on_failure on the GUI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.ended.set()


class BackgroundTask(QObject):
    """One running operation; `finished` fires on the GUI thread after the callbacks."""

    finished = Signal()
    _running: set[BackgroundTask] = set()  # kept alive until done

    def __init__(self, parent: QWidget | None, op: Callable[[Progress], Any],
                 on_success: Callable[[Any], None], on_failure: Callable[[Exception], None],
                 label: str, show_progress: bool = True, stop_on_close: bool = False) -> None:
        super().__init__(parent)
        # Its window closing (退出登录) waits until `op` has stopped: for work that checks
        # `progress.cancelled` often and must not outlive the user who started it.
        self.stop_on_close = stop_on_close
        self.signals = _Signals()
        self.progress = Progress(self.signals)
        self.on_success, self.on_failure = on_success, on_failure
        self.abandoned = False  # its window closed: the result is dropped, no callback runs
        self._closed = False
        self.dialog: QProgressDialog | None = None
        if show_progress:
            self.dialog = QProgressDialog(label, self.tr("取消"), 0, 0, parent)
            self.dialog.setWindowTitle(self.tr("请稍候"))
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
        self.signals.progressed.connect(self._progressed)
        self.signals.succeeded.connect(self._succeeded)
        self.signals.failed.connect(self._failed)
        self._runner = _Runner(op, self.progress, self.signals)

    def start(self, *, low_priority: bool = False) -> BackgroundTask:
        BackgroundTask._running.add(self)
        (idle_pool() if low_priority else QThreadPool.globalInstance()).start(self._runner)
        return self

    @property
    def running(self) -> bool:
        return self in BackgroundTask._running

    def cancel(self) -> None:
        self.progress.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("正在停止…"))

    def abandon(self) -> None:
        """The window that started it closed: ask `op` to stop and drop its result (the
        callbacks would touch a closed window and perhaps a database no longer open)."""
        self.abandoned = True
        self.progress.cancel()
        self._close()

    def _progressed(self, done: int, total: int) -> None:
        if self.dialog is not None and not self.progress.cancelled and not self.abandoned:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, total))

    def _succeeded(self, result: object) -> None:
        self._close()
        if not self.abandoned:
            self.on_success(result)
        self._done()

    def _failed(self, exc: object) -> None:
        self._close()
        if not self.abandoned:
            self.on_failure(exc)  # type: ignore[arg-type]
        self._done()

    def _close(self) -> None:
        if self._closed:  # once: abandoned, then finished
            return
        self._closed = True
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()

    def stop_and_wait(self, timeout: float) -> bool:
        """Abandon it and wait (on the GUI thread, at most `timeout` seconds) until `op` has
        returned; True when it has, and the task is then over (no longer running)."""
        self.abandon()
        if not self._runner.ended.wait(timeout):
            return False
        self._done()
        return True

    def _done(self) -> None:
        if self not in BackgroundTask._running:  # once: stopped and waited for, then finished
            return
        BackgroundTask._running.discard(self)
        self.finished.emit()


def run_in_background(parent: QWidget | None, op: Callable[[Progress], Any], *,
                      on_success: Callable[[Any], None], on_failure: Callable[[Exception], None],
                      label: str, show_progress: bool = True,
                      low_priority: bool = False, stop_on_close: bool = False) -> BackgroundTask:
    """Start `op(progress)` on the thread pool; callbacks run on the GUI thread.
    `low_priority`: on a thread of its own that the system runs only when nothing else wants
    the processor (housekeeping such as the daily backup, never in a clerk's way).
    `stop_on_close`: closing `parent`'s window cancels it and waits until `op` returned."""
    return BackgroundTask(parent, op, on_success, on_failure, label, show_progress,
                          stop_on_close).start(low_priority=low_priority)


_IDLE_POOL: list[QThreadPool] = []


def idle_pool() -> QThreadPool:
    """One worker at idle priority (SCHED_IDLE on Linux, THREAD_PRIORITY_IDLE on Windows),
    apart from the shared pool so its threads never carry that priority into other work."""
    if not _IDLE_POOL:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)
        pool.setThreadPriority(QThread.Priority.IdlePriority)
        _IDLE_POOL.append(pool)
    return _IDLE_POOL[0]
