"""Start the GUI: check for a display, make Chinese render, open the database, show the window."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import AppConfig

if TYPE_CHECKING:  # Qt loads only when the GUI starts, not for the CLI
    from PySide6.QtWidgets import QMainWindow

    from app.bootstrap import Services
    from app.services.security.accounts import Identity
    from app.views.widgets.background import BackgroundTask

NO_DISPLAY = ("未检测到图形显示环境（DISPLAY/WAYLAND_DISPLAY 均未设置），无法打开窗口。"
              "请在桌面环境中运行，或在服务器上用 `xvfb-run make run`；"
              "命令行功能请运行 `mediation-desk --help`。")
BACKUP_DELAY_MS = 1500  # the daily backup starts this long after the pages were filled
CJK_FONT_FILES = [
    # Windows ships these; on Linux `make run` installs WenQuanYi Micro Hei when it can.
    Path("C:/Windows/Fonts/msyh.ttc"), Path("C:/Windows/Fonts/simsun.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
]


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_cjk_font() -> str | None:
    """Make sure Qt has a font with Chinese glyphs; returns a warning when none was found."""
    from PySide6.QtGui import QFontDatabase

    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if families:
        return None
    for path in CJK_FONT_FILES:
        if path.is_file() and QFontDatabase.addApplicationFont(str(path)) >= 0:
            return None
    return ("未找到中文字体，界面中的汉字可能显示为方框。Debian/Ubuntu 请安装 fonts-wqy-microhei；"
            "Windows 自带中文字体。")


def install_qt_translations(app: object) -> None:
    """Qt's own buttons and dialogs (OK, Cancel, Close…) and dates in Simplified Chinese."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    # Month and weekday names (calendars, date pickers) in Chinese whatever the PC's locale.
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)  # type: ignore[arg-type]
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                       folder):
        app.installTranslator(translator)  # type: ignore[attr-defined]


def start_auto_backup(window: QMainWindow, services: Services) -> BackgroundTask:
    """The scheduled backup, off the GUI thread at idle priority so a large database never
    stalls the start or a search (SQLite in WAL mode lets readers work while it copies); the
    status bar says how it went."""
    from app.errors import AppError
    from app.services.security.backup import BackupInfo
    from app.views.widgets.background import run_in_background

    status = window.statusBar()

    def done(info: object) -> None:
        if isinstance(info, BackupInfo) and info.problems:
            status.showMessage(f"已自动备份到 {info.path}，但 {len(info.problems)} 个问题："
                               + "；".join(info.problems[:3]) + "（请在 设置→备份与恢复 中查看，并运行检查）")
        elif isinstance(info, BackupInfo):
            status.showMessage(f"已自动备份到 {info.path}", 10000)

    def failed(exc: Exception) -> None:
        text = exc.message if isinstance(exc, AppError) else str(exc)
        status.showMessage(f"自动备份失败：{text}（可在 设置→备份与恢复 中手动备份）")

    # 退出登录 (or quitting) cancels it and waits until it stopped (stop_on_close): it never
    # runs on for the next user, and what it had written is removed.
    return run_in_background(
        window, lambda progress: services.backups.auto_backup_if_due(
            stop=lambda: progress.cancelled),
        on_success=done, on_failure=failed, label="", show_progress=False, low_priority=True,
        stop_on_close=True)


def ask_identity(services: Services, automatic: bool = True) -> Identity | None:
    """Who works now: the first-run dialog before any account exists, else the sign-in
    (skipped by auto-login unless `automatic` is False, as after 退出登录)."""
    from PySide6.QtWidgets import QDialog

    from app.views.dialogs.first_run_dialog import FirstRunDialog
    from app.views.dialogs.login_dialog import LoginDialog, sign_in

    if services.first_run.needed():
        first = FirstRunDialog(services.first_run, services.ctx.today().year)
        return first.identity if first.exec() == QDialog.DialogCode.Accepted else None
    if automatic:
        return sign_in(services.accounts)
    login = LoginDialog(services.accounts)
    return login.identity if login.exec() == QDialog.DialogCode.Accepted else None


SMOKE_ENV = "MEDIATION_DESK_SMOKE"
SMOKE_LINE = "smoke: first paint of the main window"
# The two moments of a start, with the seconds since the program started (" 0.84 s"):
# usable — the main window has been painted (frame, menus, navigation, its pages saying
#   正在载入…) and the GUI thread has then taken an event posted after that paint, as it takes
#   a click or a key: what a clerk waits for before the window answers;
# filled — the workbench's figures and the case list's first page, read on worker threads,
#   are shown and painted (or the pages said they could not be read).
USABLE_LINE = "start: window usable (painted, taking input) after"
FILLED_LINE = "start: pages filled and painted after"
UNPAINTED_MS = 3000  # a window still not painted this long after it was shown is filled anyway
STARTED = time.perf_counter()  # the launcher loads right after the arguments are parsed


def _since_start() -> str:
    return f"{time.perf_counter() - STARTED:.2f} s"


def _report(line: str, smoke: bool) -> None:
    """To the log (a windowed program on Windows has no console), and with `--smoke` to
    stderr too (`benchmarks.gui_start` times the lines)."""
    from app.logs import logger

    logger.info(line)
    if smoke and sys.stderr is not None:  # none in a windowed program on Windows
        print(line, file=sys.stderr, flush=True)


def start_then_fill(app: object, window: QMainWindow, smoke: bool = False,
                    then: Callable[[], None] | None = None) -> object:
    """Watch the start of a window built `fill_later` and shown: at its first paint, post an
    event; when the GUI thread takes it the window is usable (USABLE_LINE) and the pages
    start reading (`fill_pages`). When their data is shown, the next paint is FILLED_LINE;
    then `then()` runs (the daily backup's timer), and `--smoke` quits. Returns the watcher
    (the window owns it)."""
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

    usable_event = QEvent.Type(QEvent.registerEventType())

    class Start(QObject):
        def __init__(self) -> None:
            super().__init__(window)
            self.stage = "shown"  # → painted → usable (filling) → filled → done
            self.failed = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
            if event.type() == QEvent.Type.Paint:
                if self.stage == "shown":
                    self.stage = "painted"
                    if smoke:
                        _report(SMOKE_LINE, smoke=False)  # the log only (smoke_frozen reads it)
                    QCoreApplication.postEvent(self, QEvent(usable_event))
                elif self.stage == "filled":
                    self.stage = "done"
                    window.removeEventFilter(self)
                    _report(f"{FILLED_LINE} {_since_start()}", smoke)
                    if smoke:  # a page that could not be read fails the smoke start
                        code = 1 if self.failed else 0
                        QTimer.singleShot(0, lambda: app.exit(code))  # type: ignore[attr-defined]
            return False

        def event(self, event: QEvent) -> bool:
            if event.type() == usable_event:
                self.stage = "filling"
                _report(f"{USABLE_LINE} {_since_start()}", smoke)
                window.fill_pages()  # type: ignore[attr-defined]
                return True
            return super().event(event)

        def unpainted(self) -> None:
            """A window not painted yet (shown minimised, say): fill it all the same."""
            if self.stage == "shown":
                self.stage = "filling"
                window.fill_pages()  # type: ignore[attr-defined]

        def filled(self, *failure: object) -> None:
            if self.stage == "done":
                return
            self.stage, self.failed = "filled", bool(failure)
            if then is not None:  # whether or not the window gets painted again
                then()
            window.update()  # the next paint shows the data

    watcher = Start()
    QTimer.singleShot(UNPAINTED_MS, watcher, watcher.unpainted)
    window.pages_filled.connect(watcher.filled)  # type: ignore[attr-defined]
    window.pages_failed.connect(watcher.filled)  # type: ignore[attr-defined]
    window.installEventFilter(watcher)
    return watcher


def open_with_key(config: AppConfig, problem: str, attempts: int = 3) -> Services | None:
    """An encrypted database: ask for its key (a password field) until it opens, the user
    cancels, or `attempts` wrong keys were typed. None: not opened (the reason was shown)."""
    from dataclasses import replace

    from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

    from app.bootstrap import open_services
    from app.errors import AppError

    for _ in range(attempts):
        label = (problem + "\n\n" if problem else "") + "数据库已加密，请输入数据库密钥："
        key, ok = QInputDialog.getText(None, "打开加密的数据库", label, QLineEdit.EchoMode.Password)
        if not ok:
            return None
        try:
            return open_services(replace(config, db_key=key))
        except AppError as exc:
            if exc.code != "wrong_db_key":
                QMessageBox.critical(None, "无法打开数据库", exc.message)
                return None
            problem = exc.message
    QMessageBox.critical(None, "无法打开数据库", problem)
    return None


def launch_gui(config: AppConfig, *, smoke: bool = False) -> int:
    smoke = smoke or os.environ.get(SMOKE_ENV) == "1"
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 3
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.bootstrap import open_services
    from app.errors import AppError
    from app.logs import log_unexpected, setup_logging, unexpected_message
    from app.views.case.case_extensions import case_tabs
    from app.views.main_window import MainWindow
    from app.views.widgets.collector import GuiThreadCollector
    from app.views.widgets.error_dialog import install_error_hook
    from app.views.widgets.lifetime import stop_work_of

    app = QApplication.instance() or QApplication(sys.argv)
    # Cyclic garbage only on this thread (widgets/collector.py): a worker collecting a Qt
    # object crashes.
    collector = GuiThreadCollector(app).install()
    try:
        app.setApplicationName("调解工作台")
        install_qt_translations(app)
        log_path = setup_logging(config.data_dir)
        install_error_hook(log_path.parent if log_path else None)
        font_warning = ensure_cjk_font()
        try:
            services = open_services(config)
        except AppError as exc:
            if exc.code not in ("db_key_needed", "wrong_db_key"):
                QMessageBox.critical(None, "无法打开数据库", exc.message)
                return 1
            opened = open_with_key(config, exc.message if exc.code == "wrong_db_key" else "")
            if opened is None:
                return 0
            services = opened
        except Exception as exc:  # a corrupt file, a driver error: a dialog and the log, no trace
            log_unexpected("打开数据库失败", exc)
            QMessageBox.critical(None, "无法打开数据库", unexpected_message(log_path))
            return 1
        read_only = services.ctx.read_only
        read_only_note = ""
        if read_only:  # a read-only share or CD: open for viewing, say so once and on the status bar
            from app.services.security.accounts import READ_ONLY_DATA

            read_only_note = READ_ONLY_DATA.format(where=config.data_dir)
            QMessageBox.information(None, "只读打开", read_only_note)
        backup_started = read_only  # nothing can be written: no daily backup
        backed_up: list[BackgroundTask] = []
        automatic = True  # after 退出登录 the dialog is shown even when auto-login is set
        while True:
            identity = ask_identity(services, automatic)
            if identity is None:
                services.close()
                return 0
            services.ctx.user, services.ctx.role = identity.username, identity.role
            settings = QSettings(str(config.data_dir / "window.ini"), QSettings.Format.IniFormat)
            window = MainWindow(services, settings, fill_later=True,
                                case_tab_factories=case_tabs(services, config.documents_root))
            signed_out: list[bool] = []
            window.signed_out.connect(lambda flags=signed_out: flags.append(True))
            if font_warning:
                window.statusBar().showMessage(font_warning)
            if read_only_note:
                window.statusBar().showMessage(read_only_note)
            then: Callable[[], None] | None = None
            if not backup_started and not smoke:  # a smoke start leaves the data folder as it was
                # After the pages are filled, so the backup's reading never delays them; with
                # the window as context: a window signed out of first never starts it.
                def then(w: QMainWindow = window) -> None:
                    QTimer.singleShot(BACKUP_DELAY_MS, w,
                                      lambda: backed_up.append(start_auto_backup(w, services)))
            start_then_fill(app, window, smoke, then)
            window.show()  # the frame first; its pages read the database once it is usable
            code = app.exec()
            # Signed out before it started or while it ran (cancelled): the next user's window.
            backup_started = backup_started or any(not t.abandoned for t in backed_up)
            stop_work_of(window)  # also when the loop ended without closing it (a quit)
            window.deleteLater()
            if not signed_out:
                break
            automatic = False
        services.close()
        return int(code)
    finally:
        collector.uninstall()
