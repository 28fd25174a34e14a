# SPDX-License-Identifier: EUPL-1.2
"""A record the platform refused can be marked dealt with by a welfare manager: when,
by whom and how (the outcome they chose), so it leaves the dashboard but stays kept.
And the kiosk's own facts that must outlive a restart (the last successful sync).

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("handled_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("handled_by", sa.String(16), nullable=True))
        batch.add_column(sa.Column("handled_outcome", sa.String(32), nullable=True))
    op.create_table(
        "kiosk_facts",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("kiosk_facts")
    with op.batch_alter_table("outbox") as batch:
        for column in ("handled_outcome", "handled_by", "handled_at"):
            batch.drop_column(column)
