"""Shared PostgreSQL: one database group role per kind of program role, with GRANTs, so a
clerk who holds the database address and their own login cannot do more than their role.

`pg-setup` (run with the owner's login) creates three NOLOGIN group roles named after the
database — `<db>_administrator`, `<db>_mediator` (调解员、仲裁书记员、法律援助工作者) and
`<db>_read_only` — and grants:
- every group SELECT on every table, INSERT on the audit log and nothing else on it (the
  append-only triggers refuse UPDATE, DELETE and TRUNCATE even to the owner), and
  UPDATE of `app_user.failed_logins, locked_until` only (a wrong password is counted whoever
  types it);
- the administrator group writes every other table;
- the mediator group writes every table except the administrative ones (ADMIN_TABLES: users,
  settings, organisations, rosters, holidays, minimum wages, local parameters);
- the read-only group writes nothing else.
`pg-login NAME --role ROLE` creates a clerk's own LOGIN role in the group of their program role.
The plan is re-applied from scratch each time (after an upgrade added tables, run it again).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, String, text
from sqlmodel import SQLModel, col, select

from app.errors import AppError
from app.models import User
from app.services.context import ServiceContext
from app.services.security.accounts import ADMIN_TABLES, Permission, require_permission
from app.services.security.pg_groups import (
    GROUP_OF_ROLE,
    GROUPS,
    expected_group,
    group_name,
    groups_exist,
    login_groups,
)

AUDIT_TABLE = "audit_entry"
VERSION_TABLE = "alembic_version"
LOGIN_COLUMNS = ("failed_logins", "locked_until")  # app_user: what a login attempt updates
WRITE = ("INSERT", "UPDATE", "DELETE")


class PgSetupError(AppError):
    code = "pg_setup"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field  # the input it is about ("login", "password"), for a form


@dataclass(frozen=True)
class GrantPlan:
    database: str
    statements: list[str]

    def script(self) -> str:
        return "".join(f"{s};\n" for s in self.statements)


def written_tables(group: str) -> list[str]:
    """The tables a group may INSERT, UPDATE and DELETE (the audit log is never one)."""
    tables = sorted(t for t in SQLModel.metadata.tables if t != AUDIT_TABLE)
    if group == "administrator":
        return tables
    if group == "mediator":
        return [t for t in tables if t not in ADMIN_TABLES]
    return []


def grant_plan(database: str, quote: Callable[[str], str]) -> GrantPlan:
    """The statements, in order. `quote` is the dialect's identifier quoting."""
    q = quote
    groups = {g: q(group_name(database, g)) for g in GROUPS}
    every = ", ".join(groups.values())
    tables = sorted([*SQLModel.metadata.tables, VERSION_TABLE])
    out = [f"REVOKE ALL ON DATABASE {q(database)} FROM PUBLIC",
           f"GRANT CONNECT ON DATABASE {q(database)} TO {every}",
           "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
           f"GRANT USAGE ON SCHEMA public TO {every}",
           "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
           f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {every}",
           f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {every}",
           f"GRANT SELECT ON {', '.join(q(t) for t in tables)} TO {every}",
           f"GRANT INSERT ON {q(AUDIT_TABLE)} TO {every}",
           f"GRANT UPDATE ({', '.join(LOGIN_COLUMNS)}) ON {q('app_user')} TO {every}",
           f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {every}"]
    for group in GROUPS:
        chosen = written_tables(group)
        if chosen:
            out.append(f"GRANT {', '.join(WRITE)} ON {', '.join(q(t) for t in chosen)} "
                       f"TO {groups[group]}")
    return GrantPlan(database, out)


def _create_groups(database: str, quote: Callable[[str], str]) -> list[str]:
    out = []
    for g in GROUPS:
        name = group_name(database, g)
        literal = name.replace("'", "''")
        out.append(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                   f"'{literal}') THEN CREATE ROLE {quote(name)} NOLOGIN; END IF; END $$")
    return out


class PgRoleService:
    """`pg-setup` and `pg-login`: run with the database owner's login."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _require(self) -> None:
        if self.ctx.is_sqlite:
            raise PgSetupError("数据库账户和授权只用于共用的 PostgreSQL；单机 SQLite 数据库由"
                               "数据目录的文件权限保护")
        require_permission(self.ctx.role, self.ctx.user, Permission.ADMIN)

    @property
    def shared(self) -> bool:
        """A shared PostgreSQL, where users may have their own database logins."""
        return not self.ctx.is_sqlite

    @property
    def database(self) -> str:
        name = self.ctx.engine.url.database
        if not name:
            raise PgSetupError("数据库地址中没有数据库名，请写成 postgresql+psycopg://所有者@服务器/数据库")
        return name

    def plan(self) -> GrantPlan:
        quote = self.ctx.engine.dialect.identifier_preparer.quote
        plan = grant_plan(self.database, quote)
        return GrantPlan(plan.database, [*_create_groups(plan.database, quote), *plan.statements])

    def setup(self) -> GrantPlan:
        """Create the groups and apply the grants in one transaction."""
        self._require()
        plan = self.plan()
        with self.ctx.engine.begin() as conn:
            self._owner(conn)
            for statement in plan.statements:
                conn.exec_driver_sql(statement)
        return plan

    def create_login(self, login: str, password: str, role: str | None = None, *,
                     for_user: str | None = None) -> str:
        """A clerk's own database login in the group of `role`; an existing login gets the
        new password and is moved to that group (out of the other two). With `for_user` the
        login becomes that program user's (`app_user.db_login`, an administrator's column;
        the role defaults to the user's), so `check` can tell who wrote each audit entry."""
        self._require()
        if role is not None and role not in GROUP_OF_ROLE:
            raise PgSetupError(f"未知角色“{role}”：应为 administrator、mediator、arbitration_clerk、"
                               "legal_aid_worker 或 read_only")
        user = self._user(for_user) if for_user is not None else None
        if user is not None:
            if role is not None and GROUP_OF_ROLE[role] != GROUP_OF_ROLE.get(user.role):  # type: ignore[call-overload,index]
                raise PgSetupError(f"用户“{user.username}”的程序角色是 {user.role}，数据库账户不能放进 "
                                   f"{role} 的数据库角色：请去掉 --role，或先用 user set-role 改角色")
            role = user.role
            if not user.active:
                raise PgSetupError(f"用户“{user.username}”已停用：停用的用户不能有数据库账户，请先启用")
        if role is None:
            raise PgSetupError("请用 --for 指定这个数据库账户属于哪位程序用户（或用 --role 指定角色）")
        group = GROUP_OF_ROLE.get(role)  # type: ignore[call-overload]
        if group is None:
            raise PgSetupError(f"未知角色“{role}”：应为 administrator、mediator、arbitration_clerk、"
                               "legal_aid_worker 或 read_only")
        if not login or len(login.encode()) > 63 or not login.replace("_", "").isalnum() \
                or not login.isascii() or login[0].isdigit():
            raise PgSetupError(f"数据库账户名“{login}”只能由英文字母、数字和下划线组成（不以数字开头，"
                               "不超过 63 个字符）", field="login")
        if len(password) < 8:
            raise PgSetupError("数据库账户的密码至少 8 位", field="password")
        quote = self.ctx.engine.dialect.identifier_preparer.quote
        literal = String().literal_processor(self.ctx.engine.dialect)
        assert literal is not None
        name, secret = quote(login), literal(password)
        with self.ctx.session() as s:  # the roles and the user's mapping: one transaction
            conn = s.connection()
            self._owner(conn)
            missing = [g for g in GROUPS if not conn.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                {"n": group_name(self.database, g)}).first()]
            if missing:
                raise PgSetupError("尚未建立数据库角色：请先运行 pg-setup")
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                                  {"n": login}).first()
            verb = "ALTER" if exists else "CREATE"
            conn.exec_driver_sql(f"{verb} ROLE {name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                                 f"PASSWORD {secret}")
            for other in GROUPS:
                conn.exec_driver_sql(f"REVOKE {quote(group_name(self.database, other))} FROM {name}")
            conn.exec_driver_sql(f"GRANT {quote(group_name(self.database, group))} TO {name}")
            if user is not None:
                for other in s.exec(select(User).where(User.db_login == login,
                                                       User.id != user.id)):
                    other.db_login = None  # one login, one person
                    s.add(other)
                s.flush()
                mapped = s.get(User, user.id)
                assert mapped is not None
                mapped.db_login = login
                s.add(mapped)
            s.commit()
        return group_name(self.database, group)

    def _user(self, username: str) -> User:
        with self.ctx.session() as s:
            user = s.exec(select(User).where(User.username == username.strip())).first()
        if user is None:
            raise PgSetupError(f"找不到程序用户“{username}”：请先用 user add 建立该用户")
        return user

    def _owner(self, conn: Connection) -> None:
        is_owner = conn.execute(text(
            "SELECT pg_catalog.pg_get_userbyid(d.datdba) = current_user OR r.rolsuper "
            "FROM pg_database d, pg_roles r WHERE d.datname = current_database() "
            "AND r.rolname = current_user")).scalar()
        if not is_owner:
            who = conn.execute(text("SELECT current_user")).scalar()
            raise PgSetupError(f"数据库账户“{who}”不是数据库“{self.database}”的所有者：请用所有者账户的"
                               "数据库地址运行（--database-url postgresql+psycopg://所有者@服务器/数据库）")


def privilege_problems(ctx: ServiceContext) -> list[str]:
    """For `check` on PostgreSQL: once the groups exist, no group may hold more than the plan
    gives it (someone granting UPDATE on the audit log or on users to the mediators)."""
    if ctx.is_sqlite or not ctx.engine.url.database:
        return []
    database = ctx.engine.url.database
    problems: list[str] = []
    with ctx.engine.connect() as conn:
        for group in GROUPS:
            name = group_name(database, group)
            if not conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                                {"n": name}).first():
                continue  # pg-setup never ran: one login for all, as README says
            allowed = set(written_tables(group))
            granted = conn.execute(text(
                "SELECT t, p FROM unnest(CAST(:tables AS text[])) AS t, "
                "unnest(CAST(:privileges AS text[])) AS p WHERE has_table_privilege(:r, t, p) "
                "ORDER BY t, p"),
                {"r": name, "tables": sorted(SQLModel.metadata.tables),
                 "privileges": [*WRITE, "TRUNCATE"]}).all()
            for table, privilege in granted:
                if (table not in allowed or privilege == "TRUNCATE") \
                        and not (table == AUDIT_TABLE and privilege == "INSERT"):
                    problems.append(f"数据库角色 {name} 对表 {table} 有 {privilege} 权限，超出其角色"
                                    "（请用所有者账户重新运行 pg-setup）")
    return problems


def login_group_problems(ctx: ServiceContext) -> list[str]:
    """For `check` on PostgreSQL after pg-setup: each user's own login must be in exactly the
    group of the user's role (a role changed behind the program's back, or a grant by hand)."""
    database = ctx.engine.url.database
    if ctx.is_sqlite or not database:
        return []
    with ctx.session() as s:
        users = [(u.username, u.role, u.db_login, u.active) for u in s.exec(
            select(User).where(col(User.db_login).is_not(None)).order_by(col(User.username)))]
    problems: list[str] = []
    with ctx.engine.connect() as conn:
        if not groups_exist(conn, database):
            return []
        for username, role, login, active in users:
            assert login is not None
            member_of = login_groups(conn, database, login)
            target = expected_group(role, active)
            if member_of is None:
                problems.append(f"用户“{username}”登记的数据库账户 {login} 在服务器上不存在：请用所有者"
                                f"账户运行 pg-login {login} --for {username} 重新建立")
            elif not active and member_of:
                now = "、".join(group_name(database, g) for g in GROUPS if g in member_of)
                problems.append(f"用户“{username}”已停用，其数据库账户 {login} 却仍在数据库角色 {now} 中，"
                                f"仍可读写数据库。请用所有者账户在 用户管理 中重新停用，或运行 user disable "
                                f"{username}")
            elif target is not None and member_of != {target}:
                now = "、".join(group_name(database, g) for g in GROUPS if g in member_of) or "无"
                problems.append(f"数据库账户 {login} 属于用户“{username}”（程序角色 {role}），却在数据库"
                                f"角色 {now} 中，应只在 {group_name(database, target)} 中：其数据库"
                                f"权限与程序角色不符。请用所有者账户运行 user set-role {username} "
                                f"--role {role}，或 pg-login {login} --for {username}")
    return problems


def _login_attempt(action: str, entity: str, field: str) -> bool:
    """What a login attempt writes (any login may: a wrong password counts whoever types it)."""
    return action == "update" and entity == "app_user" and field in LOGIN_COLUMNS


@dataclass
class LoginBinding:
    """`check` on PostgreSQL: each audit entry's user against the database login that wrote it
    (`audit_entry.db_login`, set by the server), through the users' own logins
    (`app_user.db_login`, read from the log itself in order, so a later re-mapping does not
    re-judge older entries). The database owner and superusers may write as anyone."""

    trusted: frozenset[str]
    users: dict[str, tuple[str, str | None]]  # app_user id → (username, db_login)
    forged: dict[tuple[str, str, str], list[int]]  # (login, claimed user, its user) → ids
    # entries of a login not yet registered to anyone, judged when it is registered (to the
    # user they name: fine; to another: forged) or named at the end as unbound
    pending: dict[str, dict[str, list[int]]]
    bound: int = 0  # entries judged (written through a login of one person)
    unknown: int = 0  # entries with no login (SQLite, before 0015)

    @classmethod
    def start(cls, conn: Connection) -> LoginBinding:
        owner = conn.execute(text("SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_database "
                                  "WHERE datname = current_database()")).scalar()
        supers = conn.execute(text("SELECT rolname FROM pg_roles WHERE rolsuper")).scalars()
        return cls(frozenset({str(owner), *map(str, supers)}), {}, {}, {})

    owners: dict[str, str] = field(default_factory=dict)  # login → username, from `users`

    def owner_of(self, login: str) -> str | None:
        return self.owners.get(login)

    def see(self, entry_id: int, user: str, action: str, entity: str, entity_id: str,
            field: str, new: str | None, login: str | None) -> None:
        """Judge one entry under the mapping before it, then apply it to the mapping."""
        if login is None:
            self.unknown += 1
        elif login not in self.trusted and not _login_attempt(action, entity, field):
            self.bound += 1
            owner = self.owner_of(login)
            if owner is None:
                self.pending.setdefault(login, {}).setdefault(user, []).append(entry_id)
            elif owner != user:
                self.forged.setdefault((login, user, owner), []).append(entry_id)
        if entity == "app_user":
            self._map(action, entity_id, field, new)

    def _map(self, action: str, entity_id: str, field: str, new: str | None) -> None:
        self._apply(action, entity_id, field, new)
        self.owners = {mapped: name for name, mapped in self.users.values() if mapped}
        for login in [login for login in self.pending if self.owner_of(login) is not None]:
            owner = self.owner_of(login)  # registered now: its earlier entries are judged
            for claimed, ids in self.pending.pop(login).items():
                if claimed != owner:
                    self.forged.setdefault((login, claimed, str(owner)), []).extend(ids)

    def _apply(self, action: str, entity_id: str, field: str, new: str | None) -> None:
        if action == "create":
            try:
                row = json.loads(new or "")
            except ValueError:
                return
            if isinstance(row, dict) and row.get("id") is not None:
                self.users[str(row["id"])] = (str(row.get("username", "")), row.get("db_login"))
        elif action == "delete":
            self.users.pop(entity_id, None)
        elif action == "update" and entity_id in self.users:
            username, mapped = self.users[entity_id]
            if field == "username":
                self.users[entity_id] = (new or "", mapped)
            elif field == "db_login":
                self.users[entity_id] = (username, new)

    def problems(self) -> list[str]:
        unbound = {login: sorted(i for ids in claims.values() for i in ids)
                   for login, claims in self.pending.items()}  # never registered
        out = []
        for (login, claimed, owner), found in sorted(self.forged.items()):
            ids = sorted(found)
            more = f"（及另外 {len(ids) - 1} 条）" if len(ids) > 1 else ""
            out.append(f"审计日志第 {ids[0]} 条{more}记为用户“{claimed}”所做，却是数据库账户 {login} "
                       f"写入的，该账户属于用户“{owner}”：记录是冒名写入的（可能是伪造的）")
        for login, ids in sorted(unbound.items()):
            out.append(f"审计日志有 {len(ids)} 条（第 {ids[0]} 条起）由数据库账户 {login} 写入，"
                       f"该账户没有登记属于哪位程序用户，无法核对操作人：请用 pg-login {login} --for "
                       "用户名 登记")
        return out

    def notes(self) -> list[str]:
        if self.bound:
            return [f"审计记录的操作人已与写入它的数据库账户核对（{self.bound} 条）"]
        return ["审计记录都由数据库所有者或超级用户写入（或写于升级到本版本之前）：没有按人分开的"
                "数据库账户（pg-setup、pg-login --for），无法核对记录的操作人"]
