"""The organisation's district and seal holder (asked at the first run).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 14:10:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0009'
down_revision: Union[str, None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('organisation') as batch:
        batch.add_column(sa.Column('district', sqlmodel.sql.sqltypes.AutoString(length=40),
                                   server_default='', nullable=False))
        batch.add_column(sa.Column('seal_holder', sqlmodel.sql.sqltypes.AutoString(length=60),
                                   server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('organisation') as batch:
        batch.drop_column('seal_holder')
        batch.drop_column('district')
