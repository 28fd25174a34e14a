# SPDX-License-Identifier: EUPL-1.2
"""Sealed wallets: a citizen's credit and vouchers only their codice fiscale with their
wallet PIN opens (vouchers/wallet_key.py), and wrong PINs counted per citizen.

The clear credits and vouchers of before go (a computed codice fiscale opened them);
the wallet stream is read again from its start, as sealed wallets.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("vouchers")
    op.drop_table("credits")
    op.execute("DELETE FROM sync_cursors WHERE stream = 'wallet'")
    op.execute("DELETE FROM set_aside_records WHERE stream = 'wallet'")
    op.create_table(
        "wallets",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("comune_id", sa.String(64), nullable=True),
        sa.Column("sealed", sa.Text, nullable=True),
        sa.Column("locked", sa.Boolean, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "wallet_attempts",
        sa.Column("tag", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.DateTime, nullable=True),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("wallet_attempts")
    op.drop_table("wallets")
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
