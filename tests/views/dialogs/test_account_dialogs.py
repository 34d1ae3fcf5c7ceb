"""Accounts through the widgets: an administrator adds a mediator, makes them read-only, resets
a password and disables the account (never the last administrator); a user changes their own
password; 退出登录 closes the window for the next sign-in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.errors import AppError
from app.views.dialogs.account_dialogs import (
    ChangePasswordDialog,
    NewUserDialog,
    ResetPasswordDialog,
    UsersDialog,
)
from app.views.main_window import MainWindow
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text

PASSWORD = "secret-pass"


@pytest.fixture
def admin(sqlite_services: Services) -> Services:
    sqlite_services.accounts.create_user("admin", PASSWORD, "administrator", display_name="管理员")
    sqlite_services.ctx.user, sqlite_services.ctx.role = "admin", "administrator"
    return sqlite_services


def _row(dialog: UsersDialog, username: str) -> int:
    return next(i for i, r in enumerate(dialog.rows) if r.username == username)


def test_administrator_keeps_the_accounts(qtbot: QtBot, admin: Services) -> None:
    fake = FakeDialogs()
    dialog = UsersDialog(admin.accounts, fake, "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    new = dialog.open_dialog
    assert isinstance(new, NewUserDialog)
    type_text(new.username, "wangw")
    type_text(new.display_name, "王伟")
    new.password.setText("short")
    new.repeat.setText("short")
    qtbot.mouseClick(new.ok_button, Qt.MouseButton.LeftButton)
    assert "至少8位" in new.messages["password"].text()
    new.password.setText(PASSWORD)
    new.repeat.setText(PASSWORD)
    qtbot.mouseClick(new.ok_button, Qt.MouseButton.LeftButton)
    assert [r.display_name for r in dialog.rows] == ["管理员", "王伟"]  # by pinyin: guan, wang
    assert dialog.table.item(_row(dialog, "wangw"), 2).text() == "调解员"

    dialog.table.selectRow(_row(dialog, "wangw"))
    dialog.role.setCurrentIndex(dialog.role.findData("read_only"))
    qtbot.mouseClick(dialog.role_button, Qt.MouseButton.LeftButton)
    assert dialog.table.item(_row(dialog, "wangw"), 2).text() == "只读用户"

    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    reset = dialog.open_dialog
    assert isinstance(reset, ResetPasswordDialog)
    reset.password.setText("another-pass")
    reset.repeat.setText("another-pass")
    qtbot.mouseClick(reset.ok_button, Qt.MouseButton.LeftButton)
    assert admin.accounts.login("wangw", "another-pass").role == "read_only"

    dialog.table.selectRow(_row(dialog, "wangw"))
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert dialog.table.item(_row(dialog, "wangw"), 3).text() == "已停用"
    with pytest.raises(AppError):
        admin.accounts.login("wangw", "another-pass")
    assert dialog.active_button.text() == "启用"

    # the last administrator can neither be disabled nor lose the role
    dialog.table.selectRow(_row(dialog, "admin"))
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    dialog.role.setCurrentIndex(dialog.role.findData("mediator"))
    qtbot.mouseClick(dialog.role_button, Qt.MouseButton.LeftButton)
    assert len(fake.errors) == 2 and all("最后一个管理员" in e for e in fake.errors)
    assert dialog.table.item(_row(dialog, "admin"), 2).text() == "管理员"


def test_a_user_changes_their_own_password(qtbot: QtBot, admin: Services) -> None:
    admin.accounts.create_user("viewer", PASSWORD, "read_only")
    admin.ctx.user, admin.ctx.role = "viewer", "read_only"
    dialog = ChangePasswordDialog(admin.accounts)
    qtbot.addWidget(dialog)
    dialog.old.setText("wrong-one")
    dialog.new.setText("brand-new-pass")
    dialog.repeat.setText("brand-new-pass")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "原密码不正确" in dialog.messages["old_password"].text()
    dialog.old.setText(PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert admin.accounts.login("viewer", "brand-new-pass").username == "viewer"


def test_menu_entries_and_sign_out(window: MainWindow, qtbot: QtBot, sqlite_services: Services,
                                   fake_dialogs: FakeDialogs) -> None:
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert {"用户管理…", "修改我的密码…", "退出登录"} <= set(titles)
    users = window.manage_users()
    assert isinstance(users, UsersDialog)
    users.close()
    signed_out: list[bool] = []
    window.signed_out.connect(lambda: signed_out.append(True))
    fake_dialogs.answer = False
    assert not window.sign_out() and not signed_out
    fake_dialogs.answer = True
    assert window.sign_out() and signed_out == [True]
    assert not window.isVisible()


def test_a_non_administrator_cannot_open_user_management(
        qtbot: QtBot, sqlite_services: Services, fake_dialogs: FakeDialogs) -> None:
    sqlite_services.organisations.default_id()  # the first run made the organisation
    sqlite_services.ctx.user, sqlite_services.ctx.role = "m", "mediator"
    window = MainWindow(sqlite_services, dialogs=fake_dialogs)
    qtbot.addWidget(window)
    assert not window.users_action.isEnabled()
