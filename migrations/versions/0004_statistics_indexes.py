"""Covering indexes for the statistics: a period's cases, their parties and claims are counted
from the indexes alone (the case rows carry wide search text and facts); the same for the
stored deadlines (met / missed).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 08:10:00

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: Union[str, None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index("ix_dispute_case_stats", "dispute_case", [
        "received_on", "organisation_id", "stage", "state", "status", "category", "city",
        "occupation", "platform", "collective", "accepted_on", "mediator_id"])
    op.create_index("ix_party_case_role_kind", "party", ["case_id", "role", "kind"])
    op.create_index("ix_claim_case_type_amount", "claim", ["case_id", "claim_type", "amount"])
    op.create_index("ix_case_deadline_case_kind_state", "case_deadline",
                    ["case_id", "kind", "state"])


def downgrade() -> None:
    op.drop_index("ix_case_deadline_case_kind_state", table_name="case_deadline")
    op.drop_index("ix_claim_case_type_amount", table_name="claim")
    op.drop_index("ix_party_case_role_kind", table_name="party")
    op.drop_index("ix_dispute_case_stats", table_name="dispute_case")
