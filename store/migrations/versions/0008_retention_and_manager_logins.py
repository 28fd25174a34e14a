# SPDX-License-Identifier: EUPL-1.2
"""When an acknowledged record's personal data was purged (see store/retention.py), and
the failed PIN attempts that lock a manager out for a while (kiosk/core/manager_login.py).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as table:
        table.add_column(sa.Column("purged_at", sa.DateTime, nullable=True))
    op.create_table(
        "operator_lockouts",
        sa.Column("operator_id", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.DateTime, nullable=True),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("operator_lockouts")
    with op.batch_alter_table("outbox") as table:
        table.drop_column("purged_at")
