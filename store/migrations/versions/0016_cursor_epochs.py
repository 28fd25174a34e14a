# SPDX-License-Identifier: EUPL-1.2
"""Each sync cursor remembers the platform epoch it was read in (a restored platform
has a new one, and the cursors of the old one mean nothing there).

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sync_cursors", sa.Column("epoch", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_cursors") as batch:
        batch.drop_column("epoch")
