# SPDX-License-Identifier: EUPL-1.2
"""Platform records the kiosk could not apply, set aside with their reason.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "set_aside_records",
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("record_id", sa.String(64), primary_key=True),
        sa.Column("stream", sa.String(32), nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("data", sa.JSON, nullable=True),
        sa.Column("reason", sa.String(300), nullable=False),
        sa.Column("first_seen", sa.DateTime, nullable=False),
        sa.Column("last_seen", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("set_aside_records")
