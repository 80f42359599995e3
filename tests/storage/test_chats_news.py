"""Chats, subscriptions and the news read queries, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.chats import bot_stats, delete_chat, ensure_chat, get_chat, update_chat
from storage.engine import session_scope
from storage.models import (
    Article,
    Delivery,
    MeetingArticle,
    MeetingRow,
    Source,
    StatementRow,
    Subscription,
)
from storage.news import recent_names, statements_by, upcoming_meetings
from storage.subscriptions import (
    add_subscription,
    count_topics,
    list_topics,
    remove_subscription,
)

NOW = datetime(2022, 1, 7, 9, 0, tzinfo=UTC)


def _article(session: Session, n: int, published: datetime) -> int:
    article = Article(
        url=f"https://wire.example/{n}",
        title=f"Story {n}",
        published=published,
        text="",
        content_hash=f"h{n}",
    )
    session.add(article)
    session.flush()
    assert article.id is not None
    return article.id


def _meeting(
    session: Session,
    title: str,
    start: date | None,
    end: date | None = None,
    *,
    place: str | None = None,
    status: str = "upcoming",
) -> int:
    row = MeetingRow(
        key=title.lower(),
        title=title,
        kind="talks",
        start=start,
        end=end,
        place=place,
        status=status,
        evidence=title,
        updated_at=NOW,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def test_chat_lifecycle_and_deletion_keeps_news(engine: Engine) -> None:
    with session_scope(engine) as s:
        chat, created = ensure_chat(session=s, chat_id=-1001, kind="supergroup", title="G")
        assert created and chat.digest_time == "08:00"
        assert ensure_chat(session=s, chat_id=-1001, kind="supergroup")[1] is False
        assert add_subscription(session=s, chat_id=-1001, topic="Russia", topic_norm="russia")
        assert not add_subscription(session=s, chat_id=-1001, topic="Russian", topic_norm="russia")
        add_subscription(session=s, chat_id=-1001, topic="NATO", topic_norm="nato")
        s.add(Delivery(chat_id=-1001, digest_day=date(2022, 1, 7)))
        _article(s, 1, NOW)
    with session_scope(engine) as s:
        assert list_topics(session=s, chat_id=-1001) == ["Russia", "NATO"]
        assert count_topics(session=s, chat_id=-1001) == 2
        assert remove_subscription(session=s, chat_id=-1001, topic_norm="nato")
        assert not remove_subscription(session=s, chat_id=-1001, topic_norm="nato")
        row = update_chat(
            session=s, chat_id=-1001, digest_time="07:30", timezone="Etc/GMT-3", paused=True
        )
        assert row is not None and (row.digest_time, row.paused) == ("07:30", True)
        assert update_chat(session=s, chat_id=5, paused=True) is None
    with session_scope(engine) as s:
        assert delete_chat(session=s, chat_id=-1001)
    with session_scope(engine) as s:
        assert get_chat(session=s, chat_id=-1001) is None
        assert s.exec(select(Subscription)).all() == []
        assert s.exec(select(Delivery)).all() == []
        assert len(s.exec(select(Article)).all()) == 1  # shared news data stays


def test_upcoming_meetings_window_order_and_links(engine: Engine) -> None:
    with session_scope(engine) as s:
        a1, a2 = _article(s, 1, NOW - timedelta(days=1)), _article(s, 2, NOW)
        geneva = _meeting(s, "Geneva talks", date(2022, 1, 9), date(2022, 1, 10), place="Geneva")
        council = _meeting(s, "NATO-Russia Council", date(2022, 1, 12))
        _meeting(s, "Old summit", date(2021, 12, 1))
        _meeting(s, "Far summit", date(2022, 3, 1))
        _meeting(s, "Kyiv visit", None)
        _meeting(s, "Past talks", date(2022, 1, 8), status="past")
        ongoing = _meeting(s, "Ongoing conference", date(2022, 1, 5), date(2022, 1, 8))
        for meeting, article in ((geneva, a1), (geneva, a2), (council, a2)):
            s.add(MeetingArticle(meeting_id=meeting, article_id=article))
        assert ongoing
    with session_scope(engine) as s:
        found = upcoming_meetings(
            session=s,
            start=date(2022, 1, 7),
            end=date(2022, 1, 21),
            undated_since=NOW - timedelta(days=14),
        )
    assert [m.title for m in found] == [
        "Ongoing conference",
        "Geneva talks",
        "NATO-Russia Council",
        "Kyiv visit",
    ]
    geneva_view = found[1]
    assert geneva_view.sources == 2
    assert geneva_view.links == ("https://wire.example/2", "https://wire.example/1")
    assert geneva_view.place == "Geneva"


def test_statements_by_full_or_last_name_within_window(engine: Engine) -> None:
    with session_scope(engine) as s:
        recent, old = (
            _article(s, 1, NOW - timedelta(days=1)),
            _article(s, 2, NOW - timedelta(days=9)),
        )
        for article, speaker, text in (
            (recent, "Sergei Lavrov", "answers are needed in weeks"),
            (old, "Sergei Lavrov", "an old remark"),
            (recent, "Lavrova Ivanova", "not him"),
            (recent, "Kremlin", "no comment"),
            (recent, "100%_odd", "escaping"),
        ):
            s.add(
                StatementRow(
                    article_id=article, speaker=speaker, kind="direct", text=text, evidence=text
                )
            )
    with session_scope(engine) as s:
        since = NOW - timedelta(days=7)
        lavrov = statements_by(session=s, name="lavrov", since=since)
        assert [(v.speaker, v.text, v.url) for v in lavrov] == [
            ("Sergei Lavrov", "answers are needed in weeks", "https://wire.example/1")
        ]
        assert len(statements_by(session=s, name="Sergei  Lavrov", since=since)) == 1
        assert [v.text for v in statements_by(session=s, name="KREMLIN", since=since)] == [
            "no comment"
        ]
        assert statements_by(session=s, name="%", since=since) == []
        assert statements_by(session=s, name="", since=since) == []
        names = dict(recent_names(session=s, since=since))
        assert names["Sergei Lavrov"] == 1 and "an old remark" not in names


def test_stats_counts(engine: Engine) -> None:
    with session_scope(engine) as s:
        ensure_chat(session=s, chat_id=1, kind="private")
        ensure_chat(session=s, chat_id=2, kind="private")
        update_chat(session=s, chat_id=2, paused=True)
        add_subscription(session=s, chat_id=1, topic="Russia", topic_norm="russia")
        add_subscription(session=s, chat_id=2, topic="Russia", topic_norm="russia")
        s.add(Source(url="https://bad.example/rss", consecutive_failures=3))
        s.add(Source(url="https://ok.example/rss"))
    with session_scope(engine) as s:
        stats = bot_stats(session=s, since=NOW - timedelta(days=3650))
    assert (stats.chats, stats.active_subscribers, stats.topics) == (2, 1, 1)
    assert [url for _id, url, _n in stats.failing_sources] == ["https://bad.example/rss"]
    assert stats.last_run_at is None


def test_simultaneous_first_contacts_do_not_collide(engine: Engine) -> None:
    """Several updates from a new chat at once: one chat row, one subscription, no errors."""
    start = threading.Barrier(6)

    def first_contact() -> bool:
        start.wait()
        with session_scope(engine) as s:
            ensure_chat(session=s, chat_id=77, kind="private")
            return add_subscription(session=s, chat_id=77, topic="NATO", topic_norm="nato")

    with ThreadPoolExecutor(max_workers=6) as pool:
        added = list(pool.map(lambda _: first_contact(), range(6)))
    assert added.count(True) == 1
    with session_scope(engine) as s:
        assert list_topics(session=s, chat_id=77) == ["NATO"]
