"""Sign-in checks the password; auto-login skips it (the first run: test_first_run_dialog)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.dialogs.login_dialog import LoginDialog, sign_in


def test_login_refuses_a_wrong_password(qtbot: QtBot, sqlite_services: Services) -> None:
    sqlite_services.accounts.create_user("admin", "secret-pass", "administrator")
    dialog = LoginDialog(sqlite_services.accounts)
    qtbot.addWidget(dialog)
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
