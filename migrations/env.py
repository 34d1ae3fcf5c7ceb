"""Alembic environment: runs on the app's own connection, or on a URL for the alembic CLI."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers every table)

# The search indexes are created by hand in the revisions (SQLite's FTS5 tables, PostgreSQL's
# GIN indexes): they are not models.
FTS_PREFIX = "case_search"


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    return not (type_ in ("table", "index") and name is not None
                and name.startswith(FTS_PREFIX))


def _configure_and_run(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    # No fileConfig(): the app's logging must not be reconfigured by a migration (TECH_NOTES).
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    url = (
        context.config.get_main_option("sqlalchemy.url")
        or os.environ.get("MEDIATION_DESK_DATABASE_URL")
    )
    if not url:
        raise SystemExit("请用 -x 或 MEDIATION_DESK_DATABASE_URL 指定数据库地址")
    engine = create_engine(url)
    with engine.begin() as conn:
        _configure_and_run(conn)


if context.is_offline_mode():
    raise SystemExit("离线（--sql）迁移不受支持")
run_migrations_online()
