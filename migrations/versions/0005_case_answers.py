"""Questionnaire answers kept with a case (rights check, relationship classification).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 08:30:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'case_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('answers', sa.JSON(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['dispute_case.id'],
                                name=op.f('fk_case_answers_case_id_dispute_case')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_answers')),
        sa.UniqueConstraint('case_id', 'kind', name='uq_case_answers_case_kind'),
    )
    op.create_index(op.f('ix_case_answers_case_id'), 'case_answers', ['case_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_case_answers_case_id'), table_name='case_answers')
    op.drop_table('case_answers')
