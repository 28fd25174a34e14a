# SPDX-License-Identifier: EUPL-1.2
"""Form definitions keyed by their reference "id@version", like every mirrored record.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nothing has filled the old table yet: forms reach the mirror from this version on.
    op.drop_table("form_definitions")
    op.create_table(
        "form_definitions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("form_id", sa.String(128), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("definition", sa.JSON, nullable=False),
        sa.UniqueConstraint("form_id", "version", name="uq_form_definitions_version"),
    )


def downgrade() -> None:
    op.drop_table("form_definitions")
    op.create_table(
        "form_definitions",
        sa.Column("form_id", sa.String(128), primary_key=True),
        sa.Column("version", sa.String(64), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("definition", sa.JSON, nullable=False),
        sa.Column("published_at", sa.DateTime, nullable=False),
    )
