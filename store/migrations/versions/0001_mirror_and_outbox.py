# SPDX-License-Identifier: EUPL-1.2
"""Mirror of the platform catalog, calls and forms; the outbox; service search.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comuni",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("catastale", sa.String(4), nullable=False),
        sa.Column("province", sa.String(2), nullable=False),
        sa.Column("cap", sa.String(5), nullable=False),
    )
    op.create_table(
        "categories",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("label", sa.JSON, nullable=False),
        sa.Column("icon", sa.String, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "providers",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("phone", sa.String, nullable=False),
        sa.Column("email", sa.String, nullable=False),
        sa.Column("address", sa.String, nullable=False),
        sa.Column("website", sa.String, nullable=False),
    )
    op.create_table(
        "services",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("provider_id", sa.String(64), sa.ForeignKey("providers.id"), nullable=False),
        sa.Column("category_id", sa.String(64), sa.ForeignKey("categories.id"), nullable=False),
        sa.Column("title", sa.JSON, nullable=False),
        sa.Column("description", sa.JSON, nullable=False),
        sa.Column("price_cents", sa.Integer, nullable=True),
        sa.Column("unit", sa.String, nullable=True),
        sa.Column("booking", sa.String, nullable=False),
        sa.Column("open_to_all", sa.Boolean, nullable=False),
        sa.Column("keywords", sa.JSON, nullable=False),
    )
    op.create_index("ix_services_category", "services", ["category_id"])
    op.create_table(
        "service_comuni",
        sa.Column(
            "service_id",
            sa.String(64),
            sa.ForeignKey("services.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("comune_id", sa.String(64), sa.ForeignKey("comuni.id"), primary_key=True),
    )
    op.create_index("ix_service_comuni_comune", "service_comuni", ["comune_id"])
    op.create_table(
        "calls",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("comune_id", sa.String(64), sa.ForeignKey("comuni.id"), nullable=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("title", sa.JSON, nullable=False),
        sa.Column("description", sa.JSON, nullable=False),
        sa.Column("opens_at", sa.DateTime, nullable=False),
        sa.Column("closes_at", sa.DateTime, nullable=False),
        sa.Column("budget_cents", sa.Integer, nullable=True),
        sa.Column("form_ref", sa.String, nullable=True),
        sa.Column("eligibility", sa.JSON, nullable=False),
        sa.Column("documents", sa.JSON, nullable=False),
    )
    op.create_table(
        "form_definitions",
        sa.Column("form_id", sa.String(128), primary_key=True),
        sa.Column("version", sa.String(64), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("definition", sa.JSON, nullable=False),
        sa.Column("published_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("state", sa.String, nullable=False, server_default="pending"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.String, nullable=True),
        sa.Column("server_id", sa.String, nullable=True),
        sa.Column("reject_code", sa.String, nullable=True),
        sa.Column("reject_message", sa.String, nullable=True),
        sa.CheckConstraint(
            "state IN ('pending', 'sending', 'accepted', 'rejected')", name="ck_outbox_state"
        ),
    )
    op.create_index("ix_outbox_state", "outbox", ["state", "id"])
    # Full-text search over services. unicode61 with remove_diacritics 2 folds accents on
    # both sides, so "citta" finds "città"; the prefix indexes make search-as-you-type
    # queries ("anz*") index look-ups instead of scans.
    op.execute(
        "CREATE VIRTUAL TABLE services_fts USING fts5("
        "service_id UNINDEXED, title, body, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')"
    )


def downgrade() -> None:
    op.execute("DROP TABLE services_fts")
    for table in (
        "outbox",
        "form_definitions",
        "calls",
        "service_comuni",
        "services",
        "providers",
        "categories",
        "comuni",
    ):
        op.drop_table(table)
