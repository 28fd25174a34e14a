# SPDX-License-Identifier: EUPL-1.2
"""An index for retention's question, asked after every sync pass under the write lock:
which accepted records, not reduced yet, are older than the horizon. Without it the
purge read every accepted record ever sent (reduced rows are kept), 60-300 ms at
200,000 of them, while a citizen's purchase waited for the lock.

Revision ID: 0023
Revises: 0022
"""

from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outbox_unpurged", "outbox", ["state", "purged_at", "updated_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_unpurged", table_name="outbox")
