# SPDX-License-Identifier: EUPL-1.2
"""Pending records sealed to the platform's key (protocol/sealing.py): the envelope, the
SHA-256 of the whole payload (asked about after a platform restore), and the call-back
details the platform sends with a refusal of a sealed record.

Records of before stay in clear until the kiosk first learns the platform's key, then
are sealed (store/outbox.py ``seal_waiting``).

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("sealed", sa.Text, nullable=True))
        batch.add_column(sa.Column("sha256", sa.String(64), nullable=True))
        batch.add_column(sa.Column("called_back", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("called_back")
        batch.drop_column("sha256")
        batch.drop_column("sealed")
