"""Shared fixtures: real SQLite files and a real PostgreSQL database per test, fixed clock."""

from __future__ import annotations

import functools
import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _memory_temp_root(min_free: int = 4 << 30) -> str | None:
    """/dev/shm when it is a roomy tmpfs: every commit fsyncs the audit head (about 7 ms on this
    disk, nothing in memory), and a run makes tens of thousands of them. Not when the caller
    chose a folder (TMPDIR, PYTEST_DEBUG_TEMPROOT, --basetemp) or /dev/shm is small (Docker's
    64 MB). The code still calls fsync; only its cost goes."""
    shm = Path("/dev/shm")
    if os.environ.get("TMPDIR") or os.environ.get("PYTEST_DEBUG_TEMPROOT") or not shm.is_dir():
        return None
    try:
        st = os.statvfs(shm)
    except OSError:
        return None
    return str(shm) if st.f_bavail * st.f_frsize >= min_free and os.access(shm, os.W_OK) else None


if (_root := _memory_temp_root()) is not None:
    os.environ["PYTEST_DEBUG_TEMPROOT"] = _root  # read by tmp_path_factory (xdist workers inherit)

from argon2 import PasswordHasher  # noqa: E402

from app.bootstrap import Services, open_services  # noqa: E402
from app.config import AppConfig  # noqa: E402
from app.db import make_engine, upgrade_database  # noqa: E402

TODAY = date(2026, 11, 23)
PG_ENV = "MEDIATION_DESK_TEST_PG_URL"
# One migrated template database per xdist worker (the PostgreSQL server is shared by the workers).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
PG_TEMPLATE = f"md_template_{WORKER}"


# argon2 at the program's cost (64 MiB, 3 passes, 4 lanes) takes 0.1-0.2 s of CPU per hash or
# check, and the suite signs in a few hundred times. In-process tests use the same argon2id code
# with its cheapest parameters; the program's own parameters are checked by the tests that ask
# for `production_argon2` and used by every test that runs the program as a subprocess.
PRODUCTION_HASHER = PasswordHasher
CHEAP_HASHER = functools.partial(PasswordHasher, time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(scope="session", autouse=True)
def cheap_argon2() -> Iterator[None]:
    from app.services.security import accounts

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts, "PasswordHasher", CHEAP_HASHER)
        yield


@pytest.fixture
def production_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Passwords hashed with the program's real argon2 parameters (ask for it before the fixtures
    that create users)."""
    from app.services.security import accounts

    monkeypatch.setattr(accounts, "PasswordHasher", PRODUCTION_HASHER)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once; each test copies the file (isolation without paying for migrations)."""
    folder = tmp_path_factory.mktemp("template")
    config = AppConfig(data_dir=folder)
    engine = make_engine(config)
    upgrade_database(engine, config)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return config.db_path


@pytest.fixture(scope="session")
def soffice(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """LibreOffice's command line with a profile of this process's own: two soffice runs on one
    profile (two xdist workers, or another test run) wait on each other or fail."""
    profile = tmp_path_factory.mktemp("libreoffice-profile")
    return ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless"]


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.fail(f"{PG_ENV} 未设置：PostgreSQL 测试请用 `make test` 运行（它会启动临时数据库）")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {PG_TEMPLATE}"))
        conn.execute(text(f"CREATE DATABASE {PG_TEMPLATE}"))
    admin.dispose()
    template_url = make_url(url).set(database=PG_TEMPLATE).render_as_string(hide_password=False)
    config = AppConfig(data_dir=Path("/nonexistent"), database_url=template_url)
    engine = make_engine(config)
    upgrade_database(engine, config)
    engine.dispose()
    return url


def new_pg_database(admin_url: str) -> str:
    name = f"md_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {PG_TEMPLATE}"))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(admin_url: str, url: str) -> None:
    name = make_url(url).database
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def sqlite_config(tmp_path: Path, sqlite_template: Path) -> AppConfig:
    config = AppConfig(data_dir=tmp_path / "data")
    config.data_dir.mkdir()
    shutil.copy(sqlite_template, config.db_path)
    return config


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend_config(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AppConfig]:
    """The same test on a SQLite file and on a PostgreSQL database."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_config")
        return
    admin_url = request.getfixturevalue("pg_admin_url")
    url = new_pg_database(admin_url)
    (tmp_path / "data").mkdir()
    yield AppConfig(data_dir=tmp_path / "data", database_url=url)
    drop_pg_database(admin_url, url)


@pytest.fixture
def services(backend_config: AppConfig) -> Iterator[Services]:
    svc = open_services(backend_config, user="tester", today=lambda: TODAY)
    yield svc
    svc.close()


@pytest.fixture
def pg_services(pg_admin_url: str, tmp_path: Path) -> Iterator[Services]:
    """PostgreSQL only: for what SQLite has no counterpart of (its planner's choices)."""
    url = new_pg_database(pg_admin_url)
    services = open_services(AppConfig(data_dir=tmp_path, database_url=url), user="tester",
                             today=lambda: TODAY)
    yield services
    services.close()
    drop_pg_database(pg_admin_url, url)


@pytest.fixture
def sqlite_services(sqlite_config: AppConfig) -> Iterator[Services]:
    svc = open_services(sqlite_config, user="tester", today=lambda: TODAY)
    yield svc
    svc.close()


@pytest.fixture
def other_sqlite_services(tmp_path: Path, sqlite_template: Path) -> Iterator[Services]:
    """A second, independent database (e.g. the receiving office of an exported case)."""
    config = AppConfig(data_dir=tmp_path / "other")
    config.data_dir.mkdir()
    shutil.copy(sqlite_template, config.db_path)
    svc = open_services(config, user="receiver", today=lambda: TODAY)
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def searchable_services(tmp_path_factory: pytest.TempPathFactory,
                        sqlite_template: Path) -> Iterator[Services]:
    """One database with a case, shared by the property-based tests of a module."""
    from tests.factories import case_input

    folder = tmp_path_factory.mktemp("searchable")
    config = AppConfig(data_dir=folder)
    shutil.copy(sqlite_template, config.db_path)
    svc = open_services(config, user="fuzz", today=lambda: TODAY)
    svc.cases.create_case(case_input())
    svc.demo.generate(30, seed=5)
    yield svc
    svc.close()
