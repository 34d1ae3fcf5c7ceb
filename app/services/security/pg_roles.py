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

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, String, text
from sqlmodel import SQLModel

from app.errors import AppError
from app.models.enums import UserRole
from app.services.context import ServiceContext
from app.services.security.accounts import ADMIN_TABLES, Permission, require_permission

AUDIT_TABLE = "audit_entry"
VERSION_TABLE = "alembic_version"
LOGIN_COLUMNS = ("failed_logins", "locked_until")  # app_user: what a login attempt updates
GROUPS = ("administrator", "mediator", "read_only")
GROUP_OF_ROLE = {UserRole.ADMINISTRATOR: "administrator", UserRole.MEDIATOR: "mediator",
                 UserRole.ARBITRATION_CLERK: "mediator", UserRole.LEGAL_AID_WORKER: "mediator",
                 UserRole.READ_ONLY: "read_only"}
WRITE = ("INSERT", "UPDATE", "DELETE")


class PgSetupError(AppError):
    code = "pg_setup"


@dataclass(frozen=True)
class GrantPlan:
    database: str
    statements: list[str]

    def script(self) -> str:
        return "".join(f"{s};\n" for s in self.statements)


def group_name(database: str, group: str) -> str:
    return f"{database}_{group}"[:63]  # PostgreSQL cuts identifiers at 63 bytes


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

    def create_login(self, login: str, password: str, role: str) -> str:
        """A clerk's own database login in the group of `role`; an existing login gets the
        new password and is moved to that group (out of the other two)."""
        self._require()
        group = GROUP_OF_ROLE.get(role)  # type: ignore[call-overload]
        if group is None:
            raise PgSetupError(f"未知角色“{role}”：应为 administrator、mediator、arbitration_clerk、"
                               "legal_aid_worker 或 read_only")
        if not login or len(login.encode()) > 63 or not login.replace("_", "").isalnum() \
                or not login.isascii() or login[0].isdigit():
            raise PgSetupError(f"数据库账户名“{login}”只能由英文字母、数字和下划线组成（不以数字开头，"
                               "不超过 63 个字符）")
        if len(password) < 8:
            raise PgSetupError("数据库账户的密码至少 8 位")
        quote = self.ctx.engine.dialect.identifier_preparer.quote
        literal = String().literal_processor(self.ctx.engine.dialect)
        assert literal is not None
        name, secret = quote(login), literal(password)
        with self.ctx.engine.begin() as conn:
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
        return group_name(self.database, group)

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
