# SPDX-License-Identifier: EUPL-1.2
"""Search rows share their service's rowid (fast replacement); rebuild them so.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM services_fts")
    op.execute(
        """
        INSERT INTO services_fts (rowid, service_id, title, body)
        SELECT s.rowid, s.id,
               (SELECT group_concat(value, ' ') FROM json_each(s.title)),
               coalesce((SELECT group_concat(value, ' ') FROM json_each(s.description)), '')
                   || ' '
                   || coalesce((SELECT group_concat(value, ' ') FROM json_each(s.keywords)), '')
                   || ' ' || p.name
                   || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(c.label)), '')
        FROM services AS s
        JOIN providers AS p ON p.id = s.provider_id
        JOIN categories AS c ON c.id = s.category_id
        """
    )


def downgrade() -> None:
    pass  # the rows stay valid for the older code, which finds them by service_id
