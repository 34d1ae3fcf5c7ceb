"""Shared PostgreSQL: which database group each program role's login belongs in, and moving a
user's own login (`app_user.db_login`) when their role changes, so a demoted user does not keep
the old rights, and out of every group when the user is disabled (停用).

Imports no service, so `accounts` (the role change) and `pg_roles` (pg-setup, pg-login,
`check`'s `login_group_problems`) both use it.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from app.errors import AppError
from app.models import User
from app.models.enums import UserRole

GROUPS = ("administrator", "mediator", "read_only")
GROUP_OF_ROLE = {UserRole.ADMINISTRATOR: "administrator", UserRole.MEDIATOR: "mediator",
                 UserRole.ARBITRATION_CLERK: "mediator", UserRole.LEGAL_AID_WORKER: "mediator",
                 UserRole.READ_ONLY: "read_only"}


def group_name(database: str, group: str) -> str:
    return f"{database}_{group}"[:63]  # PostgreSQL cuts identifiers at 63 bytes


def _exists(conn: Connection, role: str) -> bool:
    return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": role}).first() \
        is not None


def groups_exist(conn: Connection, database: str) -> bool:
    """pg-setup ran (all three groups are there)."""
    return all(_exists(conn, group_name(database, g)) for g in GROUPS)


def login_groups(conn: Connection, database: str, login: str) -> set[str] | None:
    """The groups (of the three) `login` is a member of, directly or through another role;
    None when no such role exists on the server."""
    if not _exists(conn, login):
        return None
    return {g for g in GROUPS if conn.execute(
        text("SELECT pg_has_role(:login, :group, 'MEMBER')"),
        {"login": login, "group": group_name(database, g)}).scalar()}


def expected_group(role: str, active: bool) -> str | None:
    """The one group a user's own login belongs in: none while the user is disabled."""
    return GROUP_OF_ROLE.get(role) if active else None  # type: ignore[call-overload]


def move_login(conn: Connection, database: str, user: User, role: str,
               active: bool = True, enabling: bool = False) -> str | None:
    """Within the caller's transaction: put `user`'s own login in the group of `role` (out of
    the other two), or out of all three when `active` is False (a disabled user keeps no
    database rights either). Returns the group it was moved to ("" when taken out of all),
    or None when nothing had to move (no own login, no pg-setup, or already there). Raises
    AppError, in Chinese, when the connected login may not change memberships (not the owner
    with CREATEROLE or a superuser): the caller's transaction then rolls back, so the role or
    the 停用 does not change either."""
    login = user.db_login
    if not login or not groups_exist(conn, database):
        return None
    member_of = login_groups(conn, database, login)
    target = expected_group(role, active)
    if member_of is None or (target is None and active) \
            or member_of == ({target} if target else set()):
        return None
    quote = conn.dialect.identifier_preparer.quote
    name = quote(login)
    try:
        for other in GROUPS:
            if other != target and other in member_of:
                conn.exec_driver_sql(f"REVOKE {quote(group_name(database, other))} FROM {name}")
        if target is not None:
            conn.exec_driver_sql(f"GRANT {quote(group_name(database, target))} TO {name}")
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":
            raise
        if target is None:
            what, unchanged = "停用须同时把它移出所有数据库角色", "未停用。"
            command = f"user disable {user.username}"
        else:
            what = f"改为此角色须同时把它移到数据库角色 {group_name(database, target)}"
            unchanged = "未启用。" if enabling else "角色未改。"
            command = (f"user enable {user.username}" if enabling
                       else f"user set-role {user.username} --role {role}")
        raise AppError(
            f"用户“{user.username}”有自己的数据库账户 {login}：{what}，而当前数据库账户无权调整数据库角色。"
            f"{unchanged}请用数据库所有者的账户运行 {command}（--database-url "
            "postgresql+psycopg://所有者@服务器/数据库）", code="permission") from exc
    return group_name(database, target) if target else ""
