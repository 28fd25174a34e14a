# SPDX-License-Identifier: EUPL-1.2
"""Each outbox entry carries the kiosk's clock skew as last measured when it was made
(the kiosk's clock minus the platform's, from the HTTP Date header), so the platform
can place an offline kiosk's record in its own time.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("clock_skew_s", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("clock_skew_s")
