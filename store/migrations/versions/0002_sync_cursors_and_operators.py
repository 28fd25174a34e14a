# SPDX-License-Identifier: EUPL-1.2
"""Sync cursors per stream, and the operators mirror.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_cursors",
        sa.Column("stream", sa.String(32), primary_key=True),
        sa.Column("cursor", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "operators",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("organization", sa.String, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("pin_hash", sa.String, nullable=False),
        sa.Column("comuni", sa.JSON, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("operators")
    op.drop_table("sync_cursors")
