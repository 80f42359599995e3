from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import select

from storage import deliveries as dl
from storage.engine import session_scope
from storage.models import Chat, Delivery, Subscription

NOW = datetime(2022, 1, 7, 8, 0, tzinfo=UTC)
DAY = date(2022, 1, 7)


def add_chats(engine: Engine, *ids: int, **kw: object) -> None:
    with session_scope(engine) as s:
        for chat_id in ids:
            s.add(Chat(id=chat_id, **kw))  # type: ignore[arg-type]


def test_deactivate_and_move_chat(engine: Engine) -> None:
    add_chats(engine, 1, 2, kind="group", title="Team")
    with session_scope(engine) as s:
        s.add(Subscription(chat_id=1, topic="NATO", topic_norm="nato"))
        s.add(Subscription(chat_id=2, topic="Russia", topic_norm="russia"))
        dl.create_deliveries(session=s, keys=[(1, DAY), (2, DAY)], now=NOW)
    with session_scope(engine) as s:
        dl.deactivate_chat(session=s, chat_id=1, reason="Forbidden: bot was blocked by the user")
        dl.move_chat(session=s, old_id=2, new_id=-1002)
    with session_scope(engine) as s:
        blocked = s.get(Chat, 1)
        assert blocked is not None and not blocked.active and blocked.title is None
        assert s.get(Chat, 2) is None
        moved = s.get(Chat, -1002)
        assert moved is not None and moved.kind == "supergroup" and moved.title == "Team"
        subs = s.exec(select(Subscription.chat_id, Subscription.topic)).all()
        assert list(subs) == [(-1002, "Russia")]
        status = dict(s.exec(select(Delivery.chat_id, Delivery.status)).all())
        assert status == {1: dl.FAILED, -1002: dl.PENDING}


def test_moving_onto_an_existing_chat_keeps_the_new_chats_rows(engine: Engine) -> None:
    add_chats(engine, 2, -1002, kind="group")
    with session_scope(engine) as s:
        s.add(Subscription(chat_id=2, topic="Russia", topic_norm="russia"))
        s.add(Subscription(chat_id=2, topic="NATO", topic_norm="nato"))
        s.add(Subscription(chat_id=-1002, topic="NATO", topic_norm="nato"))
        dl.create_deliveries(session=s, keys=[(2, DAY), (-1002, DAY)], now=NOW)
    with session_scope(engine) as s:
        dl.move_chat(session=s, old_id=2, new_id=-1002)
    with session_scope(engine) as s:
        topics = sorted(s.exec(select(Subscription.topic_norm)).all())
        days = s.exec(select(Delivery.chat_id)).all()
    assert topics == ["nato", "russia"] and list(days) == [-1002]
