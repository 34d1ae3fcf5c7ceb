"""First run creates the administrator; later runs check the password; auto-login skips it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.dialogs.login_dialog import LoginDialog, sign_in
from tests.views.typing import type_text


def test_first_run_creates_the_administrator(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = LoginDialog(sqlite_services.accounts)
    qtbot.addWidget(dialog)
    assert dialog.first_run
    type_text(dialog.username, "管理员")
    dialog.password.setText("secret-pass")
    dialog.repeat.setText("different")
    dialog.submit()
    assert "不一致" in dialog.message.text() and not sqlite_services.accounts.has_users()
    dialog.repeat.setText("secret-pass")
    dialog.submit()
    assert dialog.identity is not None and dialog.identity.role == "administrator"
    assert [u.username for u in sqlite_services.accounts.users()] == ["管理员"]


def test_login_refuses_a_wrong_password(qtbot: QtBot, sqlite_services: Services) -> None:
    sqlite_services.accounts.create_user("admin", "secret-pass", "administrator")
    dialog = LoginDialog(sqlite_services.accounts)
    qtbot.addWidget(dialog)
    assert not dialog.first_run
    dialog.username.setText("admin")
    dialog.password.setText("wrong-pass")
    dialog.submit()
    assert "不正确" in dialog.message.text() and dialog.identity is None
    dialog.password.setText("secret-pass")
    dialog.submit()
    assert dialog.identity is not None


def test_auto_login_skips_the_dialog(sqlite_services: Services) -> None:
    sqlite_services.accounts.create_user("admin", "secret-pass", "administrator")
    sqlite_services.accounts.set_auto_login("admin")
    identity = sign_in(sqlite_services.accounts)
    assert identity is not None and identity.username == "admin"
