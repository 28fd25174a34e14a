# SPDX-License-Identifier: EUPL-1.2
"""What was printed, without what was on it (store/print_history.py): a deleted slip
leaves its kind, copy number, last state, time and the digest of its reference, so a
voucher printed again after its slip is gone is still marked as a copy and the day report
still counts it.

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "print_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("copy_no", sa.Integer, nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("reference_sha256", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_print_history_reference", "print_history", ["reference_sha256"])
    op.create_index("ix_print_history_created", "print_history", ["created_at"])


def downgrade() -> None:
    op.drop_table("print_history")
