"""Local accounts: argon2 password hashes, roles, lock-out, and permissions enforced at flush.

Permissions are checked where data is written, not where buttons are shown: every session
carries its user's role, and a hook refuses the flush before any row reaches the database if
the role may not write those tables. A read-only user's write through the CLI or a direct
service call is refused exactly like one through the GUI.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import event
from sqlmodel import Session, col, func, select

from app.errors import AppError, FieldError, ValidationFailed
from app.models import AuditEntry, Setting, User, utcnow
from app.models.enums import UserRole
from app.services.cases.field_checks import check_choice, require


class Permission(StrEnum):
    READ = "read"
    CASE_WRITE = "case_write"
    ADMIN = "admin"
    SEE_PERSONAL_DATA = "see_personal_data"


ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    UserRole.ADMINISTRATOR: frozenset(Permission),
    UserRole.MEDIATOR: frozenset({Permission.READ, Permission.CASE_WRITE,
                                  Permission.SEE_PERSONAL_DATA}),
    UserRole.ARBITRATION_CLERK: frozenset({Permission.READ, Permission.CASE_WRITE,
                                           Permission.SEE_PERSONAL_DATA}),
    UserRole.LEGAL_AID_WORKER: frozenset({Permission.READ, Permission.CASE_WRITE,
                                          Permission.SEE_PERSONAL_DATA}),
    UserRole.READ_ONLY: frozenset({Permission.READ}),
}
# Tables only an administrator may change; every other table needs CASE_WRITE.
ADMIN_TABLES = {"app_user", "app_setting", "holiday", "holiday_year", "minimum_wage",
                "local_parameter", "forum", "organisation", "committee_member", "mediator"}
MIN_PASSWORD = 8
SLOW_AFTER = 3       # wrong passwords before each further try is delayed
LOCK_AFTER = 5       # wrong passwords before the account locks
LOCK_FOR = timedelta(minutes=15)
AUTO_LOGIN_KEY = "auto_login_user"


class PermissionDenied(AppError):
    code = "permission"


class ReadOnlyData(AppError):
    code = "read_only"


READ_ONLY_DATA = "数据目录是只读的（{where}）：只能查看，不能保存任何修改。如需修改，请把数据目录放在可写的位置"


def can(role: str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


def require_permission(role: str | None, user: str, permission: Permission, *,
                       read_only: bool = False, where: str = "") -> None:
    """For writes that bypass the ORM (bulk inserts): the same rule as the flush guard."""
    if read_only:
        raise ReadOnlyData(READ_ONLY_DATA.format(where=where))
    if role is not None and not can(role, permission):
        raise PermissionDenied(f"当前用户（{user}，角色：{role}）无权执行此操作")


def _guard(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get("read_only") and (
            session.new or session.deleted or any(session.is_modified(o) for o in session.dirty)):
        raise ReadOnlyData(READ_ONLY_DATA.format(where=session.info.get("where", "")))
    role = session.info.get("role")
    if role is None:
        return
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, AuditEntry):
            continue
        table = getattr(type(obj), "__tablename__", "")
        needed = Permission.ADMIN if table in ADMIN_TABLES else Permission.CASE_WRITE
        if not can(role, needed):
            what = "系统设置、用户或组织" if needed == Permission.ADMIN else "案件数据"
            raise PermissionDenied(f"当前用户（{session.info.get('user')}，角色：{role}）无权修改{what}；"
                                   "如需修改请联系管理员")


def attach_guard(session: Session, role: str | None, *, read_only: bool = False,
                 where: str = "") -> Session:
    session.info["role"] = role
    session.info["read_only"], session.info["where"] = read_only, where
    event.listen(session, "before_flush", _guard)
    return session


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: datetime | None
    db_login: str | None = None  # shared PostgreSQL: the user's own login (pg-login --for)


@dataclass(frozen=True)
class Identity:
    username: str
    role: str


class AccountService:
    def __init__(self, ctx: Any, *, sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], datetime] = utcnow) -> None:
        self.ctx = ctx
        self.hasher = PasswordHasher()
        self.sleep = sleep
        self.now = now

    def has_users(self) -> bool:
        with self.ctx.session() as s:
            return bool(s.exec(select(func.count()).select_from(User)).one())

    def create_user(self, username: str, password: str, role: str, *,
                    display_name: str = "") -> int:
        """The first user may be created by anyone and must be an administrator."""
        problems = require(username, "username", "用户名") + check_choice(role, UserRole, "role", "角色")
        if len(password) < MIN_PASSWORD:
            problems.append(FieldError("password", f"密码至少{MIN_PASSWORD}位"))
        first = not self.has_users()
        if first and role != UserRole.ADMINISTRATOR:
            problems.append(FieldError("role", "第一个用户必须是管理员"))
        if problems:
            raise ValidationFailed(problems)
        with self.ctx.session() as s:
            if s.exec(select(User).where(User.username == username.strip())).first():
                raise ValidationFailed([FieldError("username", f"用户名“{username}”已存在")])
            user = User(username=username.strip(), display_name=display_name.strip() or username,
                        role=role, password_hash=self.hasher.hash(password))
            s.add(user)
            s.commit()
            assert user.id is not None
            return user.id

    def login(self, username: str, password: str) -> Identity:
        """Check a password; wrong ones slow down from the third and lock after the fifth."""
        with self.ctx.session() as s:
            s.info["role"] = None  # a login attempt records failures even for read-only users
            user = s.exec(select(User).where(User.username == username.strip())).first()
            if user is None or not user.active:
                raise AppError("用户名或密码不正确", code="login")
            now = self.now()
            if user.locked_until and _aware(user.locked_until) > now:
                minutes = int((_aware(user.locked_until) - now).total_seconds() // 60) + 1
                raise AppError(f"该账户因多次输入错误密码已被锁定，请 {minutes} 分钟后再试或联系管理员重置",
                               code="locked")
            try:
                self.hasher.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                if getattr(self.ctx, "read_only", False):  # nothing can be recorded: no lock-out
                    raise AppError("用户名或密码不正确", code="login") from None
                user.failed_logins += 1
                if user.failed_logins >= LOCK_AFTER:
                    user.locked_until = now + LOCK_FOR
                s.commit()
                if user.failed_logins >= SLOW_AFTER:
                    self.sleep(min(2.0 ** (user.failed_logins - SLOW_AFTER), 8.0))
                if user.locked_until and _aware(user.locked_until) > now:
                    raise AppError("密码错误次数过多，账户已锁定 15 分钟", code="locked") from None
                raise AppError("用户名或密码不正确", code="login") from None
            if user.failed_logins or user.locked_until:  # no write when there is nothing to reset
                user.failed_logins = 0
                user.locked_until = None
                s.commit()
            return Identity(user.username, user.role)

    def reset_password(self, username: str, new_password: str) -> None:
        """Administrators only (enforced at flush): sets the password and lifts a lock."""
        if len(new_password) < MIN_PASSWORD:
            raise ValidationFailed([FieldError("password", f"密码至少{MIN_PASSWORD}位")])
        with self.ctx.session() as s:
            user = s.exec(select(User).where(User.username == username.strip())).first()
            if user is None:
                raise AppError(f"找不到用户“{username}”", code="not_found")
            user.password_hash = self.hasher.hash(new_password)
            user.failed_logins = 0
            user.locked_until = None
            s.commit()

    def set_role(self, username: str, role: str) -> None:
        """Administrators only (enforced at flush); the last active administrator keeps the role.
        On a shared PostgreSQL the user's own login moves to the new role's database group in
        the same transaction (`pg_groups.move_login`), or nothing changes and it says why."""
        problems = check_choice(role, UserRole, "role", "角色")
        if problems:
            raise ValidationFailed(problems)
        with self.ctx.session() as s:
            user = s.exec(select(User).where(User.username == username.strip())).first()
            if user is None:
                raise AppError(f"找不到用户“{username}”", code="not_found")
            others = [a for a in active_administrators(s) if a.username != user.username]
            if role != UserRole.ADMINISTRATOR and user.role == UserRole.ADMINISTRATOR and not others:
                raise AppError("不能取消最后一个管理员的管理员角色：请先指定另一位管理员",
                               code="last_admin")
            user.role = role
            s.add(user)
            if user.db_login and not self.ctx.is_sqlite:  # their own PostgreSQL login follows
                from app.services.security.pg_groups import move_login

                s.flush()  # the row first: a login that may not write users is refused as such
                move_login(s.connection(), self.ctx.engine.url.database or "", user, role)
            s.commit()

    def set_active(self, username: str, active: bool) -> None:
        """Administrators only (enforced at flush). A disabled user cannot sign in; their name
        stays on everything they recorded. The last active administrator stays active. On a
        shared PostgreSQL their own login leaves every database group while disabled and
        returns to their role's group when enabled, in the same transaction."""
        require_permission(self.ctx.role, self.ctx.user, Permission.ADMIN)
        with self.ctx.session() as s:
            user = s.exec(select(User).where(User.username == username.strip())).first()
            if user is None:
                raise AppError(f"找不到用户“{username}”", code="not_found")
            others = [a for a in active_administrators(s) if a.username != user.username]
            if not active and user.role == UserRole.ADMINISTRATOR and user.active and not others:
                raise AppError("不能停用最后一个管理员：请先指定另一位管理员", code="last_admin")
            user.active = active
            s.add(user)
            if user.db_login and not self.ctx.is_sqlite:  # a disabled user's own login loses
                from app.services.security.pg_groups import move_login  # its group, and back

                s.flush()
                move_login(s.connection(), self.ctx.engine.url.database or "", user, user.role,
                           active=active, enabling=active)
            s.commit()

    def change_own_password(self, old_password: str, new_password: str) -> None:
        """Any signed-in user changes their own password after giving the current one."""
        if len(new_password) < MIN_PASSWORD:
            raise ValidationFailed([FieldError("new_password", f"新密码至少{MIN_PASSWORD}位")])
        if new_password == old_password:
            raise ValidationFailed([FieldError("new_password", "新密码不能与原密码相同")])
        with self.ctx.session() as s:
            user = s.exec(select(User).where(User.username == self.ctx.user)).first()
            if user is None or not user.active:
                raise AppError("当前没有已登录的用户", code="not_found")
            try:
                self.hasher.verify(user.password_hash, old_password)
            except (VerificationError, InvalidHashError):
                raise ValidationFailed([FieldError("old_password", "原密码不正确")]) from None
            # The user table is an administrator's, but this row is the user's own and the
            # current password was just proven: the one write any role may make there.
            s.info["role"] = None
            user.password_hash = self.hasher.hash(new_password)
            s.add(user)
            s.commit()

    def users(self) -> list[UserRow]:
        with self.ctx.session() as s:
            return [UserRow(u.id or 0, u.username, u.display_name, u.role, u.active, u.locked_until,
                            u.db_login) for u in s.exec(select(User).order_by(col(User.username)))]

    def set_auto_login(self, username: str | None) -> None:
        """A single-user office may skip the login: the named user is signed in automatically."""
        with self.ctx.session() as s:
            if username is not None and s.exec(select(User).where(User.username == username)).first() is None:
                raise AppError(f"找不到用户“{username}”", code="not_found")
            setting = s.get(Setting, AUTO_LOGIN_KEY) or Setting(key=AUTO_LOGIN_KEY)
            setting.value = username
            s.add(setting)
            s.commit()

    def auto_login(self) -> Identity | None:
        with self.ctx.session() as s:
            setting = s.get(Setting, AUTO_LOGIN_KEY)
            if setting is None or not setting.value:
                return None
            user = s.exec(select(User).where(User.username == setting.value)).first()
            return Identity(user.username, user.role) if user and user.active else None


@dataclass(frozen=True)
class AdminAccount:
    """An administrator's account as the live database holds it (carried through a restore)."""

    username: str
    display_name: str
    password_hash: str


def active_administrators(s: Session) -> list[AdminAccount]:
    return [AdminAccount(u.username, u.display_name, u.password_hash) for u in s.exec(
        select(User).where(User.role == UserRole.ADMINISTRATOR, User.active == True)  # noqa: E712
        .order_by(col(User.username)))]


def keep_administrators(s: Session, admins: list[AdminAccount],
                        live_roles: dict[str, tuple[str, bool]]) -> list[str]:
    """Make the administrators of a restored database (session `s`) the ones of the live
    database: each live administrator exists with its live name, password hash, the role and
    active; an administrator only the restored file has gets the role it has in the live
    database, or read-only if it has no account there. Returns what changed, in Chinese.

    So a restore never locks the office out (the passwords known today still work) and never
    brings in administrators nobody appointed (a restored file is hostile input)."""
    if not admins:  # first run or a lost database: the backup's accounts, named
        theirs = "、".join(a.username for a in active_administrators(s))
        return [f"当前数据库没有管理员账户，恢复后的管理员来自备份：{theirs}"] if theirs else []
    notes: list[str] = []
    keep = {a.username for a in admins}
    for admin in admins:
        user = s.exec(select(User).where(User.username == admin.username)).first()
        if user is None:
            user = User(username=admin.username, role=UserRole.ADMINISTRATOR)
            notes.append(f"管理员“{admin.username}”在备份中没有账户，已按当前账户保留")
        elif user.role != UserRole.ADMINISTRATOR or not user.active:
            notes.append(f"管理员“{admin.username}”在备份中不是有效的管理员，已按当前账户保留")
        user.display_name, user.password_hash = admin.display_name, admin.password_hash
        user.role, user.active, user.failed_logins, user.locked_until = (
            UserRole.ADMINISTRATOR, True, 0, None)
        s.add(user)
    for user in s.exec(select(User).where(User.role == UserRole.ADMINISTRATOR)):
        if user.username in keep:
            continue
        role, active = live_roles.get(user.username, (UserRole.READ_ONLY, user.active))
        user.role, user.active = role, active
        s.add(user)
        notes.append(f"备份中的管理员“{user.username}”在当前数据库中不是管理员，恢复后角色为 {role}"
                     f"{'' if active else '（已停用）'}；如确需其为管理员，请用 user set-role 指定")
    return notes


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
