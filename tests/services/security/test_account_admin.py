"""Accounts kept by an administrator and by each user: disable and re-enable, the last
administrator kept, a user's own password changed only with the current one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import select

from app.bootstrap import Services, open_services
from app.config import AppConfig
from app.errors import AppError, ValidationFailed
from app.models import User
from app.services.security.accounts import PermissionDenied
from tests.conftest import TODAY

PASSWORD = "correct horse"


@pytest.fixture
def admin(backend_config: AppConfig) -> Iterator[Services]:
    services = open_services(backend_config, user="admin", today=lambda: TODAY)
    services.accounts.create_user("admin", PASSWORD, "administrator")
    services.ctx.role = "administrator"
    services.accounts.create_user("viewer", PASSWORD, "read_only", display_name="只读甲")
    yield services
    services.close()


def _as(config: AppConfig, username: str, password: str = PASSWORD) -> Services:
    services = open_services(config, today=lambda: TODAY)
    identity = services.accounts.login(username, password)
    services.ctx.user, services.ctx.role = identity.username, identity.role
    return services


def test_a_disabled_user_cannot_sign_in_until_enabled(admin: Services,
                                                      backend_config: AppConfig) -> None:
    admin.accounts.set_active("viewer", False)
    with pytest.raises(AppError, match="用户名或密码不正确"):
        admin.accounts.login("viewer", PASSWORD)
    assert not next(u for u in admin.accounts.users() if u.username == "viewer").active
    admin.accounts.set_active("viewer", True)
    _as(backend_config, "viewer").close()


def test_the_last_administrator_cannot_be_disabled(admin: Services) -> None:
    with pytest.raises(AppError, match="最后一个管理员"):
        admin.accounts.set_active("admin", False)
    admin.accounts.create_user("admin2", PASSWORD, "administrator")
    admin.accounts.set_active("admin", False)  # another administrator remains


def test_only_an_administrator_disables(admin: Services, backend_config: AppConfig) -> None:
    viewer = _as(backend_config, "viewer")
    try:
        with pytest.raises(PermissionDenied):
            viewer.accounts.set_active("admin", False)
    finally:
        viewer.close()
    assert all(u.active for u in admin.accounts.users())


def test_any_user_changes_their_own_password_with_the_current_one(
        admin: Services, backend_config: AppConfig) -> None:
    viewer = _as(backend_config, "viewer")
    try:
        with pytest.raises(ValidationFailed, match="原密码不正确"):
            viewer.accounts.change_own_password("wrong one", "a new secret")
        with pytest.raises(ValidationFailed, match="至少"):
            viewer.accounts.change_own_password(PASSWORD, "short")
        viewer.accounts.change_own_password(PASSWORD, "a new secret")
        # the read-only role still may not touch anyone else's row
        with pytest.raises(PermissionDenied):
            viewer.accounts.reset_password("admin", "taken over!")
        with pytest.raises(PermissionDenied):
            viewer.accounts.set_role("viewer", "administrator")
    finally:
        viewer.close()
    with pytest.raises(AppError):
        admin.accounts.login("viewer", PASSWORD)
    _as(backend_config, "viewer", "a new secret").close()
    with admin.ctx.session() as s:
        assert s.exec(select(User).where(User.username == "viewer")).one().role == "read_only"
    assert admin.check.run().ok
