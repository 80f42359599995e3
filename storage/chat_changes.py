"""What happens to a chat from Telegram's side: it blocked the bot, or became a supergroup.

Both are discovered while sending a digest, so the dispatcher calls these; /stop has its own
deletion in storage/chats.py.
"""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from storage.deliveries import FAILED, PENDING, SENDING
from storage.models import Chat, Delivery, Subscription


def deactivate_chat(*, session: Session, chat_id: int, reason: str) -> None:
    """The chat blocked or removed the bot: stop its deliveries and drop its personal data."""
    session.execute(
        update(Chat).where(col(Chat.id) == chat_id).values(active=False, title=None, paused=False)
    )
    session.execute(delete(Subscription).where(col(Subscription.chat_id) == chat_id))
    session.execute(
        update(Delivery)
        .where(col(Delivery.chat_id) == chat_id, col(Delivery.status).in_([PENDING, SENDING]))
        .values(status=FAILED, last_error=reason[:500])
    )


def move_chat(*, session: Session, old_id: int, new_id: int) -> None:
    """A group became a supergroup: carry its settings, topics and outbox over to the new id."""
    old = session.get(Chat, old_id)
    if old is None:
        return
    if session.get(Chat, new_id) is None:
        fields = old.model_dump(exclude={"id"})
        session.add(Chat(id=new_id, **{**fields, "kind": "supergroup"}))
        session.flush()
    taken_topics = select(col(Subscription.topic_norm)).where(col(Subscription.chat_id) == new_id)
    session.execute(
        update(Subscription)
        .where(col(Subscription.chat_id) == old_id)
        .where(col(Subscription.topic_norm).not_in(taken_topics.scalar_subquery()))
        .values(chat_id=new_id)
    )
    taken_days = select(col(Delivery.digest_day)).where(col(Delivery.chat_id) == new_id)
    session.execute(
        update(Delivery)
        .where(col(Delivery.chat_id) == old_id)
        .where(col(Delivery.digest_day).not_in(taken_days.scalar_subquery()))
        .values(chat_id=new_id)
    )
    session.delete(old)
