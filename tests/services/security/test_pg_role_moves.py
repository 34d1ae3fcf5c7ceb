"""A role change moves the user's own PostgreSQL login to the new role's database group in the
same transaction (a demoted clerk keeps no write rights on the server), or is refused in
Chinese with nothing changed when the connected login may not move it; `check` names a login
whose group does not match its user's role. Real server, real logins (pg-setup, pg-login)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.cli.main import main
from app.errors import AppError
from app.services.security.pg_groups import group_name
from app.services.security.pg_roles import PgRoleService
from tests.factories import case_input
from tests.services.security import test_pg_roles
from tests.services.security.test_pg_roles import (
    APP_PASSWORD,
    Office,
    _raw,
    _refused,
    _scalar,
)

pytestmark = pytest.mark.postgres
office = test_pg_roles.office  # the fixture: an owner, three users, each with a login


def _login(office: Office, group: str) -> str:
    return make_url(office.url(group)).username or ""


def _group(office: Office, group: str) -> str:
    return group_name(make_url(office.owner_url).database or "", group)


def _groups_of(office: Office, login: str) -> list[str]:
    """The three groups `login` belongs to, as the server says."""
    return [g for g in ("administrator", "mediator", "read_only") if _scalar(
        office.owner_url, f"SELECT pg_has_role('{login}', '{_group(office, g)}', 'MEMBER')")]


def _role(office: Office, username: str) -> object:
    return _scalar(office.owner_url, f"SELECT role FROM app_user WHERE username = '{username}'")


def _check(office: Office) -> list[str]:
    owner = office.owner()
    try:
        return owner.check.run().problems
    finally:
        owner.close()


def test_demoting_a_user_moves_their_login_out_of_the_writing_group(office: Office) -> None:
    clerk_login = _login(office, "mediator")
    assert _groups_of(office, clerk_login) == ["mediator"]
    clerk = office.open("mediator", "clerk", "mediator")
    try:
        clerk.cases.create_case(case_input())  # the clerk's login writes cases
    finally:
        clerk.close()
    owner = office.owner()
    try:
        owner.ctx.user, owner.ctx.role = "admin", "administrator"
        owner.accounts.set_role("clerk", "read_only")
        assert _groups_of(office, clerk_login) == ["read_only"]
        owner.accounts.set_role("viewer", "administrator")  # and a promotion moves up
        assert _groups_of(office, _login(office, "read_only")) == ["administrator"]
    finally:
        owner.close()
    assert _role(office, "clerk") == "read_only"
    # the server itself now refuses the demoted clerk's writes, whatever program they run
    _refused(office.url("mediator"), "UPDATE party SET phone = '13800000002' WHERE id = 1")
    assert _check(office) == []


def test_a_login_that_may_not_move_roles_refuses_and_changes_nothing(office: Office) -> None:
    clerk_login = _login(office, "mediator")
    before = _scalar(office.owner_url, "SELECT COUNT(*) FROM audit_entry")
    admin = office.open("administrator", "admin", "administrator")  # their own login, not the owner
    try:
        with pytest.raises(AppError) as caught:
            admin.accounts.set_role("clerk", "read_only")
        message = caught.value.message
        assert "数据库账户 " + clerk_login in message and "角色未改" in message
        assert _group(office, "read_only") in message and "所有者" in message
        assert _role(office, "clerk") == "mediator"
        assert _groups_of(office, clerk_login) == ["mediator"]
        assert _scalar(office.owner_url, "SELECT COUNT(*) FROM audit_entry") == before
        # within the same group nothing moves on the server: allowed on any login
        admin.accounts.set_role("clerk", "arbitration_clerk")
        assert _role(office, "clerk") == "arbitration_clerk"
        assert _groups_of(office, clerk_login) == ["mediator"]
    finally:
        admin.close()
    assert _check(office) == []


def test_check_names_a_login_whose_group_does_not_match_and_set_role_fixes_it(
        office: Office, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    clerk_login, viewer_login = _login(office, "mediator"), _login(office, "read_only")
    # someone with a database tool gives the clerk's login the administrators' group
    _raw(office.owner_url, f'GRANT "{_group(office, "administrator")}" TO "{clerk_login}"')
    problems = _check(office)
    assert len(problems) == 1, problems
    assert f"数据库账户 {clerk_login} 属于用户“clerk”（程序角色 mediator）" in problems[0]
    assert _group(office, "administrator") in problems[0]
    assert f"应只在 {_group(office, 'mediator')} 中" in problems[0]
    # and takes the viewer's login out of every group
    _raw(office.owner_url, f'REVOKE "{_group(office, "read_only")}" FROM "{viewer_login}"')
    problems = _check(office)  # (that login cannot even connect now: CONNECT is the groups')
    assert any(f"数据库账户 {viewer_login}" in p and "角色 无 中" in p for p in problems), problems

    # `user set-role` with the owner's address puts each login back where its role says
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", APP_PASSWORD)
    args = ["--data-dir", str(office.data_dir), "--database-url", office.owner_url,
            "--user", "admin"]
    for user, role in (("clerk", "mediator"), ("viewer", "read_only")):
        assert main([*args, "user", "set-role", user, "--role", role]) == 0
        assert f"已把 {user} 的角色设为 {role}" in capsys.readouterr().out
    assert _groups_of(office, clerk_login) == ["mediator"]
    assert _groups_of(office, viewer_login) == ["read_only"]
    assert _check(office) == []

    # a registered login dropped on the server is named too
    owner = office.owner()
    try:
        owner.ctx.user, owner.ctx.role = "admin", "administrator"
        owner.accounts.create_user("temp", APP_PASSWORD, "mediator")
        PgRoleService(owner.ctx).create_login("temp_gone", "db-secret-9",
                                              for_user="temp")
    finally:
        owner.close()
    _raw(office.owner_url, 'DROP ROLE "temp_gone"')
    problems = _check(office)
    assert problems == ["用户“temp”登记的数据库账户 temp_gone 在服务器上不存在：请用所有者账户运行 "
                        "pg-login temp_gone --for temp 重新建立"], problems


def test_the_refusal_on_the_command_line_is_one_chinese_line(
        office: Office, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", APP_PASSWORD)
    args = ["--data-dir", str(office.data_dir), "--database-url", office.url("administrator"),
            "--user", "admin"]
    assert main([*args, "user", "set-role", "clerk", "--role", "read_only"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "角色未改" in err and "Traceback" not in err
    assert _role(office, "clerk") == "mediator"


def test_disabling_a_user_takes_their_login_out_of_every_group_and_enabling_brings_it_back(
        office: Office, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    clerk_login = _login(office, "mediator")
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", APP_PASSWORD)
    as_admin = ["--data-dir", str(office.data_dir), "--database-url", office.url("administrator"),
                "--user", "admin"]
    # an administrator on their own login may not move memberships: nothing changes
    assert main([*as_admin, "user", "disable", "clerk"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "未停用" in err and "Traceback" not in err
    assert _scalar(office.owner_url, "SELECT active FROM app_user WHERE username = 'clerk'")
    assert _groups_of(office, clerk_login) == ["mediator"]

    as_owner = ["--data-dir", str(office.data_dir), "--database-url", office.owner_url,
                "--user", "admin"]
    assert main([*as_owner, "user", "disable", "clerk"]) == 0
    assert "已停用 clerk" in capsys.readouterr().out
    assert not _scalar(office.owner_url, "SELECT active FROM app_user WHERE username = 'clerk'")
    assert _groups_of(office, clerk_login) == []
    # the server refuses the disabled clerk's login whatever program they run: CONNECT is
    # the groups' own privilege, so it cannot even connect
    with pytest.raises(OperationalError) as refused:
        _raw(office.url("mediator"), "SELECT 1")
    assert "CONNECT" in str(refused.value)
    assert _check(office) == []
    assert main([*as_owner, "user", "list"]) == 0
    assert "clerk" in (listed := capsys.readouterr().out) and "（已停用）" in listed
    # a disabled user gets no new login either
    owner = office.owner()
    try:
        owner.ctx.user, owner.ctx.role = "admin", "administrator"
        with pytest.raises(AppError) as caught:
            PgRoleService(owner.ctx).create_login(clerk_login, "db-secret-9", for_user="clerk")
        assert "已停用" in caught.value.message
    finally:
        owner.close()
    assert _groups_of(office, clerk_login) == []

    # a grant by hand to the disabled user's login is named by check
    _raw(office.owner_url, f'GRANT "{_group(office, "mediator")}" TO "{clerk_login}"')
    problems = _check(office)
    assert len(problems) == 1 and "用户“clerk”已停用" in problems[0] \
        and _group(office, "mediator") in problems[0], problems
    _raw(office.owner_url, f'REVOKE "{_group(office, "mediator")}" FROM "{clerk_login}"')

    assert main([*as_admin, "user", "enable", "clerk"]) == 1  # their own login again: refused
    out, err = capsys.readouterr()
    assert out == "" and "未启用" in err and "user enable clerk" in err and "角色未改" not in err
    assert not _scalar(office.owner_url, "SELECT active FROM app_user WHERE username = 'clerk'")
    assert main([*as_owner, "user", "enable", "clerk"]) == 0
    assert "已启用 clerk" in capsys.readouterr().out
    assert _groups_of(office, clerk_login) == ["mediator"]
    assert _check(office) == []
