"""A partial index of the deadlines still to be done (open or missed, not completed) in due
order: the due list and the calendar read their first rows along it and stop, instead of
walking every finished deadline dated before them.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 16:45:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0016'
down_revision: Union[str, None] = '0015'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

OPEN_DEADLINE = "state IN ('open', 'missed') AND completed_on IS NULL"


def upgrade() -> None:
    op.create_index("ix_case_deadline_open_due", "case_deadline", ["due", "kind", "case_id"],
                    sqlite_where=sa.text(OPEN_DEADLINE), postgresql_where=sa.text(OPEN_DEADLINE))


def downgrade() -> None:
    op.drop_index("ix_case_deadline_open_due", table_name="case_deadline")
