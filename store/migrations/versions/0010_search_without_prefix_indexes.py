# SPDX-License-Identifier: EUPL-1.2
"""Search rows without FTS5 prefix indexes; rebuilt from the mirror.

The prefix indexes ('2 3 4') made every indexed word cost four index entries: 40% of
the time to index a 10,000-service catalog, for a search that answers as fast without
them (p95 22.5 ms with, 24.8 ms without, same benchmark and machine; FTS5 finds the
words of a prefix by a range of its term index). Accents are still folded.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

REBUILD = """
INSERT INTO services_fts (rowid, service_id, title, body)
SELECT s.rowid, s.id,
       (SELECT group_concat(value, ' ') FROM json_each(s.title)),
       coalesce((SELECT group_concat(value, ' ') FROM json_each(s.description)), '')
           || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(s.keywords)), '')
           || ' ' || p.name
           || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(c.label)), '')
FROM services AS s
JOIN providers AS p ON p.id = s.provider_id
JOIN categories AS c ON c.id = s.category_id
"""


def _recreate(options: str) -> None:
    op.execute("DROP TABLE services_fts")
    op.execute(
        "CREATE VIRTUAL TABLE services_fts USING fts5("
        f"service_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2'{options})"
    )
    op.execute(REBUILD)


def upgrade() -> None:
    _recreate("")


def downgrade() -> None:
    _recreate(", prefix = '2 3 4'")
