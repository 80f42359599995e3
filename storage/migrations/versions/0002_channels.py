"""channels: chats.username and chats.managed_by, and channel_targets (issue 15)

Revision ID: 0002_channels
Revises: 0002
Create Date: 2026-12-03 17:06:41.800489
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_channels"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "channel_targets",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["chat_id"], ["chats.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id"),
    )
    with op.batch_alter_table("channel_targets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_channel_targets_chat_id"), ["chat_id"], unique=False)

    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("username", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("managed_by", sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f("ix_chats_managed_by"), ["managed_by"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chats_managed_by"))
        batch_op.drop_column("managed_by")
        batch_op.drop_column("username")

    with op.batch_alter_table("channel_targets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_channel_targets_chat_id"))

    op.drop_table("channel_targets")
