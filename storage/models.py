"""Table models.

Changing one means regenerating the migration (`python -m storage.migrations.regen` before the
first release, a new Alembic revision after it); a test holds models and migrations equal.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both databases (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _ts(*, nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _created() -> Any:
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


def _fk(target: str, *, nullable: bool = False, index: bool = True, big: bool = False) -> Any:
    kind = BigInteger if big else Integer
    return Field(
        sa_column=Column(
            kind, ForeignKey(target, ondelete="CASCADE"), nullable=nullable, index=index
        )
    )


class Chat(SQLModel, table=True):
    """A private chat, group or channel that gets digests; its settings are personal data.

    A channel cannot send commands: an administrator sets it up from a private chat, and
    `managed_by` is that user, told when the bot loses the channel.
    """

    __tablename__ = "chats"

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    kind: str = Field(default="private", max_length=16)
    title: str | None = Field(default=None, max_length=256)
    timezone: str = Field(default="UTC", max_length=64)
    digest_time: str = Field(default="08:00", max_length=5)
    paused: bool = False
    active: bool = True
    send_empty: bool = True
    created_at: datetime = _created()
    last_digest_at: datetime | None = _ts()
    username: str | None = Field(default=None, max_length=32)
    managed_by: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))


class ChannelTarget(SQLModel, table=True):
    """The channel a user's private-chat settings commands change (`/channel @name`)."""

    __tablename__ = "channel_targets"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    chat_id: int = _fk("chats.id", big=True)
    created_at: datetime = _created()


class Subscription(SQLModel, table=True):
    """A topic a chat follows; a chat without any gets everything."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("chat_id", "topic_norm", name="uq_subscription_topic"),)

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = _fk("chats.id", big=True)
    topic: str = Field(max_length=128)
    topic_norm: str = Field(max_length=128)
    created_at: datetime = _created()


class Source(SQLModel, table=True):
    """A feed that is polled; its polling state lives here so restarts resume the backoff."""

    __tablename__ = "sources"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_column=Column(Text, unique=True, nullable=False))
    title: str | None = Field(default=None, max_length=512)
    etag: str | None = Field(default=None, max_length=512)
    last_modified: str | None = Field(default=None, max_length=128)
    last_polled: datetime | None = _ts()
    next_poll_at: datetime | None = _ts(index=True)
    new_items_last: int = 0
    consecutive_failures: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    enabled: bool = True
    disabled_notified: bool = False
    # The worker polling it now; its lease is next_poll_at, pushed ahead when it was claimed.
    claimed_by: str | None = Field(default=None, max_length=128)
    created_at: datetime = _created()


class Article(SQLModel, table=True):
    """A stored article, once per canonical URL (and per content hash across feeds)."""

    __tablename__ = "articles"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_column=Column(Text, unique=True, nullable=False))
    guid: str | None = Field(default=None, sa_column=Column(Text, index=True))
    source_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("sources.id", ondelete="SET NULL"), index=True),
    )
    title: str = Field(sa_column=Column(Text, nullable=False))
    published: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    fetched: datetime = _created()
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    summary_only: bool = False
    content_hash: str = Field(max_length=64, index=True)
    relevant: bool = False
    extracted: bool = False
    # The worker extracting it now, and since when (a lease: a dead worker's claim runs out).
    claimed_by: str | None = Field(default=None, max_length=128)
    claimed_at: datetime | None = _ts()


class ArticleSource(SQLModel, table=True):
    """Every feed that carried an article: the same wire story from two feeds is stored once."""

    __tablename__ = "article_sources"

    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    )
    source_id: int = Field(
        sa_column=Column(Integer, ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True)
    )


class StatementRow(SQLModel, table=True):
    """Who said what, as extracted from one article."""

    __tablename__ = "statements"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = _fk("articles.id")
    speaker: str = Field(max_length=256, index=True)
    speaker_type: str = Field(default="person", max_length=16)
    role: str | None = Field(default=None, max_length=256)
    affiliation: str | None = Field(default=None, max_length=256)
    kind: str = Field(max_length=16)
    text: str = Field(sa_column=Column(Text, nullable=False))
    cue_verb: str = Field(default="said", max_length=64)
    audience: str | None = Field(default=None, max_length=256)
    evidence: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = _created()


class MeetingRow(SQLModel, table=True):
    """A diplomatic event, stored once however many articles report it."""

    __tablename__ = "meetings"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=512, index=True)
    title: str = Field(max_length=512)
    kind: str = Field(max_length=16)
    participants: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    place: str | None = Field(default=None, max_length=256)
    start: date | None = Field(default=None, index=True)
    end: date | None = None
    date_text: str = Field(default="", max_length=256)
    # "day", or "week"/"month" when start..end only bound the week or month the text names.
    precision: str = Field(default="day", max_length=8)
    status: str = Field(default="upcoming", max_length=16)
    evidence: str = Field(sa_column=Column(Text, nullable=False))
    first_seen: datetime = _created()
    updated_at: datetime = _created()


class MeetingArticle(SQLModel, table=True):
    """Which articles reported a meeting (for source links and "3 sources")."""

    __tablename__ = "meeting_articles"

    meeting_id: int = Field(
        sa_column=Column(Integer, ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    )
    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    )


class Delivery(SQLModel, table=True):
    """The outbox row of one chat's digest for one local day: the unique key makes it once."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("chat_id", "digest_day", name="uq_delivery_day"),)

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = _fk("chats.id", big=True)
    digest_day: date
    status: str = Field(default="pending", max_length=16, index=True)
    attempts: int = 0
    claimed_by: str | None = Field(default=None, max_length=128)
    claimed_at: datetime | None = _ts()
    sent_at: datetime | None = _ts()
    message_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The rendered messages, saved before the first send so a resumed delivery sends the same text.
    chunks: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = _created()


class CollectionRun(SQLModel, table=True):
    """One collection pass and its summary, for /stats and `diplobot sources list`."""

    __tablename__ = "collection_runs"

    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = _created()
    finished_at: datetime | None = _ts()
    summary: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class WorkerBeat(SQLModel, table=True):
    """A process that does shared work, and when it last said it was alive (`diplobot stats`)."""

    __tablename__ = "workers"

    name: str = Field(primary_key=True, max_length=128)
    role: str = Field(max_length=16)
    started_at: datetime = _created()
    seen_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
