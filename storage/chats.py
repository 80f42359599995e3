"""Chats and their settings (personal data): registration, digest time, timezone, pause, stop."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, literal_column, or_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.models import (
    Article,
    ChannelTarget,
    Chat,
    CollectionRun,
    Delivery,
    MeetingRow,
    Source,
    Subscription,
    utcnow,
)


def get_chat(*, session: Session, chat_id: int) -> Chat | None:
    return session.get(Chat, chat_id)


def ensure_chat(
    *,
    session: Session,
    chat_id: int,
    kind: str,
    title: str | None = None,
    digest_time: str = "08:00",
    timezone: str = "UTC",
    now: datetime | None = None,
) -> tuple[Chat, bool]:
    """The chat's row, created with the defaults on first contact; returns it and whether new.

    A chat that had stopped (or blocked the bot) becomes active again when it writes.
    """
    values = {
        "id": chat_id,
        "kind": kind[:16],
        "title": (title or None) and title[:256],
        "digest_time": digest_time,
        "timezone": timezone,
        "created_at": now or utcnow(),
    }
    # Two updates from a new chat can arrive together: insert-if-absent, never a unique error.
    created = insert_ignore(session, Chat, values, ["id"])
    chat = session.get(Chat, chat_id, populate_existing=True)
    assert chat is not None
    if not chat.active:
        chat.active = True
        session.add(chat)
    return chat, created


def insert_ignore(session: Session, table: Any, values: dict[str, Any], keys: list[str]) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL; True when a row was added."""
    dialect = session.get_bind().dialect.name
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    statement: Any = (
        insert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=keys)
        .returning(literal_column("1"))
    )
    return session.execute(statement).first() is not None


def update_chat(
    *,
    session: Session,
    chat_id: int,
    digest_time: str | None = None,
    timezone: str | None = None,
    paused: bool | None = None,
) -> Chat | None:
    """Change the given settings of an existing chat; None when the chat is unknown."""
    chat = session.get(Chat, chat_id)
    if chat is None:
        return None
    if digest_time is not None:
        chat.digest_time = digest_time
    if timezone is not None:
        chat.timezone = timezone
    if paused is not None:
        chat.paused = paused
    session.add(chat)
    return chat


def delete_chat(*, session: Session, chat_id: int) -> bool:
    """Remove a chat's personal data (settings, topics, delivery records); news data stays."""
    session.execute(delete(Subscription).where(col(Subscription.chat_id) == chat_id))
    session.execute(delete(Delivery).where(col(Delivery.chat_id) == chat_id))
    # A channel's selection by its admins, and (for a private chat) the user's own selection.
    targets = (col(ChannelTarget.chat_id) == chat_id) | (col(ChannelTarget.user_id) == chat_id)
    session.execute(delete(ChannelTarget).where(targets))
    result = session.execute(delete(Chat).where(col(Chat.id) == chat_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Stats:
    """The numbers /stats shows an admin."""

    chats: int
    active_subscribers: int
    topics: int
    articles_today: int
    meetings_today: int
    last_run_at: datetime | None
    last_run_summary: dict[str, object]
    failing_sources: list[tuple[int, str, int]]


def _count(session: Session, query: object) -> int:
    return int(session.exec(query).one())  # type: ignore[call-overload]


def bot_stats(*, session: Session, since: datetime) -> Stats:
    """Counts for /stats; `since` is the start of today (UTC)."""
    active = select(func.count()).select_from(Chat).where(col(Chat.active), ~col(Chat.paused))
    run = session.exec(select(CollectionRun).order_by(col(CollectionRun.id).desc())).first()
    failing = session.exec(
        select(Source.id, Source.url, Source.consecutive_failures)
        .where(or_(col(Source.consecutive_failures) > 0, ~col(Source.enabled)))
        .order_by(col(Source.consecutive_failures).desc())
        .limit(10)
    ).all()
    return Stats(
        chats=_count(session, select(func.count()).select_from(Chat)),
        active_subscribers=_count(session, active),
        topics=_count(session, select(func.count(func.distinct(Subscription.topic_norm)))),
        articles_today=_count(
            session, select(func.count()).select_from(Article).where(Article.fetched >= since)
        ),
        meetings_today=_count(
            session,
            select(func.count()).select_from(MeetingRow).where(MeetingRow.first_seen >= since),
        ),
        last_run_at=(run.finished_at or run.started_at) if run else None,
        last_run_summary=dict(run.summary) if run else {},
        failing_sources=[(int(i or 0), str(u), int(f)) for i, u, f in failing],
    )
