# SPDX-License-Identifier: EUPL-1.2
"""The platform's receipt of each accepted record (central/acceptance.py): sent back with
the record after the platform is restored from an older copy, so it is taken back as it
was accepted instead of being judged again against older data.

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("receipt", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("receipt")
