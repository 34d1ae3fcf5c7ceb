"""Accounts in the GUI: 用户管理 (an administrator adds users, changes a role, resets a password,
disables or re-enables an account and, on a shared PostgreSQL, gives a user their own database
login: `PgRoleService.create_login`, as `pg-login NAME --for USER`) and 修改密码 (every user,
giving the current password).

The dialogs only collect input: the services refuse what a role may not do, and say why.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, FieldError, ValidationFailed
from app.models.enums import UserRole, label
from app.services.security.accounts import AccountService, UserRow
from app.services.security.pg_roles import PgRoleService
from app.views.widgets.collation import by_pinyin
from app.views.widgets.inline_error import InlineError, add_field
from app.views.widgets.messages import Dialogs

COLUMNS = ["用户名", "姓名", "角色", "状态", "数据库账户"]
DB_LOGIN_COLUMN = 4  # shown on a shared PostgreSQL only


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _state(row: UserRow) -> str:
    if not row.active:
        return "已停用"
    return "已锁定（密码错误次数过多）" if row.locked_until else "正常"


class _FormDialog(QDialog):
    """Fields with their messages under them, and 确定/取消; `run` is the service call."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.messages: dict[str, InlineError] = {}
        self.general = QLabel()
        self.general.setStyleSheet("color: #c62828")
        self.general.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)

    def field(self, name: str, caption: str, widget: QWidget) -> QWidget:
        self.messages[name] = add_field(self.form, self.tr(caption), widget)
        return widget

    def run(self) -> None:
        raise NotImplementedError

    def submit(self) -> None:
        for message in self.messages.values():
            message.clear_problem()
        self.general.clear()
        try:
            self.run()
        except ValidationFailed as exc:
            for name, message in self.messages.items():
                message.show_problems([p for p in exc.errors if p.field == name])
            self.general.setText("\n".join(p.message for p in exc.errors
                                           if p.field not in self.messages))
            return
        except AppError as exc:
            field = getattr(exc, "field", None)  # a service error that names its input
            if field in self.messages:
                self.messages[field].show_problems([FieldError(field, exc.message)])
            else:
                self.general.setText(exc.message)
            return
        self.accept()


def _same(first: QLineEdit, second: QLineEdit, field: str) -> None:
    if first.text() != second.text():
        raise ValidationFailed([FieldError(field, "两次输入的密码不一致")])


class NewUserDialog(_FormDialog):
    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("添加用户"), parent)
        self.accounts = accounts
        self.username = self.field("username", "用户名", QLineEdit())
        self.display_name = self.field("display_name", "姓名", QLineEdit())
        self.role = QComboBox()
        for role in UserRole:
            self.role.addItem(label(role), role.value)
        self.role.setCurrentIndex(self.role.findData(UserRole.MEDIATOR.value))
        self.field("role", "角色", self.role)
        self.password = self.field("password", "初始密码", _password_edit())
        self.repeat = self.field("repeat", "再次输入", _password_edit())
        self.ok_button.setText(self.tr("添加"))

    def run(self) -> None:
        _same(self.password, self.repeat, "repeat")
        self.accounts.create_user(self.username.text(), self.password.text(),
                                  str(self.role.currentData()),
                                  display_name=self.display_name.text())


class ResetPasswordDialog(_FormDialog):
    def __init__(self, accounts: AccountService, username: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("重置密码：") + username, parent)
        self.accounts, self.username = accounts, username
        self.password = self.field("password", "新密码", _password_edit())
        self.repeat = self.field("repeat", "再次输入", _password_edit())
        self.ok_button.setText(self.tr("重置并解除锁定"))

    def run(self) -> None:
        _same(self.password, self.repeat, "repeat")
        self.accounts.reset_password(self.username, self.password.text())


class DbLoginDialog(_FormDialog):
    """数据库账户: the user's own PostgreSQL login, created (or moved and given a new password)
    in the group of their role; the service checks the name, the password and who may."""

    def __init__(self, pg: PgRoleService, row: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("数据库账户：") + row.username, parent)
        self.pg, self.username = pg, row.username
        self.login = self.field("login", "数据库账户名", QLineEdit(row.db_login or ""))
        self.login.setPlaceholderText(self.tr("英文字母、数字、下划线，如 zhang_wei"))
        self.password = self.field("password", "数据库密码", _password_edit())
        self.repeat = self.field("repeat", "再次输入", _password_edit())
        hint = QLabel(self.tr("该工作人员的电脑用这个账户连接共用数据库，数据库只允许其角色能做的事；"
                              "已有的账户会改用新密码。需用数据库所有者的账户运行本程序。"))
        hint.setWordWrap(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, hint)
        self.ok_button.setText(self.tr("保存"))
        self.setMinimumWidth(460)

    def run(self) -> None:
        _same(self.password, self.repeat, "repeat")
        self.pg.create_login(self.login.text().strip(), self.password.text(),
                             for_user=self.username)


class ChangePasswordDialog(_FormDialog):
    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改我的密码"), parent)
        self.accounts = accounts
        self.old = self.field("old_password", "原密码", _password_edit())
        self.new = self.field("new_password", "新密码", _password_edit())
        self.repeat = self.field("repeat", "再次输入新密码", _password_edit())
        self.ok_button.setText(self.tr("修改"))

    def run(self) -> None:
        _same(self.new, self.repeat, "repeat")
        self.accounts.change_own_password(self.old.text(), self.new.text())


class UsersDialog(QDialog):
    """用户管理: the accounts of this office, by pinyin of the name."""

    def __init__(self, accounts: AccountService, dialogs: Dialogs, current_user: str,
                 parent: QWidget | None = None, *, pg: PgRoleService | None = None) -> None:
        """`pg`: on a shared PostgreSQL, the users' own database logins (a column and
        数据库账户…); None or a SQLite database hides both."""
        super().__init__(parent)
        self.accounts, self.dialogs, self.current_user = accounts, dialogs, current_user
        self.pg = pg if pg is not None and pg.shared else None
        self.rows: list[UserRow] = []
        self.open_dialog: QDialog | None = None
        self.setWindowTitle(self.tr("用户管理"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.add_button = QPushButton(self.tr("添加用户…"))
        self.role = QComboBox()
        for role in UserRole:
            self.role.addItem(label(role), role.value)
        self.role_button = QPushButton(self.tr("设为此角色"))
        self.reset_button = QPushButton(self.tr("重置密码…"))
        self.active_button = QPushButton(self.tr("停用"))
        self.db_login_button = QPushButton(self.tr("数据库账户…"))
        self.db_login_button.setToolTip(self.tr("共用 PostgreSQL：该用户自己的数据库账户（与 pg-login --for 相同）"))
        self.db_login_button.setVisible(self.pg is not None)
        self.table.setColumnHidden(DB_LOGIN_COLUMN, self.pg is None)
        note = QLabel(self.tr("角色决定能做什么：管理员可改设置、用户和备份；调解员、仲裁书记员和法律援助工作者"
                              "可办理案件；只读用户只能查看。停用的用户不能登录，其办理记录保留。") +
                      (self.tr("共用数据库上，改角色时其数据库账户随之移到新角色的数据库权限。")
                       if self.pg is not None else ""))
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.role, self.role_button, self.reset_button,
                       self.active_button, self.db_login_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add_user)
        self.role_button.clicked.connect(self.set_role)
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.db_login_button.clicked.connect(self.edit_db_login)
        self.table.itemSelectionChanged.connect(self._selected)
        self.resize(720, 460)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected()
        self.rows = by_pinyin(self.accounts.users(), lambda u: u.display_name or u.username)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate((row.username, row.display_name,
                                      label(UserRole(row.role)), _state(row),
                                      row.db_login or "—")):
                self.table.setItem(r, c, QTableWidgetItem(text))
            if chosen is not None and row.username == chosen.username:
                self.table.selectRow(r)
        self._selected()

    def selected(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def select(self, username: str) -> None:
        for r, row in enumerate(self.rows):
            if row.username == username:
                self.table.selectRow(r)

    def _selected(self) -> None:
        row = self.selected()
        for button in (self.role_button, self.reset_button, self.active_button,
                       self.db_login_button):
            button.setEnabled(row is not None)
        if row is not None:
            self.role.setCurrentIndex(self.role.findData(row.role))
            self.active_button.setText(self.tr("启用") if not row.active else self.tr("停用"))

    def _act(self, what: str, call: object) -> bool:
        try:
            call()  # type: ignore[operator]
        except AppError as exc:
            self.dialogs.error(self, what, exc.message)
            return False
        self.refresh()
        return True

    def add_user(self) -> None:
        self.open_dialog = NewUserDialog(self.accounts, self)
        self.open_dialog.accepted.connect(self.refresh)
        self.open_dialog.open()

    def reset_password(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_dialog = ResetPasswordDialog(self.accounts, row.username, self)
            self.open_dialog.accepted.connect(self.refresh)
            self.open_dialog.open()

    def edit_db_login(self) -> DbLoginDialog | None:
        row = self.selected()
        if row is None or self.pg is None:
            return None
        dialog = DbLoginDialog(self.pg, row, self)
        dialog.accepted.connect(self.refresh)
        self.open_dialog = dialog
        dialog.open()
        return dialog

    def set_role(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        role = str(self.role.currentData())
        return self._act(self.tr("无法更改角色"), lambda: self.accounts.set_role(row.username, role))

    def toggle_active(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        if row.active and not self.dialogs.confirm(
                self, self.tr("停用用户"),
                self.tr("停用后“{u}”不能再登录，其办理记录保留；以后可以重新启用。确定停用吗？")
                .replace("{u}", row.display_name or row.username)):
            return False
        return self._act(self.tr("无法更改"),
                         lambda: self.accounts.set_active(row.username, not row.active))
