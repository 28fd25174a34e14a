# SPDX-License-Identifier: EUPL-1.2
"""Search rows gain the stems of their words; the index's words get a change counter.

``stems`` holds the distinct Snowball stems of a service's words, so "pasti" finds
"Pasto" and "meals" finds "meal". ``services_fts_words`` lists the index's words (for
typo correction), and ``search_state.generation`` moves on each change of the rows, so
the kiosk reads that list again only when it changed.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

from store import search_rows

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP TABLE services_fts")
    op.execute(
        "CREATE VIRTUAL TABLE services_fts USING fts5("
        "service_id UNINDEXED, title, body, stems,"
        " tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute("CREATE VIRTUAL TABLE services_fts_words USING fts5vocab(services_fts, 'col')")
    op.execute("CREATE TABLE search_state (generation INTEGER NOT NULL)")
    op.execute("INSERT INTO search_state (generation) VALUES (0)")
    search_rows.rebuild(op.get_bind())


def downgrade() -> None:
    op.execute("DROP TABLE search_state")
    op.execute("DROP TABLE services_fts_words")
    op.execute("DROP TABLE services_fts")
    op.execute(
        "CREATE VIRTUAL TABLE services_fts USING fts5("
        "service_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute(
        "INSERT INTO services_fts (rowid, service_id, title, body)"
        " SELECT s.rowid, s.id, (SELECT group_concat(value, ' ') FROM json_each(s.title)),"
        " coalesce((SELECT group_concat(value, ' ') FROM json_each(s.description)), '')"
        " || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(s.keywords)), '')"
        " || ' ' || p.name"
        " || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(c.label)), '')"
        " FROM services AS s JOIN providers AS p ON p.id = s.provider_id"
        " JOIN categories AS c ON c.id = s.category_id"
    )
