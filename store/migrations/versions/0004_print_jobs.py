# SPDX-License-Identifier: EUPL-1.2
"""The print queue: one row per slip to print, written with the record it prints.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

STATES = ("pending", "sending", "printed", "uncertain", "expired", "cancelled")


def upgrade() -> None:
    op.create_table(
        "print_jobs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("reference", sa.String(64), nullable=True),
        sa.Column("copy_no", sa.Integer, nullable=False, server_default="0"),
        sa.Column("original_id", sa.Integer, sa.ForeignKey("print_jobs.id"), nullable=True),
        sa.Column("slip", sa.JSON, nullable=False),
        sa.Column("state", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("waiting_reason", sa.String(32), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("bytes_sent", sa.Integer, nullable=False, server_default="0"),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("last_error", sa.String(300), nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("printed_at", sa.DateTime, nullable=True),
        sa.CheckConstraint(
            "state IN (" + ", ".join(f"'{s}'" for s in STATES) + ")", name="ck_print_jobs_state"
        ),
    )
    op.create_index("ix_print_jobs_state", "print_jobs", ["state", "id"])


def downgrade() -> None:
    op.drop_index("ix_print_jobs_state", "print_jobs")
    op.drop_table("print_jobs")
