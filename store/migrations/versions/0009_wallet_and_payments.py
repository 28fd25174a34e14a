# SPDX-License-Identifier: EUPL-1.2
"""How each service may be paid, and the wallet stream: citizens' credits and vouchers,
keyed by a keyed hash of the codice fiscale (forms/lookup.py holder_key).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("services") as table:
        table.add_column(sa.Column("payments", sa.JSON, nullable=True))
    op.create_table(
        "credits",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("programme", sa.String, nullable=False),
        sa.Column("balance_cents", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "vouchers",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("holder", sa.String(64), nullable=False, index=True),
        sa.Column("comune_id", sa.String(64), nullable=True),
        sa.Column("programme", sa.String, nullable=False),
        sa.Column("issuer", sa.String, nullable=False),
        sa.Column("amount_cents", sa.Integer, nullable=True),
        sa.Column("service_id", sa.String(64), nullable=True),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_until", sa.Date, nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("signed_code", sa.String(512), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("vouchers")
    op.drop_table("credits")
    with op.batch_alter_table("services") as table:
        table.drop_column("payments")
