"""Shared PostgreSQL with a database login per clerk: what each login may do is enforced by
PostgreSQL itself (pg-setup's GRANTs), not only by the program. Real server, real logins."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from app.bootstrap import Services, open_services
from app.cli.main import main
from app.config import AppConfig
from app.db import DatabaseAccountRefused
from app.services.security.pg_roles import PgRoleService, PgSetupError, group_name
from tests.conftest import TODAY, drop_pg_database, new_pg_database
from tests.factories import case_input

pytestmark = pytest.mark.postgres
PASSWORD = "db-secret-1"
APP_PASSWORD = "app-secret-1"


@dataclass
class Office:
    owner_url: str
    data_dir: Path
    logins: dict[str, str]  # program role group → database URL of a login in that group

    def url(self, group: str) -> str:
        return self.logins[group]

    def open(self, group: str, user: str, role: str) -> Services:
        config = AppConfig(data_dir=self.data_dir, database_url=self.url(group))
        return open_services(config, user=user, role=role, today=lambda: TODAY)

    def owner(self) -> Services:
        config = AppConfig(data_dir=self.data_dir, database_url=self.owner_url)
        return open_services(config, user="owner", today=lambda: TODAY)


@pytest.fixture
def office(pg_admin_url: str, tmp_path: Path) -> Iterator[Office]:
    url = new_pg_database(pg_admin_url)
    data_dir = tmp_path / "data"
    svc = open_services(AppConfig(data_dir=data_dir, database_url=url), today=lambda: TODAY)
    svc.accounts.create_user("admin", APP_PASSWORD, "administrator")
    svc.accounts.create_user("clerk", APP_PASSWORD, "mediator")
    svc.accounts.create_user("viewer", APP_PASSWORD, "read_only")
    svc.cases.create_case(case_input())
    svc.ctx.user, svc.ctx.role = "admin", "administrator"
    pg = PgRoleService(svc.ctx)
    pg.setup()
    suffix = uuid.uuid4().hex[:8]
    logins = {}
    for group, user in (("administrator", "admin"), ("mediator", "clerk"),
                        ("read_only", "viewer")):
        login = f"{group[:5]}_{suffix}"
        pg.create_login(login, PASSWORD, for_user=user)  # each user's own login
        logins[group] = make_url(url).set(username=login, password=PASSWORD) \
            .render_as_string(hide_password=False)
    svc.close()
    yield Office(url, data_dir, logins)
    drop_pg_database(pg_admin_url, url)
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for login in logins.values():
            conn.execute(text(f'DROP ROLE IF EXISTS "{make_url(login).username}"'))
    admin.dispose()


def _raw(url: str, sql: str) -> None:
    """SQL straight at the server with that login, as a clerk with a database tool would."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def _scalar(url: str, sql: str) -> object:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar()
    finally:
        engine.dispose()


def _refused(url: str, sql: str) -> None:
    with pytest.raises(ProgrammingError) as caught:
        _raw(url, sql)
    assert getattr(caught.value.orig, "sqlstate", None) == "42501", caught.value  # insufficient_privilege


def _state(office: Office) -> tuple[object, ...]:
    return tuple(_scalar(office.owner_url, sql) for sql in (
        "SELECT string_agg(username || ':' || role, ',' ORDER BY username) FROM app_user",
        "SELECT COUNT(*) FROM audit_entry", "SELECT MAX(id) FROM audit_entry",
        "SELECT string_agg(id_number, ',' ORDER BY id) FROM party",
        "SELECT COUNT(*) FROM dispute_case"))


def test_a_mediator_login_cannot_change_users_or_the_audit_log(office: Office) -> None:
    before = _state(office)
    mediator = office.url("mediator")
    for sql in ("UPDATE app_user SET role = 'administrator' WHERE username = 'clerk'",
                "UPDATE app_user SET password_hash = 'x' WHERE username = 'admin'",
                "INSERT INTO app_user (username, display_name, role, password_hash, active, "
                "failed_logins, created_at) VALUES ('evil', 'e', 'administrator', 'x', true, 0, now())",
                "DELETE FROM app_user WHERE username = 'viewer'",
                "UPDATE app_setting SET value = NULL", "DELETE FROM holiday",
                "UPDATE organisation SET name = 'x'", "DELETE FROM minimum_wage",
                "DELETE FROM audit_entry WHERE id > 0", "UPDATE audit_entry SET \"user\" = 'x'",
                "TRUNCATE audit_entry"):
        _refused(mediator, sql)
    assert _state(office) == before


def test_a_read_only_login_cannot_write(office: Office) -> None:
    before = _state(office)
    viewer = office.url("read_only")
    for sql in ("UPDATE party SET id_number = '110101199001011237'",
                "DELETE FROM case_event", "UPDATE dispute_case SET summary = 'x'",
                "INSERT INTO case_counter (organisation_id, year, last_seq) VALUES (1, 2030, 1)",
                "UPDATE app_user SET role = 'administrator'", "DELETE FROM audit_entry",
                "CREATE TABLE smuggled (id int)"):
        _refused(viewer, sql)
    assert _state(office) == before
    assert _scalar(viewer, "SELECT COUNT(*) FROM party") == 2  # it can read


def test_even_the_owner_cannot_rewrite_the_audit_log(office: Office) -> None:
    before = _state(office)
    for sql in ("UPDATE audit_entry SET \"user\" = 'x'", "DELETE FROM audit_entry"):
        with pytest.raises(Exception, match="审计日志只能追加"):
            _raw(office.owner_url, sql)
    assert _state(office) == before


def test_the_program_works_for_each_role_with_its_own_login(office: Office) -> None:
    from datetime import date

    from app.services.cases.dto import CaseQuery

    clerk = office.open("mediator", "clerk", "mediator")
    try:
        assert clerk.accounts.login("clerk", APP_PASSWORD).role == "mediator"
        case_no = clerk.cases.create_case(case_input()).case_no
        clerk.workflow.advance(case_no, "mediation.accept", date(2026, 11, 3))
        clerk.workflow.advance(case_no, "mediation.session", date(2026, 11, 6))
        assert clerk.cases.list_cases(CaseQuery(search=case_no)).total == 1
    finally:
        clerk.close()
    viewer = office.open("read_only", "viewer", "read_only")
    try:
        assert viewer.cases.list_cases(CaseQuery()).total == 2
        assert viewer.exchange.export_for_viewer(case_no)["case"]["case_no"] == case_no
        # a wrong password is still counted (lock-out works whoever's login types it)
        with pytest.raises(Exception, match="用户名或密码不正确"):
            viewer.accounts.login("viewer", "wrong-password")
    finally:
        viewer.close()
    assert _scalar(office.owner_url,
                   "SELECT failed_logins FROM app_user WHERE username = 'viewer'") == 1
    admin = office.open("administrator", "admin", "administrator")
    try:
        admin.accounts.create_user("newcomer", APP_PASSWORD, "mediator")
        admin.accounts.set_role("newcomer", "read_only")
        assert admin.check.run().ok  # every change above, by three logins, replays cleanly
    finally:
        admin.close()


def test_the_mediator_login_refuses_administrative_writes_in_chinese(office: Office) -> None:
    # An administrator of the program on a mediator's computer (its database login): the
    # server refuses, the message says why, nothing is written.
    before = _state(office)
    svc = office.open("mediator", "admin", "administrator")
    try:
        with pytest.raises(DatabaseAccountRefused) as caught:
            svc.accounts.create_user("another", APP_PASSWORD, "administrator")
        assert "数据库账户没有这项权限" in caught.value.message and "app_user" in caught.value.message
        with pytest.raises(DatabaseAccountRefused):
            svc.accounts.set_role("clerk", "administrator")
    finally:
        svc.close()
    assert _state(office) == before


def test_check_runs_on_postgres_with_a_read_only_login_and_names_tampering(
        office: Office) -> None:
    viewer = office.open("read_only", "viewer", "read_only")
    try:
        report = viewer.check.run()
        assert report.ok, report.problems
        assert report.audit_entries_checked > 0
        # the owner (who may write every table) changes an ID number behind the program's back
        _raw(office.owner_url, "UPDATE party SET id_number = '110101199001011237' WHERE id = 1")
        # and disables the append-only trigger
        _raw(office.owner_url, "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
        # and gives the mediators more than pg-setup did
        group = group_name(make_url(office.owner_url).database or "", "mediator")
        _raw(office.owner_url, f'GRANT UPDATE, DELETE ON audit_entry, app_user TO "{group}"')
        found = viewer.check.run().problems
    finally:
        viewer.close()
    text_ = "\n".join(found)
    assert "当事人（party）第 1 行的“证件号码”（id_number）与审计日志不符" in text_
    assert "不再拒绝对审计记录的 UPDATE" in text_ and "不再拒绝对审计记录的 DELETE" in text_
    assert f"数据库角色 {group} 对表 audit_entry 有 UPDATE 权限" in text_
    assert f"数据库角色 {group} 对表 app_user 有 DELETE 权限" in text_


def test_pg_setup_needs_the_owner_and_a_program_administrator(office: Office) -> None:
    svc = office.open("administrator", "admin", "administrator")  # a login, not the owner
    try:
        with pytest.raises(PgSetupError, match="不是数据库.*的所有者"):
            PgRoleService(svc.ctx).setup()
    finally:
        svc.close()
    owner = office.owner()
    try:
        owner.ctx.user, owner.ctx.role = "clerk", "mediator"
        with pytest.raises(Exception, match="无权执行此操作"):
            PgRoleService(owner.ctx).setup()
        owner.ctx.role = "administrator"
        with pytest.raises(PgSetupError, match="只能由英文字母"):
            PgRoleService(owner.ctx).create_login("x; DROP TABLE party", PASSWORD, "mediator")
        assert _scalar(office.owner_url, "SELECT COUNT(*) FROM party") == 2
    finally:
        owner.close()


def test_pg_setup_on_the_command_line(office: Office, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["--data-dir", str(office.data_dir), "--database-url", office.owner_url,
            "--user", "admin"]
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", APP_PASSWORD)
    assert main([*args, "pg-setup", "--sql"]) == 0
    script = capsys.readouterr().out
    assert "GRANT INSERT ON audit_entry" in script and "TRUNCATE" not in script.split("REVOKE")[-1]
    assert main([*args, "pg-setup"]) == 0  # again: the same plan, applied from scratch
    assert "已为数据库" in capsys.readouterr().out
    monkeypatch.setenv("MEDIATION_DESK_NEW_DB_PASSWORD", "another-secret")
    login = f"cli_{uuid.uuid4().hex[:8]}"
    try:
        assert main([*args, "pg-login", login, "--role", "read_only"]) == 0
        assert login in capsys.readouterr().out
        url = make_url(office.owner_url).set(username=login, password="another-secret") \
            .render_as_string(hide_password=False)
        _refused(url, "DELETE FROM party")
        # the program on that login: a write is refused in one Chinese line, no traceback
        monkeypatch.setenv("MEDIATION_DESK_PASSWORD", APP_PASSWORD)
        code = main(["--data-dir", str(office.data_dir), "--database-url", url,
                     "--user", "admin", "user", "add", "newcomer", "--role", "mediator"])
        err = capsys.readouterr().err
        assert code == 1 and "数据库账户没有这项权限" in err and "Traceback" not in err
        assert _scalar(office.owner_url,
                       "SELECT COUNT(*) FROM app_user WHERE username = 'newcomer'") == 0
    finally:
        _raw(office.owner_url, f'DROP ROLE IF EXISTS "{login}"')
