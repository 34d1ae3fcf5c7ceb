"""Backup and restore take an administrator, in the service; a restore keeps the live
administrators and brings in none nobody appointed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import col, select

from app.bootstrap import Services, open_services
from app.config import AppConfig
from app.errors import AppError
from app.models import AuditEntry, User
from app.services.security.accounts import PermissionDenied
from tests.archives import PASS
from tests.conftest import TODAY
from tests.factories import case_input
from tests.services.security.test_backup import fingerprint

PASSWORD = "correct horse"


def as_user(config: AppConfig, username: str, password: str = PASSWORD) -> Services:
    services = open_services(config, today=lambda: TODAY)
    identity = services.accounts.login(username, password)
    services.ctx.user, services.ctx.role = identity.username, identity.role
    return services


def set_up_office(config: AppConfig) -> AppConfig:
    """An administrator, a mediator and a read-only user, and one case."""
    admin = open_services(config, user="admin", today=lambda: TODAY)
    admin.accounts.create_user("admin", PASSWORD, "administrator")
    admin.ctx.role = "administrator"
    admin.accounts.create_user("mediator1", PASSWORD, "mediator")
    admin.accounts.create_user("viewer", PASSWORD, "read_only")
    admin.cases.create_case(case_input())
    admin.close()
    return config


@pytest.fixture
def office(backend_config: AppConfig) -> AppConfig:
    return set_up_office(backend_config)


@pytest.fixture
def sqlite_office(sqlite_config: AppConfig) -> AppConfig:
    return set_up_office(sqlite_config)


def users(services: Services) -> dict[str, tuple[str, bool, str]]:
    with services.ctx.session() as s:
        return {u.username: (u.role, u.active, u.password_hash) for u in s.exec(select(User))}


@pytest.mark.parametrize("username", ["viewer", "mediator1"])
def test_only_an_administrator_backs_up_or_restores(office: AppConfig, tmp_path: Path,
                                                    username: str) -> None:
    """On PostgreSQL too: the role is refused before anything else is looked at."""
    services = as_user(office, username)
    try:
        with pytest.raises(PermissionDenied, match="无权"):
            services.backups.backup(tmp_path / "out" / "b.zip", PASS)
        assert not (tmp_path / "out").exists()
        assert not services.backups.may_manage()
        with pytest.raises(PermissionDenied, match="无权"):
            services.backups.restore(tmp_path / "whatever.zip", PASS)
    finally:
        services.close()


def test_the_scheduled_backup_runs_for_any_role(sqlite_config: AppConfig) -> None:
    """It writes only into the data folder's own backup folder, so a clerk's start takes it."""
    admin = open_services(sqlite_config, user="admin", today=lambda: TODAY)
    admin.accounts.create_user("admin", PASSWORD, "administrator")
    admin.ctx.role = "administrator"
    admin.accounts.create_user("viewer", PASSWORD, "read_only")
    admin.close()
    viewer = as_user(sqlite_config, "viewer")
    try:
        info = viewer.backups.auto_backup_if_due()
        assert info is not None and info.path.parent == sqlite_config.backups_dir
    finally:
        viewer.close()


def test_read_only_user_cannot_restore_their_old_administrator_role(
        sqlite_office: AppConfig, tmp_path: Path) -> None:
    """The report: a read-only user restored a backup in which they were administrator."""
    office = sqlite_office
    admin = as_user(office, "admin")
    admin.accounts.set_role("viewer", "administrator")
    backup = admin.backups.backup(tmp_path / "viewer-was-admin.zip", PASS).path
    admin.accounts.set_role("viewer", "read_only")
    viewer = as_user(office, "viewer")
    before = fingerprint(admin)
    with pytest.raises(PermissionDenied):
        viewer.backups.restore(backup, PASS)
    assert fingerprint(admin) == before
    # An administrator restoring the same file keeps today's roles: viewer stays read-only.
    info = admin.backups.restore(backup, PASS)
    assert any("viewer" in note and "read_only" in note for note in info.accounts)
    assert users(admin)["viewer"][0] == "read_only"
    viewer.close()
    viewer = as_user(office, "viewer")
    try:
        assert viewer.ctx.role == "read_only"
        with pytest.raises(PermissionDenied):
            viewer.accounts.create_user("intruder", PASSWORD, "administrator")
    finally:
        viewer.close()
        admin.close()


def test_restore_keeps_the_acting_administrator(sqlite_config: AppConfig, tmp_path: Path,
                                                other_sqlite_services: Services) -> None:
    """A backup from elsewhere, whose administrator is someone else: afterwards today's
    administrator signs in with today's password, and the stranger is read-only."""
    other = other_sqlite_services
    other.accounts.create_user("ghost", "ghost password", "administrator")
    other.ctx.role = "administrator"
    other.cases.create_case(case_input(summary="另一个办公室的案件"))
    foreign = other.backups.backup(tmp_path / "foreign.zip", PASS).path

    admin = open_services(sqlite_config, user="admin", today=lambda: TODAY)
    admin.accounts.create_user("admin", PASSWORD, "administrator")
    admin.ctx.role = "administrator"
    admin.accounts.reset_password("admin", "todays password")
    live = users(admin)["admin"]
    try:
        info = admin.backups.restore(foreign, PASS)
        after = users(admin)
        assert after["admin"] == live  # name, password hash, administrator, active
        assert after["ghost"][:2] == ("read_only", True)
        assert [u for u, (role, active, _) in after.items()
                if role == "administrator" and active] == ["admin"]
        assert any("ghost" in note for note in info.accounts)
        assert any("admin" in note for note in info.accounts)
        assert admin.accounts.login("admin", "todays password").role == "administrator"
        with pytest.raises(AppError):
            admin.accounts.login("admin", PASSWORD)
        # The change is on the restored audit chain, in the acting user's name, and it holds.
        with admin.ctx.session() as s:
            who = {e.user for e in s.exec(select(AuditEntry).where(
                AuditEntry.entity == "app_user").order_by(col(AuditEntry.id)))}
        assert "admin" in who
        assert admin.check.run().ok
    finally:
        admin.close()


def test_set_role_keeps_one_administrator(office: AppConfig) -> None:
    admin = as_user(office, "admin")
    try:
        with pytest.raises(AppError, match="最后一个管理员"):
            admin.accounts.set_role("admin", "mediator")
        with pytest.raises(AppError, match="角色"):
            admin.accounts.set_role("viewer", "emperor")
        admin.accounts.set_role("mediator1", "administrator")
        admin.accounts.set_role("admin", "mediator")
        assert users(admin)["admin"][0] == "mediator"
    finally:
        admin.close()
    viewer = as_user(office, "viewer")
    try:
        with pytest.raises(PermissionDenied):
            viewer.accounts.set_role("viewer", "administrator")
        assert users(viewer)["viewer"][0] == "read_only"
    finally:
        viewer.close()


def test_restore_onto_a_new_machine_names_the_backups_administrators(
        sqlite_office: AppConfig, other_sqlite_services: Services, tmp_path: Path) -> None:
    """No accounts yet (first run): the backup's accounts come back as they were, named."""
    admin = as_user(sqlite_office, "admin")
    try:
        backup = admin.backups.backup(tmp_path / "office.zip", PASS).path
    finally:
        admin.close()
    new_machine = other_sqlite_services
    assert not new_machine.accounts.has_users() and new_machine.ctx.role is None
    info = new_machine.backups.restore(backup, PASS)
    assert info.accounts == ("当前数据库没有管理员账户，恢复后的管理员来自备份：admin",)
    assert new_machine.accounts.login("admin", PASSWORD).role == "administrator"
