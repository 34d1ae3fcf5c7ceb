"""Local figures for the claim calculators (average monthly wage, injury subsidies).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 12:30:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'local_parameter',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('province', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('city', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('grade', sa.Integer(), nullable=True),
        sa.Column('value', sa.BigInteger(), nullable=False),
        sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column('verified', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_local_parameter')),
    )
    op.create_index(op.f('ix_local_parameter_city'), 'local_parameter', ['city'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_local_parameter_city'), table_name='local_parameter')
    op.drop_table('local_parameter')
