"""The start's page reads: a main window built `fill_later` is shown with its pages empty, then
`MainWindow.fill_pages` hands them to `PageFill`, which reads the workbench and the case list's
first page on worker threads (正在载入… meanwhile) and tells the window when they are shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMainWindow

from app.errors import AppError
from app.views.pages.case_list_page import CaseListPage
from app.views.pages.dashboard_page import DashboardPage
from app.views.widgets.background import BackgroundTask, run_in_background


class PageFill:
    """One window's start reads, run once: the workbench and the case list side by side; the
    window answers input meanwhile. `filled()` (or `failed(text)`, with the first failure's
    Chinese sentence) is called when both have ended. The reads stop with the window
    (`stop_on_close`): closing it waits until none is left using the database."""

    def __init__(self, window: QMainWindow, dashboard: DashboardPage, case_list: CaseListPage,
                 filled: Callable[[], object], failed: Callable[[str], object]) -> None:
        self.window, self.dashboard, self.case_list = window, dashboard, case_list
        self.filled, self.failed = filled, failed
        self.tasks: list[BackgroundTask] = []  # the start's reads still under way
        self.failures: list[str] = []

    def start(self) -> list[BackgroundTask]:
        self.dashboard.set_loading()
        read_list = self.case_list.begin_fill()
        for read, show, show_failure in (
                (read_list, self.case_list.show_filled, self.case_list.show_failure),
                (self.dashboard.read, self.dashboard.show_data, self.dashboard.show_failure)):
            task = run_in_background(self.window, lambda _p, read=read: read(), on_success=show,
                                     on_failure=self._report(show_failure), label="",
                                     show_progress=False, stop_on_close=True)
            task.finished.connect(self._ended)
            self.tasks.append(task)
        return list(self.tasks)

    def _ended(self) -> None:
        if any(task.abandoned for task in self.tasks):  # the window closed meanwhile
            return
        if not any(task.running for task in self.tasks):
            self.tasks.clear()
            if self.failures:
                self.failed(self.failures[0])
            else:
                self.filled()

    def _report(self, show: Callable[[str], None]) -> Callable[[Exception], None]:
        def report(exc: Exception) -> None:
            text = self.read_failure(exc)
            self.failures.append(text)
            show(text)
        return report

    def read_failure(self, exc: Exception) -> str:
        """A start read that failed, in one Chinese sentence (the details to the log)."""
        if isinstance(exc, AppError):
            return exc.message
        from app.logs import log_unexpected

        log_unexpected("读取工作台或案件列表失败", exc)
        window = self.window
        window.statusBar().showMessage(window.tr("读取数据时出错，详情已记入日志"))
        return window.tr("读取数据库时出错（{e}），详情已记入日志").replace("{e}", type(exc).__name__)
