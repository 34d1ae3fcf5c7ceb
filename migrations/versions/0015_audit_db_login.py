"""Audit entries bound to the database login that wrote them (shared PostgreSQL).

`audit_entry.db_login` is filled by the server: a BEFORE INSERT trigger sets it to
`session_user` (the login of the connection, which no SET ROLE changes), whatever the client
sent. `app_user.db_login` names each user's own login (`pg-login NAME --for USER`): an
administrator's column, so a clerk cannot re-map themselves. `check` compares the two.
On SQLite both stay NULL (one login, one person: the data folder's owner).

Both columns are nullable: entries and users logged before this revision replay as NULL.
Plain ADD COLUMN (no batch copy), so SQLite keeps audit_entry's append-only triggers.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# `check` (audit_check.LOGIN_TRIGGER_SOURCE) compares the function's body with this one.
SOURCE = " BEGIN NEW.db_login := session_user; RETURN NEW; END "


def upgrade() -> None:
    op.add_column("audit_entry", sa.Column(
        "db_login", sqlmodel.sql.sqltypes.AutoString(length=63), nullable=True))
    op.add_column("app_user", sa.Column(
        "db_login", sqlmodel.sql.sqltypes.AutoString(length=63), nullable=True))
    op.create_index(op.f("ix_app_user_db_login"), "app_user", ["db_login"], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE FUNCTION audit_entry_db_login() RETURNS trigger AS $${SOURCE}$$ "
                   "LANGUAGE plpgsql")
        op.execute("CREATE TRIGGER audit_entry_db_login BEFORE INSERT ON audit_entry "
                   "FOR EACH ROW EXECUTE FUNCTION audit_entry_db_login()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_db_login ON audit_entry")
        op.execute("DROP FUNCTION IF EXISTS audit_entry_db_login()")
    op.drop_index(op.f("ix_app_user_db_login"), table_name="app_user")
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("db_login")
    op.drop_column("audit_entry", "db_login")
