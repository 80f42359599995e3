from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from storage import deliveries as dl
from storage.chats import ensure_chat
from storage.engine import session_scope
from storage.models import (
    Article,
    Chat,
    Delivery,
    MeetingArticle,
    MeetingRow,
    Source,
    StatementRow,
    Subscription,
)
from tests.digest_news import add_statement

NOW = datetime(2022, 1, 7, 8, 0, tzinfo=UTC)
DAY = date(2022, 1, 7)


def add_chats(engine: Engine, *ids: int, **kw: object) -> None:
    with session_scope(engine) as s:
        for chat_id in ids:
            s.add(Chat(id=chat_id, **kw))  # type: ignore[arg-type]


def counts(engine: Engine) -> dict[str, int]:
    with session_scope(engine) as s:
        return {
            table.__name__: int(s.exec(select(func.count()).select_from(table)).one())
            for table in (Article, StatementRow, MeetingRow, MeetingArticle, Source)
        }


def add_news(engine: Engine) -> None:
    with session_scope(engine) as s:
        add_statement(s, now=NOW)
        s.add(Source(url="https://tass.com/rss"))
        meeting = MeetingRow(
            key="nato-russia council",
            title="NATO–Russia Council",
            kind="council",
            start=DAY,
            evidence="The NATO–Russia Council will meet on Wednesday.",
            updated_at=NOW,
            first_seen=NOW,
        )
        s.add(meeting)
        s.flush()
        article_id = s.exec(select(Article.id)).first()
        s.add(MeetingArticle(meeting_id=int(meeting.id or 0), article_id=int(article_id or 0)))


def test_a_blocked_chat_loses_its_personal_data_and_the_news_stays(engine: Engine) -> None:
    add_chats(engine, 1, kind="private", timezone="Europe/Berlin", digest_time="06:45")
    add_chats(engine, 3, kind="private")
    add_news(engine)
    with session_scope(engine) as s:
        dl.create_deliveries(session=s, keys=[(1, DAY - timedelta(days=1))], now=NOW)
    with session_scope(engine) as s:
        chat = s.get(Chat, 1)
        assert chat is not None
        chat.send_empty, chat.last_digest_at = False, NOW
        s.add(Subscription(chat_id=1, topic="NATO", topic_norm="nato"))
        s.add(Subscription(chat_id=3, topic="NATO", topic_norm="nato"))
        dl.create_deliveries(session=s, keys=[(1, DAY), (3, DAY)], now=NOW)
    news = counts(engine)
    assert all(news.values())

    with session_scope(engine) as s:
        assert dl.forget_blocked_chat(session=s, chat_id=1)

    with session_scope(engine) as s:
        assert s.get(Chat, 1) is None
        assert list(s.exec(select(Subscription.chat_id)).all()) == [3]
        assert list(s.exec(select(Delivery.chat_id)).all()) == [3]
        assert dl.chat_clocks(session=s, since_day=DAY - timedelta(days=2))[0].chat_id == 3
    assert counts(engine) == news
    # Coming back later is a fresh start with the defaults, not yesterday's settings.
    with session_scope(engine) as s:
        chat, created = ensure_chat(session=s, chat_id=1, kind="private")
        assert created and chat.active
        assert (chat.timezone, chat.digest_time, chat.send_empty) == ("UTC", "08:00", True)
        assert chat.last_digest_at is None


def test_move_chat(engine: Engine) -> None:
    add_chats(engine, 2, kind="group", title="Team")
    with session_scope(engine) as s:
        s.add(Subscription(chat_id=2, topic="Russia", topic_norm="russia"))
        dl.create_deliveries(session=s, keys=[(2, DAY)], now=NOW)
    with session_scope(engine) as s:
        dl.move_chat(session=s, old_id=2, new_id=-1002)
    with session_scope(engine) as s:
        assert s.get(Chat, 2) is None
        moved = s.get(Chat, -1002)
        assert moved is not None and moved.kind == "supergroup" and moved.title == "Team"
        subs = s.exec(select(Subscription.chat_id, Subscription.topic)).all()
        assert list(subs) == [(-1002, "Russia")]
        status = dict(s.exec(select(Delivery.chat_id, Delivery.status)).all())
        assert status == {-1002: dl.PENDING}


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
