"""Audit entries bound to the database login that wrote them (shared PostgreSQL, migration
0015): every computer holds the same audit key, so a clerk can sign entries claiming anyone;
the server writes the login into each entry and `check` compares it with the user's own
login (`pg-login NAME --for USER`). Real server, real logins; SQLite says it cannot bind."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.bootstrap import Services, open_services
from app.cli.main import main
from app.config import AppConfig
from app.services.security.audit import write_entries
from app.services.security.pg_roles import PgRoleService, PgSetupError
from tests.conftest import TODAY
from tests.factories import case_input
from tests.services.security import test_pg_roles
from tests.services.security.test_pg_roles import APP_PASSWORD, PASSWORD, Office, _raw, _scalar

office = test_pg_roles.office  # the fixture: an owner, three users, each with a login


def _login(office: Office, group: str) -> str:
    return make_url(office.url(group)).username or ""


def _last_logins(office: Office, n: int) -> list[tuple[str, str]]:
    engine = create_engine(office.owner_url)
    try:
        with engine.connect() as conn:
            return [(r[0], r[1]) for r in conn.execute(text(
                'SELECT "user", db_login FROM audit_entry ORDER BY id DESC LIMIT :n'), {"n": n})]
    finally:
        engine.dispose()


def _check(office: Office) -> tuple[list[str], list[str]]:
    viewer = office.open("read_only", "viewer", "read_only")
    try:
        report = viewer.check.run()
        return report.problems, report.notes
    finally:
        viewer.close()


@pytest.mark.postgres
def test_normal_use_with_each_users_own_login_passes_check(office: Office) -> None:
    clerk = office.open("mediator", "clerk", "mediator")
    try:
        clerk.cases.create_case(case_input())
    finally:
        clerk.close()
    admin = office.open("administrator", "admin", "administrator")
    try:
        admin.accounts.create_user("newcomer", APP_PASSWORD, "mediator")
    finally:
        admin.close()
    # the server wrote each entry's login, whatever the program sent
    assert ("admin", _login(office, "administrator")) in _last_logins(office, 3)
    assert ("clerk", _login(office, "mediator")) in _last_logins(office, 40)
    problems, notes = _check(office)
    assert problems == []
    assert any("已与写入它的数据库账户核对" in n for n in notes), notes


@pytest.mark.postgres
def test_a_clerk_login_signing_entries_as_the_administrator_is_caught(office: Office) -> None:
    # The clerk runs the program (or a script) with the shared audit key on their own login,
    # claiming to be the administrator: a real change, correctly signed and chained, so the
    # replay agrees with the tables and only the login can tell.
    forger = office.open("mediator", "admin", "mediator")
    try:
        forged_no = forger.cases.create_case(case_input()).case_no
        with forger.ctx.session() as s:  # and asks for the owner's name as the login
            write_entries(s, [dict(at=datetime.now(UTC), user="admin", action="create",
                                   entity="note", entity_id="", case_id=None, field="",
                                   old_value=None, new_value="管理员批准",
                                   db_login=make_url(office.owner_url).username)])
            s.commit()
    finally:
        forger.close()
    clerk_login = _login(office, "mediator")
    assert _last_logins(office, 1) == [("admin", clerk_login)]  # the server overwrote it
    problems, _notes = _check(office)
    assert len(problems) == 1, problems
    assert "记为用户“admin”所做，却是数据库账户 " + clerk_login in problems[0]
    assert "该账户属于用户“clerk”" in problems[0] and "冒名" in problems[0]
    assert forged_no  # the case itself stays (the log is append-only): check names it


@pytest.mark.postgres
def test_the_login_trigger_disabled_or_rewritten_is_named(office: Office) -> None:
    assert _check(office)[0] == []
    _raw(office.owner_url, "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_db_login")
    problems = _check(office)[0]
    assert any("触发器 audit_entry_db_login 被删除、停用或改写" in p for p in problems), problems
    _raw(office.owner_url, "ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_db_login")
    assert _check(office)[0] == []
    _raw(office.owner_url, "CREATE OR REPLACE FUNCTION audit_entry_db_login() RETURNS trigger "
                           "AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql")
    problems = _check(office)[0]
    assert any("audit_entry_db_login" in p for p in problems), problems


@pytest.mark.postgres
def test_an_unregistered_login_is_named_until_it_is_registered(
        office: Office, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["--data-dir", str(office.data_dir), "--database-url", office.owner_url,
            "--user", "admin"]
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", APP_PASSWORD)
    monkeypatch.setenv("MEDIATION_DESK_NEW_DB_PASSWORD", PASSWORD)
    login = f"new_{uuid.uuid4().hex[:8]}"
    owner = office.owner()
    try:
        owner.ctx.user, owner.ctx.role = "admin", "administrator"
        owner.accounts.create_user("zhang", APP_PASSWORD, "mediator")
        before = _scalar(office.owner_url, "SELECT COUNT(*) FROM audit_entry")
        with pytest.raises(PgSetupError, match="程序角色是 mediator"):
            PgRoleService(owner.ctx).create_login(login, PASSWORD, "administrator",
                                                  for_user="zhang")
        with pytest.raises(PgSetupError, match="找不到程序用户"):
            PgRoleService(owner.ctx).create_login(login, PASSWORD, for_user="nobody")
        assert _scalar(office.owner_url, "SELECT COUNT(*) FROM audit_entry") == before
        assert _scalar(office.owner_url,
                       f"SELECT COUNT(*) FROM pg_roles WHERE rolname = '{login}'") == 0
    finally:
        owner.close()
    try:
        assert main([*args, "pg-login", login, "--role", "mediator"]) == 0
        assert "未登记属于哪位用户" in capsys.readouterr().out
        url = make_url(office.owner_url).set(username=login, password=PASSWORD) \
            .render_as_string(hide_password=False)
        svc = _open(office, url, "zhang")
        try:
            svc.cases.create_case(case_input())
        finally:
            svc.close()
        problems = _check(office)[0]
        assert len(problems) == 1 and f"由数据库账户 {login} 写入" in problems[0], problems
        assert f"pg-login {login} --for 用户名" in problems[0]
        # the administrator registers the login as zhang's: the earlier entries are zhang's
        assert main([*args, "pg-login", login, "--for", "zhang"]) == 0
        assert "属于用户“zhang”" in capsys.readouterr().out
        assert _scalar(office.owner_url,
                       "SELECT db_login FROM app_user WHERE username = 'zhang'") == login
        assert _check(office)[0] == []
        assert main([*args, "user", "list"]) == 0
        assert f"zhang\tzhang\tmediator\t数据库账户 {login}" in capsys.readouterr().out
        # moving the login to another user leaves the old entries judged as zhang's: an
        # administrator re-mapping a login cannot re-attribute what it wrote
        assert main([*args, "pg-login", login, "--for", "clerk"]) == 0
        assert _scalar(office.owner_url,
                       "SELECT db_login FROM app_user WHERE username = 'zhang'") is None
        svc = _open(office, url, "zhang")
        try:
            svc.cases.create_case(case_input())
        finally:
            svc.close()
        problems = _check(office)[0]
        assert len(problems) == 1 and "记为用户“zhang”所做" in problems[0], problems
        assert "该账户属于用户“clerk”" in problems[0]
    finally:
        _raw(office.owner_url, f'DROP ROLE IF EXISTS "{login}"')


def _open(office: Office, url: str, user: str) -> Services:
    return open_services(AppConfig(data_dir=office.data_dir, database_url=url), user=user,
                         role="mediator", today=lambda: TODAY)


def test_sqlite_says_the_binding_is_not_available(sqlite_services: Services) -> None:
    sqlite_services.cases.create_case(case_input())
    report = sqlite_services.check.run()
    assert report.ok, report.problems
    assert any("单机 SQLite" in n and "无法核对记录的操作人" in n for n in report.notes)
    with sqlite_services.ctx.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM audit_entry WHERE db_login IS NOT NULL")
                            ).scalar() == 0
