"""Chat changes shared by commands and buttons, each one storage transaction.

Every function takes `session=` so `services.db` runs it atomically: a failure half-way leaves
the chat as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from bot.pipeline.digest import display_topic, normalize_topic
from handlers.keyboards import topic_hash
from storage.channels import managed_channels, target_of
from storage.chats import ensure_chat
from storage.models import Chat
from storage.subscriptions import (
    MAX_TOPICS_PER_CHAT,
    add_subscription,
    count_topics,
    list_topics,
    remove_subscription,
)


@dataclass(frozen=True)
class FollowResult:
    added: list[str]
    already: list[str]
    over_limit: list[str]


@dataclass(frozen=True)
class ChatView:
    """What /topics shows: the chat's settings and topics."""

    topics: list[str]
    digest_time: str
    timezone: str
    paused: bool


def follow(
    *, session: Session, chat_id: int, kind: str, topics: Sequence[str], defaults: tuple[str, str]
) -> FollowResult:
    """Subscribe a chat (registered on the way) to topics, up to the per-chat limit."""
    ensure_chat(
        session=session, chat_id=chat_id, kind=kind, digest_time=defaults[0], timezone=defaults[1]
    )
    room = MAX_TOPICS_PER_CHAT - count_topics(session=session, chat_id=chat_id)
    added: list[str] = []
    already: list[str] = []
    over: list[str] = []
    for topic in topics:
        shown, key = display_topic(topic), normalize_topic(topic)
        if not key:
            continue
        if len(added) >= room:
            over.append(shown)
        elif add_subscription(session=session, chat_id=chat_id, topic=shown, topic_norm=key):
            added.append(shown)
        else:
            already.append(shown)
    return FollowResult(added, already, over)


def unfollow(*, session: Session, chat_id: int, topic: str) -> str | None:
    """Remove one topic by name; returns its shown name, or None when not followed."""
    key = normalize_topic(topic)
    if key and remove_subscription(session=session, chat_id=chat_id, topic_norm=key):
        return display_topic(topic)
    return None


def unfollow_by_hash(*, session: Session, chat_id: int, handle: str) -> str | None:
    """Remove the topic a button's short handle names (see keyboards.topic_hash)."""
    for topic in list_topics(session=session, chat_id=chat_id):
        key = normalize_topic(topic)
        if topic_hash(key) == handle:
            remove_subscription(session=session, chat_id=chat_id, topic_norm=key)
            return topic
    return None


def unfollow_all(*, session: Session, chat_id: int) -> int:
    topics = list_topics(session=session, chat_id=chat_id)
    for topic in topics:
        remove_subscription(session=session, chat_id=chat_id, topic_norm=normalize_topic(topic))
    return len(topics)


def chat_view(*, session: Session, chat_id: int) -> ChatView | None:
    chat = session.get(Chat, chat_id)
    if chat is None:
        return None
    return ChatView(
        topics=list_topics(session=session, chat_id=chat_id),
        digest_time=chat.digest_time,
        timezone=chat.timezone,
        paused=chat.paused,
    )


@dataclass(frozen=True)
class ChannelView:
    """A channel in the /topics list of a user who manages it."""

    title: str | None
    username: str | None
    view: ChatView
    selected: bool


def channel_views(*, session: Session, user_id: int) -> list[ChannelView]:
    """The channels the user set up or is configuring, with their settings."""
    target = target_of(session=session, user_id=user_id)
    out = []
    for chat in managed_channels(session=session, user_id=user_id):
        view = chat_view(session=session, chat_id=chat.id)
        if view is not None:
            selected = target is not None and target.id == chat.id
            out.append(ChannelView(chat.title, chat.username, view, selected))
    return out
