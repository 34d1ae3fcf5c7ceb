"""Witnesses, service of documents (送达) and parties' confirmed service addresses.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 14:00:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0010'
down_revision: Union[str, None] = '0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'witness',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('name', S(length=60), nullable=False),
        sa.Column('address', S(length=300), nullable=False),
        sa.Column('phone', S(length=40), nullable=False),
        sa.Column('relation', S(length=100), nullable=False),
        sa.Column('proves', S(length=1000), nullable=False),
        sa.Column('party_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['dispute_case.id'],
                                name=op.f('fk_witness_case_id_dispute_case')),
        sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_witness_party_id_party')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_witness')),
    )
    op.create_index(op.f('ix_witness_case_id'), 'witness', ['case_id'], unique=False)
    op.create_table(
        'service_record',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('party_id', sa.Integer(), nullable=False),
        sa.Column('document_kind', S(length=30), nullable=False),
        sa.Column('document', S(length=200), nullable=False),
        sa.Column('method', S(length=20), nullable=False),
        sa.Column('tracking_no', S(length=60), nullable=False),
        sa.Column('address', S(length=300), nullable=False),
        sa.Column('served_on', sa.Date(), nullable=False),
        sa.Column('server', S(length=100), nullable=False),
        sa.Column('signed_by', S(length=100), nullable=False),
        sa.Column('note', S(length=500), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['dispute_case.id'],
                                name=op.f('fk_service_record_case_id_dispute_case')),
        sa.ForeignKeyConstraint(['party_id'], ['party.id'],
                                name=op.f('fk_service_record_party_id_party')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_service_record')),
    )
    op.create_index(op.f('ix_service_record_case_id'), 'service_record', ['case_id'], unique=False)
    op.create_index(op.f('ix_service_record_party_id'), 'service_record', ['party_id'],
                    unique=False)
    op.create_table(
        'service_address',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('party_id', sa.Integer(), nullable=False),
        sa.Column('address', S(length=300), nullable=False),
        sa.Column('recipient', S(length=100), nullable=False),
        sa.Column('phone', S(length=40), nullable=False),
        sa.Column('email', S(length=200), nullable=False),
        sa.Column('electronic_consent', sa.Boolean(), nullable=False),
        sa.Column('confirmed_on', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['dispute_case.id'],
                                name=op.f('fk_service_address_case_id_dispute_case')),
        sa.ForeignKeyConstraint(['party_id'], ['party.id'],
                                name=op.f('fk_service_address_party_id_party')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_service_address')),
        sa.UniqueConstraint('party_id', name='uq_service_address_party_id'),
    )
    op.create_index(op.f('ix_service_address_case_id'), 'service_address', ['case_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_service_address_case_id'), table_name='service_address')
    op.drop_table('service_address')
    op.drop_index(op.f('ix_service_record_party_id'), table_name='service_record')
    op.drop_index(op.f('ix_service_record_case_id'), table_name='service_record')
    op.drop_table('service_record')
    op.drop_index(op.f('ix_witness_case_id'), table_name='witness')
    op.drop_table('witness')
