"""meetings: how precise a meeting's date is (day, week or month)

A meeting announced for "next week" or "later this month" keeps start..end as the bounds of that
week or month; without this column a reader would see it as a day. Existing rows are days.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(
            sa.Column("precision", sa.String(length=8), nullable=False, server_default="day")
        )


def downgrade() -> None:
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("precision")
