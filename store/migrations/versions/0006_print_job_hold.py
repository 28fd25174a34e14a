# SPDX-License-Identifier: EUPL-1.2
"""A print job may be held for a few seconds, so an application receipt can wait for
the protocol number the platform is about to give.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("print_jobs") as table:
        table.add_column(sa.Column("hold_until", sa.DateTime, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("print_jobs") as table:
        table.drop_column("hold_until")
