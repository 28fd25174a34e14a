# SPDX-License-Identifier: EUPL-1.2
"""Each outbox entry keeps the boot it was made in and the monotonic clock then: a kiosk
that restarts offline with its clock reset has measured no skew for the records it
makes, and the first measure of that boot, moved by any jump of the clock since, is
theirs (store/outbox.py place_unmeasured). Entries made before know neither: the
platform places them when they arrive.

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("boot_id", sa.String(64), nullable=True))
    op.add_column("outbox", sa.Column("created_monotonic", sa.Float, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("created_monotonic")
        batch.drop_column("boot_id")
