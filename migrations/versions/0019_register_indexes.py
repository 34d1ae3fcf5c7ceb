"""Covering indexes for the case register (案件登记台账): a period's cases in the register's
order with every column it lists, and each case's parties in their order with their names.
A month's register at 100,000 cases read a page of the wide case and party rows for each of
its cases (they are scattered over the table): 184 MB through the page cache at every
register, which grew it ×12.4 for ×10.4 rows; with these it reads no table page.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 23:45:00

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0019'
down_revision: Union[str, None] = '0018'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

REGISTER_COLUMNS = ["received_on", "case_no", "id", "organisation_id", "accepted_on",
                    "occupation", "platform", "city", "stage", "status", "mediator_id"]


def upgrade() -> None:
    op.create_index("ix_dispute_case_register", "dispute_case", REGISTER_COLUMNS)
    op.create_index("ix_party_register", "party", ["case_id", "seq", "id", "role", "name"])


def downgrade() -> None:
    op.drop_index("ix_party_register", table_name="party")
    op.drop_index("ix_dispute_case_register", table_name="dispute_case")
