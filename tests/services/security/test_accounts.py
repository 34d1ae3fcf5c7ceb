"""Accounts: argon2 hashes, roles enforced in the services, slow-down and lock-out, resets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import func, select

from app.bootstrap import Services, open_services
from app.config import AppConfig
from app.errors import AppError, ValidationFailed
from app.models import Case, User
from app.services.cases.dto import CaseQuery
from app.services.security.accounts import AccountService, PermissionDenied
from app.services.workflow.holidays import HolidayRow, HolidayService
from tests.conftest import TODAY
from tests.factories import case_input

PASSWORD = "correct horse"


@pytest.fixture
def accounts(backend_config: AppConfig) -> Iterator[Services]:
    admin = open_services(backend_config, user="admin", today=lambda: TODAY)
    admin.accounts.create_user("admin", PASSWORD, "administrator")
    admin.ctx.role = "administrator"
    for name, role in (("mediator1", "mediator"), ("viewer", "read_only"),
                       ("clerk", "arbitration_clerk"), ("aid", "legal_aid_worker")):
        admin.accounts.create_user(name, PASSWORD, role)
    admin.organisations.default_id()  # the administrator sets up the organisation first
    yield admin
    admin.close()


def as_user(config: AppConfig, username: str) -> Services:
    services = open_services(config, today=lambda: TODAY)
    identity = services.accounts.login(username, PASSWORD)
    services.ctx.user, services.ctx.role = identity.username, identity.role
    return services


def count_cases(services: Services) -> int:
    with services.ctx.session() as s:
        return s.exec(select(func.count()).select_from(Case)).one()


def test_passwords_are_argon2_hashes(production_argon2: None, accounts: Services) -> None:
    with accounts.ctx.session() as s:
        hashes = [u.password_hash for u in s.exec(select(User))]
    assert all(h.startswith("$argon2") and PASSWORD not in h for h in hashes)
    # …with argon2's recommended parameters (the other tests hash cheaply: tests/conftest.py).
    assert hashes and not any(PasswordHasher().check_needs_rehash(h) for h in hashes)


@pytest.mark.parametrize("username, may_write_case, may_admin", [
    ("admin", True, True), ("mediator1", True, False), ("clerk", True, False),
    ("aid", True, False), ("viewer", False, False),
])
def test_roles_are_enforced_in_the_services(accounts: Services, backend_config: AppConfig,
                                            username: str, may_write_case: bool,
                                            may_admin: bool) -> None:
    services = as_user(backend_config, username)
    try:
        before = count_cases(services)
        if may_write_case:
            services.cases.create_case(case_input())
            assert count_cases(services) == before + 1
        else:
            with pytest.raises(PermissionDenied, match="无权修改案件数据"):
                services.cases.create_case(case_input())
            with pytest.raises(PermissionDenied):
                services.demo.generate(3)
            assert count_cases(services) == before
        rows = [HolidayRow(date(2027, 1, 1), False, "元旦", "")]
        if may_admin:
            HolidayService(services.ctx).set_days(rows)
        else:
            with pytest.raises(PermissionDenied, match="无权修改系统设置"):
                HolidayService(services.ctx).set_days(rows)
            with pytest.raises(PermissionDenied):
                services.accounts.create_user("intruder", PASSWORD, "administrator")
        assert services.cases.list_cases(CaseQuery()).total == count_cases(services)
    finally:
        services.close()


def test_first_user_must_be_an_administrator(sqlite_services: Services) -> None:
    with pytest.raises(ValidationFailed, match="第一个用户必须是管理员"):
        sqlite_services.accounts.create_user("someone", PASSWORD, "mediator")
    with pytest.raises(ValidationFailed, match="至少8位"):
        sqlite_services.accounts.create_user("admin", "short", "administrator")
    assert not sqlite_services.accounts.has_users()


def test_wrong_passwords_slow_down_then_lock(sqlite_services: Services) -> None:
    sqlite_services.accounts.create_user("admin", PASSWORD, "administrator")
    clock = [datetime(2026, 11, 23, 9, 0, tzinfo=UTC)]
    waits: list[float] = []
    service = AccountService(sqlite_services.ctx, sleep=waits.append, now=lambda: clock[0])
    for _ in range(4):
        with pytest.raises(AppError, match="用户名或密码不正确"):
            service.login("admin", "wrong password")
    assert waits == [1.0, 2.0]
    with pytest.raises(AppError, match="已锁定"):
        service.login("admin", "wrong password")
    with pytest.raises(AppError, match="已被锁定"):
        service.login("admin", PASSWORD)  # even the right password, while locked
    clock[0] += timedelta(minutes=16)
    assert service.login("admin", PASSWORD).role == "administrator"


def test_administrator_resets_a_locked_password(accounts: Services) -> None:
    with accounts.ctx.session() as s:
        user = s.exec(select(User).where(User.username == "viewer")).one()
        user.failed_logins, user.locked_until = 5, datetime.now(UTC) + timedelta(hours=1)
        s.add(user)
        s.commit()
    accounts.accounts.reset_password("viewer", "a new password")
    assert accounts.accounts.login("viewer", "a new password").role == "read_only"


def test_auto_login_for_a_single_user_office(accounts: Services) -> None:
    assert accounts.accounts.auto_login() is None
    accounts.accounts.set_auto_login("mediator1")
    identity = accounts.accounts.auto_login()
    assert identity is not None and identity.role == "mediator"
