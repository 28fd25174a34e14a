# SPDX-License-Identifier: EUPL-1.2
"""Print jobs may end "failed" (the slip could not be drawn for the printer), and a
manager may mark a slip to check as dealt with ("uncertain_done", "expired_done",
"failed_done": what it was stays known, so a later copy is numbered right).

Revision ID: 0012
Revises: 0011
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

BEFORE = ("pending", "sending", "printed", "uncertain", "expired", "cancelled")
AFTER = (*BEFORE, "failed", "uncertain_done", "expired_done", "failed_done")


def _states(states: tuple[str, ...]) -> str:
    return "state IN (" + ", ".join(f"'{s}'" for s in states) + ")"


def upgrade() -> None:
    with op.batch_alter_table("print_jobs", recreate="always") as table:
        table.drop_constraint("ck_print_jobs_state", type_="check")
        table.create_check_constraint("ck_print_jobs_state", _states(AFTER))


def downgrade() -> None:
    op.execute(
        "UPDATE print_jobs SET state = 'cancelled' WHERE state NOT IN ("
        + ", ".join(f"'{s}'" for s in BEFORE)
        + ")"
    )
    with op.batch_alter_table("print_jobs", recreate="always") as table:
        table.drop_constraint("ck_print_jobs_state", type_="check")
        table.create_check_constraint("ck_print_jobs_state", _states(BEFORE))
