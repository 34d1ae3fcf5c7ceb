"""Voided generated documents (作废): a document issued in error keeps its row, marked with
the day and the reason, so what a party or a forum may hold is never erased.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 17:00:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0014'
down_revision: Union[str, None] = '0013'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('generated_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_reason',
                                      sqlmodel.sql.sqltypes.AutoString(length=500),
                                      nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('generated_document', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_reason')
        batch_op.drop_column('withdrawn_on')
