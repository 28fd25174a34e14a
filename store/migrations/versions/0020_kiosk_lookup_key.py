# SPDX-License-Identifier: EUPL-1.2
"""Each kiosk has its own lookup key (central/kiosk_lookup.py): the application statuses
mirrored under the network's shared key of before go, and the statuses stream is read
again from its start, under this kiosk's key.

Revision ID: 0020
Revises: 0019
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM application_statuses")
    op.execute("DELETE FROM sync_cursors WHERE stream = 'statuses'")
    op.execute("DELETE FROM set_aside_records WHERE stream = 'statuses'")


def downgrade() -> None:
    """Nothing to restore: the statuses come again from the platform."""
