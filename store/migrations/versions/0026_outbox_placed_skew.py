# SPDX-License-Identifier: EUPL-1.2
"""Each outbox entry may keep a *placed* skew: a record sealed before its boot's clock
was measured binds no skew in its envelope, and the first measure of that boot, moved
by any jump of the clock since, travels beside it as ``placed_skew_s`` (store/outbox.py
place_unmeasured; central/clock.py). Entries made before have none.

Revision ID: 0026
Revises: 0025
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("placed_skew_s", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("placed_skew_s")
