"""Channels as subscribers: set up from an administrator's private chat, forgotten when lost.

A channel is a `chats` row of kind "channel" whose `managed_by` is the user who set it up. A
user's private-chat settings commands change the channel named by their `channel_targets` row
(one per user), so /time or /subscribe there change the channel until `/channel off`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from storage.chats import delete_chat, ensure_chat, insert_ignore
from storage.models import ChannelTarget, Chat, utcnow

CHANNEL = "channel"


@dataclass(frozen=True)
class LostChat:
    """A chat whose data was deleted because the bot lost it, and whom to tell."""

    chat_id: int
    kind: str
    title: str | None
    username: str | None
    managed_by: int | None


def set_up_channel(
    *,
    session: Session,
    chat_id: int,
    title: str | None,
    username: str | None,
    user_id: int,
    defaults: tuple[str, str],
    now: datetime | None = None,
) -> tuple[Chat, bool]:
    """Register the channel (first setter-up manages it) and make it the user's target."""
    chat, created = ensure_chat(
        session=session,
        chat_id=chat_id,
        kind=CHANNEL,
        title=title,
        digest_time=defaults[0],
        timezone=defaults[1],
        now=now,
    )
    chat.title = (title or None) and title[:256]
    chat.username = (username or None) and username[:32]
    if chat.managed_by is None:
        chat.managed_by = user_id
    session.add(chat)
    select_target(session=session, user_id=user_id, chat_id=chat_id)
    return chat, created


def select_target(*, session: Session, user_id: int, chat_id: int | None) -> None:
    """Point the user's settings commands at a channel, or back at their own chat (None)."""
    session.execute(delete(ChannelTarget).where(col(ChannelTarget.user_id) == user_id))
    if chat_id is not None:
        values = {"user_id": user_id, "chat_id": chat_id, "created_at": utcnow()}
        insert_ignore(session, ChannelTarget, values, ["user_id"])


def target_of(*, session: Session, user_id: int) -> Chat | None:
    """The channel the user is configuring, if any."""
    return session.exec(
        select(Chat)
        .join(ChannelTarget, col(ChannelTarget.chat_id) == col(Chat.id))
        .where(col(ChannelTarget.user_id) == user_id)
    ).first()


def managed_channels(*, session: Session, user_id: int) -> list[Chat]:
    """The channels this user set up, and the one they are configuring, by title."""
    targeted = select(ChannelTarget.chat_id).where(col(ChannelTarget.user_id) == user_id)
    rows = session.exec(
        select(Chat).where(
            col(Chat.kind) == CHANNEL,
            (col(Chat.managed_by) == user_id) | col(Chat.id).in_(targeted.scalar_subquery()),
        )
    ).all()
    return sorted(rows, key=lambda c: ((c.title or "").casefold(), c.id))


def forget_lost_chat(*, session: Session, chat_id: int) -> LostChat | None:
    """The bot was blocked, removed or lost its posting right: delete the chat's data.

    Returns what was deleted (None when it was already gone), so whoever deleted it, and only
    they, tells the channel's administrator: the notice goes out once however the loss is seen.
    """
    chat = session.get(Chat, chat_id)
    if chat is None:
        return None
    lost = LostChat(chat.id, chat.kind, chat.title, chat.username, chat.managed_by)
    return lost if delete_chat(session=session, chat_id=chat_id) else None
