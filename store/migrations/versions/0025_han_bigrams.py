# SPDX-License-Identifier: EUPL-1.2
"""Search rows hold Chinese as the pairs of characters of its runs (``stemming.han_text``),
so a word inside a title ("上门" in "专业保姆上门") is found, not only the run's start.

Only the rows holding Han characters are written again: the others are as they were.
Going back writes those rows' text as it was before, gathered in SQL as 0011 did (their
stems did not change).

Revision ID: 0025
Revises: 0024
"""

import orjson
from alembic import op
from sqlalchemy import Connection

from store import search_rows, stemming

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def _rows_with_han(connection: Connection) -> list[tuple[int, str]]:
    """The rowid and service id of each search row whose text has Han characters."""
    rows = connection.exec_driver_sql("SELECT rowid, service_id, title, body FROM services_fts")
    return [
        (rowid, service)
        for rowid, service, title, body in rows
        if stemming.HAN.search(title) or stemming.HAN.search(body)
    ]


def upgrade() -> None:
    connection = op.get_bind()
    rows = _rows_with_han(connection)
    if rows:
        search_rows.reindex(connection, "id", [service for _, service in rows])


def downgrade() -> None:
    connection = op.get_bind()
    rows = _rows_with_han(connection)
    if not rows:
        return
    connection.exec_driver_sql(
        "CREATE TEMP TABLE han_rows AS SELECT rowid AS row, stems FROM services_fts"
        " WHERE rowid IN (SELECT value FROM json_each(?))",
        (orjson.dumps([rowid for rowid, _ in rows]).decode(),),
    )
    connection.exec_driver_sql(
        "DELETE FROM services_fts WHERE rowid IN (SELECT row FROM temp.han_rows)"
    )
    connection.exec_driver_sql(
        "INSERT INTO services_fts (rowid, service_id, title, body, stems)"
        " SELECT s.rowid, s.id, (SELECT group_concat(value, ' ') FROM json_each(s.title)),"
        " coalesce((SELECT group_concat(value, ' ') FROM json_each(s.description)), '')"
        " || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(s.keywords)), '')"
        " || ' ' || p.name"
        " || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(c.label)), ''),"
        " h.stems"
        " FROM services AS s JOIN providers AS p ON p.id = s.provider_id"
        " JOIN categories AS c ON c.id = s.category_id"
        " JOIN temp.han_rows AS h ON h.row = s.rowid"
    )
    connection.exec_driver_sql("DROP TABLE temp.han_rows")
    connection.exec_driver_sql("UPDATE search_state SET generation = generation + 1")
