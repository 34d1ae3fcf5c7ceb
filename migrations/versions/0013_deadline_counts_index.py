"""A covering index for the deadlines counted by state and due date: the statistics' duties
met / missed / open and the workbench's due and overdue counts are one index range each.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 14:50:00

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0013'
down_revision: Union[str, None] = '0012'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index("ix_case_deadline_kind_state_due", "case_deadline",
                    ["kind", "state", "due", "completed_on", "case_id"])


def downgrade() -> None:
    op.drop_index("ix_case_deadline_kind_state_due", table_name="case_deadline")
