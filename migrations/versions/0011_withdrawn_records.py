"""Withdrawn agreements and filings: what a court or commission received is voided, not erased.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 14:00:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0011'
down_revision: Union[str, None] = '0010'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TABLES = ('mediation_agreement', 'filing')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('withdrawn_on', sa.Date(), nullable=True))
            batch_op.add_column(sa.Column('withdrawn_reason',
                                          sqlmodel.sql.sqltypes.AutoString(length=500),
                                          nullable=False, server_default=''))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('withdrawn_reason')
            batch_op.drop_column('withdrawn_on')
