# SPDX-License-Identifier: EUPL-1.2
"""Application statuses from the platform, keyed by tracking code and codice fiscale
through a keyed hash (forms/lookup.py), so the table holds no personal data.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "application_statuses",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("protocol", sa.String, nullable=False),
        sa.Column("call_id", sa.String, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("note", sa.JSON, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("application_statuses")
