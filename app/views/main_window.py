"""Main window (调解工作台): navigation on the left, one page per entry, menus, toolbar, status.

The window is the one place that composes the screens from the services; each page gets only
the services it uses. Extension points for other modules: `page_factories` (a navigation title
→ function(parent) → page, replacing a placeholder) and `case_tab_factories` (passed to every
case view: "期限", "文书", …).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app import __version__
from app.bootstrap import Services
from app.errors import AppError
from app.services.cases.dto import CaseQuery, CreatedCase
from app.views.page_fill import PageFill
from app.views.pages.calendar_page import CalendarPage
from app.views.pages.case_list_page import CaseListPage
from app.views.pages.cases_page import CasesPage
from app.views.pages.dashboard_page import DUE_COUNT_CAP, DUE_DAYS, DUE_LIMIT, DashboardPage
from app.views.pages.placeholder_page import PlaceholderPage
from app.views.pages.policy_page import PolicyPage
from app.views.pages.roster_page import RosterPage
from app.views.pages.statistics_page import StatisticsPage
from app.views.widgets.background import BackgroundTask, Progress, run_in_background
from app.views.widgets.fit import fit_to_screen
from app.views.widgets.lifetime import stop_work_of
from app.views.widgets.messages import Dialogs, QtDialogs

if TYPE_CHECKING:  # the case view and the dialogs load when first opened, not with the window
    from app.views.case.case_view import CaseTabFactory, CaseView
    from app.views.dialogs.account_dialogs import ChangePasswordDialog, UsersDialog
    from app.views.dialogs.new_case_wizard import NewCaseWizard
    from app.views.settings.settings_tabs import SettingsTabs

PageFactory = Callable[[QWidget], QWidget]
PAGES = ["工作台", "案件", "期限日历", "调解员名册", "政策法规", "统计", "设置"]
# Navigation titles whose module is not built yet: title → what the page will offer.
PLACEHOLDERS: dict[str, str] = {}
DEMO_CASES = 1000
SETTINGS = "设置"


def _import_steps() -> ModuleType:
    """The spreadsheet import's steps (its readers load with the first import, not the window)."""
    from app.views.dialogs import table_import_dialog

    return table_import_dialog


class MainWindow(QMainWindow):
    signed_out = Signal()  # 退出登录: the launcher asks who signs in next
    # After a `fill_later` start: the pages' data has arrived and is shown (or could not be
    # read: the pages say why in Chinese). Both fire once, on the GUI thread.
    pages_filled = Signal()
    pages_failed = Signal(str)
    def __init__(self, services: Services, settings: QSettings | None = None,
                 dialogs: Dialogs | None = None, *,
                 page_factories: Mapping[str, PageFactory] | None = None,
                 case_tab_factories: Mapping[str, CaseTabFactory] | None = None,
                 fill_later: bool = False) -> None:
        """`fill_later`: the pages on screen read nothing until `fill_pages` (the launcher
        shows the window first and fills it on the next turn of the event loop)."""
        super().__init__()
        self._fill_later = fill_later
        self.page_fill: PageFill | None = None  # the start's reads, once `fill_pages` ran
        self.services = services
        self.settings = settings
        self.dialogs = dialogs or QtDialogs()
        self.case_tab_factories = dict(case_tab_factories or {})
        self.wizard: NewCaseWizard | None = None
        self.task: BackgroundTask | None = None
        self.open_dialog: QDialog | None = None
        self.setWindowTitle(self.tr("调解工作台"))
        self._build_pages(dict(page_factories or {}))
        self._build_actions()
        self._build_status()
        self._restore_geometry()

    # --- layout ----------------------------------------------------------------------------
    def _build_pages(self, factories: dict[str, PageFactory]) -> None:
        s = self.services
        self.nav = QListWidget()
        self.nav.setIconSize(QSize(16, 16))
        self.nav.setFixedWidth(140)
        self.nav.setStyleSheet("QListWidget { font-size: 15px; }"
                               " QListWidget::item { padding: 8px; }")
        self.stack = QStackedWidget()
        self.dashboard = DashboardPage(s.case_detail.active_by_stage, s.cases.list_cases,
                                       lambda: s.workflow.due_list(within_days=DUE_DAYS,
                                                                   limit=DUE_LIMIT),
                                       s.holidays.reminders,
                                       due_counts=lambda: s.workflow.due_counts(
                                           within_days=DUE_DAYS, cap=DUE_COUNT_CAP),
                                       fill=not self._fill_later)
        self.calendar_page = CalendarPage(s.workflow.calendar, s.workflow.calendar_days,
                                          s.roster.mediators, s.ctx.today)
        self.case_list = CaseListPage(
            s.cases, None if self._fill_later else s.case_detail.filter_choices(),
            dialogs=self.dialogs, read_choices=s.case_detail.filter_choices,
            import_steps=lambda: _import_steps().register_import_steps(
                s.register_import, s.organisations.default_id()),
            bundles=lambda: s.bundles,
            fill=not self._fill_later)
        self.cases_page = CasesPage(self.case_list, self.make_case_view)
        self.roster_page = RosterPage(s.roster, s.organisations.default_id, self.dialogs)
        self._settings_tabs: SettingsTabs | None = None  # built when first shown or reached
        self._settings_stand_in: QWidget | None = None
        self.statistics_page = StatisticsPage(s.statistics.compute, s.organisations.names,
                                              self.dialogs, s.ctx.today, export_ma1=s.ma1.write)
        self.statistics_page.cases_requested.connect(self.show_cases)
        self.policy_page = PolicyPage(s.knowledge, self.dialogs)
        self.policy_page.insert_requested.connect(self.insert_policy_text)
        built = {"工作台": self.dashboard, "案件": self.cases_page, "期限日历": self.calendar_page,
                 "政策法规": self.policy_page, "统计": self.statistics_page,
                 "调解员名册": self.roster_page}
        self.pages: dict[str, QWidget] = {}
        for title in PAGES:
            factory = factories.pop(title, None)
            if title == SETTINGS and not factory:
                page = self._settings_stand_in = QWidget()  # until 设置 is first shown
            else:
                page = (factory(self) if factory else built.get(title)
                        or PlaceholderPage(self.tr(title), self.tr(PLACEHOLDERS[title])))
            self.add_page(title, page)
            if factory and title in built:
                # A built page replaced by another module's: give it to the window, so Qt
                # deletes it with the window instead of Python's collector at exit.
                built[title].setParent(self)
                built[title].hide()
        for title, factory in factories.items():
            self.add_page(title, factory(self))
        self.nav.currentRowChanged.connect(self._page_chosen)
        self.nav.setCurrentRow(0)
        self.dashboard.case_opened.connect(self.open_case)
        self.dashboard.new_case_requested.connect(self.new_case)
        self.dashboard.import_requested.connect(self._import_register)
        self.dashboard.settings_requested.connect(lambda: self.show_named("设置"))
        self.calendar_page.case_opened.connect(self.open_case)
        self.case_list.new_case_requested.connect(self.new_case)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    @property
    def settings_tabs(self) -> SettingsTabs:
        """设置, built on first use: its eight tabs read the database and load the template
        editor (Jinja), which the start does not need."""
        if self._settings_tabs is None:
            from app.views.settings.settings_tabs import SettingsTabs

            tabs = SettingsTabs(self.services, self.dialogs)
            tabs.deadlines_changed.connect(self.refresh_all)
            tabs.restored.connect(self.refresh_all)
            self._settings_tabs = tabs
            stand_in, self._settings_stand_in = self._settings_stand_in, None
            if stand_in is not None:
                index = self.stack.indexOf(stand_in)
                self.stack.insertWidget(index, tabs)
                self.stack.removeWidget(stand_in)
                stand_in.deleteLater()
                self.pages[SETTINGS] = tabs
                self.stack.setCurrentIndex(self.nav.currentRow())
            else:  # another module's page replaced it: Qt deletes it with the window
                tabs.setParent(self)
                tabs.hide()
        return self._settings_tabs

    @property
    def settings_page(self) -> QWidget:
        return self.settings_tabs.organisation

    def _page_chosen(self, index: int) -> None:
        if list(self.pages)[index:index + 1] == [SETTINGS]:
            self.settings_tabs  # noqa: B018 (builds the page before it is shown)
        self.stack.setCurrentIndex(index)

    def add_page(self, title: str, page: QWidget) -> None:
        self.pages[title] = page
        self.nav.addItem(self.tr(title))
        self.stack.addWidget(page)

    def _action(self, text: str, slot: Callable[[], object], shortcut: str | None = None
                ) -> QAction:
        action = QAction(self.tr(text), self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("新建案件…", self.new_case, "Ctrl+N")
        self.find_action = self._action("查找案件", self.focus_search, "Ctrl+F")
        self.print_action = self._action("打印…", self.print_current, "Ctrl+P")
        self.demo_action = self._action("生成演示数据…", self.generate_demo)
        self.quit_action = self._action("退出", self.close, "Ctrl+Q")
        self.refresh_action = self._action("刷新", self.refresh_all, "F5")
        self.open_action = self._action("打开选中案件", self.open_selected)
        self.data_folder_action = self._action("打开数据文件夹", self.open_data_folder)
        self.documents_folder_action = self._action("打开文书文件夹", self.open_documents_folder)
        self.users_action = self._action("用户管理…", self.manage_users)
        self.users_action.setEnabled(self.services.ctx.role in (None, "administrator"))
        self.password_action = self._action("修改我的密码…", self.change_password)
        self.sign_out_action = self._action("退出登录", self.sign_out)
        files = self.menuBar().addMenu(self.tr("文件(&F)"))
        for action in (self.new_action, self.print_action, None, self.documents_folder_action,
                       self.data_folder_action, None, self.demo_action, None, self.users_action,
                       self.password_action, self.sign_out_action, None, self.quit_action):
            files.addSeparator() if action is None else files.addAction(action)
        cases = self.menuBar().addMenu(self.tr("案件(&C)"))
        for action in (self.new_action, self.find_action, self.open_action, self.refresh_action):
            cases.addAction(action)
        view = self.menuBar().addMenu(self.tr("视图(&V)"))
        for i, title in enumerate(self.pages):
            view.addAction(self._action(title, lambda i=i: self.show_page(i), f"Ctrl+{i + 1}"))
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self._action("关于调解工作台", self.about))
        toolbar = self.addToolBar(self.tr("常用"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_action, self.find_action, self.refresh_action, self.print_action):
            toolbar.addAction(action)

    def _build_status(self) -> None:
        self.user_label = QLabel(self.tr("用户：") + self.services.ctx.user)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().showMessage(self.tr("就绪"), 3000)

    # --- behaviour -------------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def show_named(self, title: str) -> QWidget:
        self.nav.setCurrentRow(list(self.pages).index(title))
        return self.pages[title]

    def make_case_view(self, case_no: str) -> CaseView:
        from app.views.case.case_view import CaseView

        s = self.services
        worker_import_steps = _import_steps().worker_import_steps
        view = CaseView(case_no, s.case_detail, s.case_history, s.records, self.dialogs,
                        self.case_tab_factories, s.ctx.today, editor=s.case_edit,
                        mediators=s.roster.mediators,
                        worker_steps=lambda no: worker_import_steps(
                            s.worker_import, no, s.cases.get(no).organisation_id),
                        calculator=s.calculator, witnesses=s.witnesses,
                        corrections=s.corrections, acts=s.acts, undo=s.undo)
        view.changed.connect(self.case_changed)
        return view

    def case_changed(self, case_no: str) -> None:
        """One case changed (in its view, a dialog or a tab): the pages that count or list
        cases read afresh (the case list refreshes itself through the cases page; the
        calendar waits until it is shown)."""
        self.dashboard.refresh()
        self.calendar_page.refresh()
        for view in self.cases_page.views():
            if view.case_no == case_no and view is not self.sender():
                view.refresh()

    def open_case(self, case_no: str) -> CaseView:
        self.show_named("案件")
        return self.cases_page.open_case(case_no)

    def show_cases(self, query: CaseQuery, caption: str) -> None:
        """The cases behind a figure of the statistics screen, in the case list."""
        self.show_named("案件")
        self.cases_page.setCurrentIndex(0)
        self.case_list.show_query(query, caption)

    def open_selected(self) -> None:
        case_no = self.case_list.current_case_no()
        if case_no:
            self.open_case(case_no)
        else:
            self.statusBar().showMessage(self.tr("请先在列表中选择一个案件"), 5000)

    def focus_search(self) -> None:
        self.show_named("案件")
        self.cases_page.setCurrentIndex(0)
        self.case_list.search_box.setFocus()
        self.case_list.search_box.selectAll()

    def new_case(self) -> NewCaseWizard:
        from app.views.dialogs.new_case_wizard import NewCaseWizard

        s = self.services
        self.wizard = NewCaseWizard(s.cases.create_case, s.parties.search, self.dialogs,
                                    s.ctx.today, self)
        self.wizard.case_created.connect(self._case_created)
        self.wizard.open()
        return self.wizard

    def _case_created(self, created: CreatedCase) -> None:
        self.refresh_all()
        self.open_case(created.case_no)
        note = "；".join(created.warnings)
        self.statusBar().showMessage(self.tr("已登记案件 ") + created.case_no
                                     + (f"（提示：{note}）" if note else ""), 10000)

    def insert_policy_text(self, text: str) -> None:
        """An article for the document being drafted. Until the document editor takes it
        directly, it goes to the clipboard, to be pasted into 事实与理由."""
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage(self.tr("已复制引用及条文，可粘贴到文书的“事实与理由”中"), 10000)

    def print_current(self) -> bool:
        """File → 打印: the document shown in the open case's 文书 tab; else where to make one.
        Returns True when the print dialog was offered."""
        from app.views.case.case_view import CaseView

        view = self.cases_page.currentWidget() \
            if self.stack.currentWidget() is self.cases_page else None
        if not isinstance(view, CaseView):
            self.dialogs.info(self, self.tr("打印"), self.tr(
                "请先打开一个案件，在它的“文书”页生成 PDF 文书，预览后即可打印（Ctrl+P）。"))
            return False
        from app.views.dialogs.documents_dialog import DocumentsDialog  # the document stack

        try:
            documents: QWidget | None = view.tab("文书")
        except KeyError:  # a window built without the documents tab (tests, a narrow build)
            documents = None
        if isinstance(documents, DocumentsDialog) and documents.last_pdf is not None:
            documents.print_pdf()
            return True
        if documents is not None:
            view.tabs.setCurrentWidget(documents)
        self.dialogs.info(self, self.tr("打印"), self.tr(
            "本案还没有可打印的文书：请在“文书”页选择文书种类，以 PDF 生成后再打印。"))
        return False

    def open_data_folder(self) -> bool:
        """The database, backups, logs and stored evidence (for the administrator or support)."""
        return self._open_folder(self.services.ctx.config.data_dir)

    def open_documents_folder(self) -> bool:
        """Where generated documents go, one folder per case (文档\\调解工作台 by default)."""
        return self._open_folder(self.services.ctx.config.documents_root)

    def _open_folder(self, folder: Path) -> bool:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.dialogs.error(self, self.tr("无法打开文件夹"),
                               self.tr("无法创建文件夹 {p}：{e}").replace("{p}", str(folder))
                               .replace("{e}", exc.strerror or str(exc)))
            return False
        if not self.dialogs.open_file(folder):
            self.dialogs.info(self, self.tr("文件夹位置"), str(folder))
        return True

    def _import_register(self) -> None:
        self.show_named("案件")
        self.case_list.import_register()

    def manage_users(self) -> UsersDialog:
        from app.views.dialogs.account_dialogs import UsersDialog

        self.open_dialog = UsersDialog(self.services.accounts, self.dialogs,
                                       self.services.ctx.user, self, pg=self.services.pg_roles)
        self.open_dialog.open()
        return self.open_dialog

    def change_password(self) -> ChangePasswordDialog:
        from app.views.dialogs.account_dialogs import ChangePasswordDialog

        self.open_dialog = ChangePasswordDialog(self.services.accounts, self)
        self.open_dialog.accepted.connect(
            lambda: self.statusBar().showMessage(self.tr("密码已修改"), 5000))
        self.open_dialog.open()
        return self.open_dialog

    def sign_out(self) -> bool:
        """Back to the sign-in dialog (the launcher opens a new window for whoever signs in)."""
        if not self.dialogs.confirm(self, self.tr("退出登录"),
                                    self.tr("退出当前用户（{u}）并回到登录界面？")
                                    .replace("{u}", self.services.ctx.user)):
            return False
        self.signed_out.emit()
        self.close()
        return True

    def fill_pages(self) -> list[BackgroundTask]:
        """After a `fill_later` start (once): the pages on screen say 正在载入… and read their
        data on worker threads (app/views/page_fill.py); `pages_filled` (or `pages_failed`)
        says when they are done. Closing the window waits for the reads to end."""
        if not self._fill_later:
            return []
        self._fill_later = False
        self.page_fill = PageFill(self, self.dashboard, self.case_list,
                                  filled=self.pages_filled.emit, failed=self.pages_failed.emit)
        return self.page_fill.start()

    def refresh_all(self) -> None:
        self.dashboard.refresh()
        self.case_list.refresh()
        self.roster_page.refresh()
        self.calendar_page.refresh_people()
        for view in self.cases_page.views():
            view.refresh()

    def generate_demo(self, count: int = DEMO_CASES) -> BackgroundTask | None:
        if not self.dialogs.confirm(self, self.tr("生成演示数据"),
                                    self.tr("将生成 {n} 件虚构的演示案件，写入当前数据库。继续吗？")
                                    .replace("{n}", f"{count:,}")):
            return None
        demo = self.services.demo
        seed = self.services.cases.count() + 1

        def op(progress: Progress) -> int:
            return demo.generate(count, seed=seed, progress=progress.report)

        self.task = run_in_background(self, op, on_success=self._demo_done,
                                      on_failure=self._failed,
                                      label=self.tr("正在生成演示数据…"))
        return self.task

    def _demo_done(self, written: int) -> None:
        self.refresh_all()
        self.statusBar().showMessage(self.tr("已生成 {n} 件演示案件").replace("{n}", f"{written:,}"),
                                     10000)

    def _failed(self, exc: Exception) -> None:
        text = exc.message if isinstance(exc, AppError) else f"{type(exc).__name__}: {exc}"
        self.dialogs.error(self, self.tr("操作失败"), text)

    def about(self) -> None:
        text = self.tr("调解工作台 {version}：劳动争议调解案件管理（收案、调解、协议、司法确认与仲裁审查、"
                       "仲裁、诉讼与执行）。\n数据文件夹：").format(version=__version__)
        self.dialogs.info(self, self.tr("关于调解工作台"),
                          text + str(Path(self.services.ctx.config.data_dir)))

    # --- window state ----------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        if self.settings is not None:
            geometry = self.settings.value("main_window/geometry")
            if isinstance(geometry, QByteArray):
                self.restoreGeometry(geometry)
                return
        fit_to_screen(self, 1280, 760)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.settings is not None:
            self.settings.setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
        if event.isAccepted():  # closed or signed out: its timers and tasks end with it
            stop_work_of(self)
