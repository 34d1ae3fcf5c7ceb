"""用户管理 on a shared PostgreSQL: the 数据库账户 column shows each user's own login, and
数据库账户… gives one (the same `PgRoleService.create_login` as `pg-login NAME --for USER`),
with each bad input named under its field; a role change moves the login on the server, or
is refused in Chinese when this computer's login may not. At 1366×768, real server; on
SQLite the column and the button are not there."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.bootstrap import Services
from app.views.dialogs.account_dialogs import DB_LOGIN_COLUMN, DbLoginDialog, UsersDialog
from tests.services.security import test_pg_roles
from tests.services.security.test_pg_roles import Office, _scalar
from tests.views.desk import desk_window
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text

office = test_pg_roles.office  # the fixture: an owner, three users, each with a login


def _row(dialog: UsersDialog, username: str) -> int:
    return next(i for i, r in enumerate(dialog.rows) if r.username == username)


def _member(office: Office, login: str, group: str) -> bool:
    database = make_url(office.owner_url).database
    return bool(_scalar(office.owner_url,
                        f"SELECT pg_has_role('{login}', '{database}_{group}', 'MEMBER')"))


def _click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


@pytest.mark.postgres
def test_an_administrator_gives_a_user_their_database_login(
        qtbot: QtBot, office: Office, tmp_path: Path) -> None:
    owner = office.owner()  # this computer runs with the database owner's address
    login = f"wang_{uuid.uuid4().hex[:6]}"
    try:
        owner.ctx.user, owner.ctx.role = "admin", "administrator"
        owner.accounts.create_user("wangw", "secret-pass", "mediator", display_name="王伟")
        fake = FakeDialogs()
        window = desk_window(qtbot, owner, tmp_path, fake)
        dialog = window.manage_users()
        qtbot.waitExposed(dialog)
        assert not dialog.table.isColumnHidden(DB_LOGIN_COLUMN)
        assert dialog.table.horizontalHeaderItem(DB_LOGIN_COLUMN).text() == "数据库账户"
        clerk = make_url(office.url("mediator")).username
        assert dialog.table.item(_row(dialog, "clerk"), DB_LOGIN_COLUMN).text() == clerk
        assert dialog.table.item(_row(dialog, "wangw"), DB_LOGIN_COLUMN).text() == "—"

        dialog.table.selectRow(_row(dialog, "wangw"))
        _click(qtbot, dialog.db_login_button)
        edit = dialog.open_dialog
        assert isinstance(edit, DbLoginDialog)
        qtbot.waitExposed(edit)
        type_text(edit.login, "1王伟")
        edit.password.setText("db-secret-1")
        edit.repeat.setText("db-secret-1")
        _click(qtbot, edit.ok_button)
        assert "只能由英文字母、数字和下划线组成" in edit.messages["login"].text()
        edit.login.setText(login)
        edit.password.setText("short")
        edit.repeat.setText("short")
        _click(qtbot, edit.ok_button)
        assert "至少 8 位" in edit.messages["password"].text()
        assert not edit.messages["login"].text()
        edit.password.setText("db-secret-1")
        edit.repeat.setText("db-secret-2")
        _click(qtbot, edit.ok_button)
        assert "两次输入的密码不一致" in edit.messages["repeat"].text()
        assert _scalar(office.owner_url, f"SELECT COUNT(*) FROM pg_roles WHERE rolname = '{login}'") == 0
        assert _scalar(office.owner_url, "SELECT db_login FROM app_user WHERE username = 'wangw'") is None
        edit.repeat.setText("db-secret-1")
        shots = tmp_path / "shots"
        shots.mkdir()
        edit.grab().save(str(shots / "dialog-db-login.png"))
        _click(qtbot, edit.ok_button)
        assert not edit.isVisible()
        assert dialog.table.item(_row(dialog, "wangw"), DB_LOGIN_COLUMN).text() == login
        assert _scalar(office.owner_url,
                       "SELECT db_login FROM app_user WHERE username = 'wangw'") == login
        assert _member(office, login, "mediator") and not _member(office, login, "read_only")

        # made read-only in the same dialog: the login leaves the writing group on the server
        dialog.table.selectRow(_row(dialog, "wangw"))
        dialog.role.setCurrentIndex(dialog.role.findData("read_only"))
        _click(qtbot, dialog.role_button)
        assert fake.errors == []
        assert dialog.table.item(_row(dialog, "wangw"), 2).text() == "只读用户"
        assert _member(office, login, "read_only") and not _member(office, login, "mediator")
        # it fits the laptop's screen, every column readable
        frame = dialog.frameGeometry()
        assert frame.width() <= 1366 and frame.height() <= 768
        dialog.grab().save(str(shots / "dialog-users-postgres.png"))
        dialog.close()
        window.close()
    finally:
        owner.close()
        engine = create_engine(office.owner_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))  # the cluster's, not the database's
        engine.dispose()


@pytest.mark.postgres
def test_on_an_administrators_own_login_the_refusals_are_chinese_and_change_nothing(
        qtbot: QtBot, office: Office, tmp_path: Path) -> None:
    admin = office.open("administrator", "admin", "administrator")  # not the owner's address
    try:
        fake = FakeDialogs()
        window = desk_window(qtbot, admin, tmp_path, fake)
        dialog = window.manage_users()
        dialog.table.selectRow(_row(dialog, "clerk"))
        dialog.role.setCurrentIndex(dialog.role.findData("read_only"))
        _click(qtbot, dialog.role_button)
        assert len(fake.errors) == 1 and "角色未改" in fake.errors[0]
        assert dialog.table.item(_row(dialog, "clerk"), 2).text() == "调解员"
        dialog.table.selectRow(_row(dialog, "clerk"))
        _click(qtbot, dialog.db_login_button)
        edit = dialog.open_dialog
        assert isinstance(edit, DbLoginDialog)
        edit.password.setText("db-secret-3")
        edit.repeat.setText("db-secret-3")
        _click(qtbot, edit.ok_button)
        assert "不是数据库" in edit.general.text() and "所有者" in edit.general.text()
        assert edit.isVisible()
        dialog.close()
        window.close()
    finally:
        admin.close()
    clerk = make_url(office.url("mediator")).username or ""
    assert _member(office, clerk, "mediator") and not _member(office, clerk, "read_only")


def test_on_sqlite_there_is_no_database_login(qtbot: QtBot, sqlite_services: Services,
                                               tmp_path: Path) -> None:
    sqlite_services.accounts.create_user("admin", "secret-pass", "administrator")
    sqlite_services.ctx.user, sqlite_services.ctx.role = "admin", "administrator"
    window = desk_window(qtbot, sqlite_services, tmp_path, FakeDialogs())
    dialog = window.manage_users()
    qtbot.waitExposed(dialog)
    assert dialog.table.isColumnHidden(DB_LOGIN_COLUMN)
    assert not dialog.db_login_button.isVisible() and dialog.edit_db_login() is None
    dialog.close()
    window.close()
