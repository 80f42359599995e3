"""The topics each chat follows (personal data); a chat without topics gets everything."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.chats import insert_ignore
from storage.models import Subscription, utcnow

MAX_TOPICS_PER_CHAT = 50


def list_topics(*, session: Session, chat_id: int) -> list[str]:
    """The chat's topics as the user named them, oldest first."""
    query = (
        select(Subscription.topic)
        .where(Subscription.chat_id == chat_id)
        .order_by(col(Subscription.id))
    )
    return list(session.exec(query).all())


def count_topics(*, session: Session, chat_id: int) -> int:
    query = select(func.count()).select_from(Subscription).where(Subscription.chat_id == chat_id)
    return int(session.exec(query).one())


def add_subscription(*, session: Session, chat_id: int, topic: str, topic_norm: str) -> bool:
    """Follow a topic; False when the chat already follows it (same normalised key)."""
    values = {
        "chat_id": chat_id,
        "topic": topic[:128],
        "topic_norm": topic_norm[:128],
        "created_at": utcnow(),
    }
    return insert_ignore(session, Subscription, values, ["chat_id", "topic_norm"])


def remove_subscription(*, session: Session, chat_id: int, topic_norm: str) -> bool:
    """Stop following a topic; False when the chat did not follow it."""
    row = session.exec(
        select(Subscription).where(
            Subscription.chat_id == chat_id, Subscription.topic_norm == topic_norm
        )
    ).first()
    if row is None:
        return False
    session.delete(row)
    return True
