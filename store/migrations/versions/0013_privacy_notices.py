# SPDX-License-Identifier: EUPL-1.2
"""The data controller's privacy notice of each call and service (protocol.records.
PrivacyNotice), mirrored so the kiosk can show and print it before personal data is typed.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("services", "calls"):
        op.add_column(table, sa.Column("privacy_notice", sa.JSON(), nullable=True))


def downgrade() -> None:
    for table in ("services", "calls"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("privacy_notice")
