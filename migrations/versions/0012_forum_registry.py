"""The forum registry (受理机关): arbitration commissions, courts, legal-aid centres and labour
inspection with their official names; seeded from resources/forums.json by the service the
first time an administrator reads it (so the seed is in the audit log). Also the page count
of each generated PDF, for the 卷内目录's page ranges.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 14:00:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0012'
down_revision: Union[str, None] = '0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'forum',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('province', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('city', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('district', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column('verified', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_forum')),
        sa.UniqueConstraint('name', name=op.f('uq_forum_name')),
    )
    op.create_index(op.f('ix_forum_city'), 'forum', ['city'], unique=False)
    op.create_index(op.f('ix_forum_kind'), 'forum', ['kind'], unique=False)
    # The PDF's page count, for the page ranges of the 卷内目录.
    with op.batch_alter_table('generated_document') as batch_op:
        batch_op.add_column(sa.Column('pages', sa.Integer(), server_default='0',
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('generated_document') as batch_op:
        batch_op.drop_column('pages')
    op.drop_index(op.f('ix_forum_kind'), table_name='forum')
    op.drop_index(op.f('ix_forum_city'), table_name='forum')
    op.drop_table('forum')
