from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.engine import Engine

from storage import digests
from storage.engine import session_scope
from storage.models import Article, Chat, MeetingArticle, MeetingRow, StatementRow, Subscription

NOW = datetime(2022, 1, 7, 8, 0, tzinfo=UTC)


def article(s, url: str, *, hours_ago: float = 1, fetched_ago: float = 1) -> int:  # type: ignore[no-untyped-def]
    row = Article(
        url=url,
        title=f"Headline {url}",
        published=NOW - timedelta(hours=hours_ago),
        fetched=NOW - timedelta(hours=fetched_ago),
        content_hash=url[-16:],
    )
    s.add(row)
    s.flush()
    return int(row.id or 0)


def test_statement_facts_window_and_outlets(engine: Engine) -> None:
    with session_scope(engine) as s:
        fresh = article(s, "https://www.tass.com/politics/1")
        stale = article(s, "https://ria.ru/x/2", hours_ago=24 * 10)
        for article_id, seen in ((fresh, NOW), (stale, NOW), (fresh, NOW - timedelta(days=3))):
            s.add(
                StatementRow(
                    article_id=article_id,
                    speaker="Dmitry Peskov",
                    role="Kremlin spokesman",
                    kind="direct",
                    text="we expect answers",
                    evidence="...",
                    created_at=seen,
                )
            )
    with session_scope(engine) as s:
        facts = digests.statement_facts(
            session=s, seen_since=NOW - timedelta(days=1), published_since=NOW - timedelta(days=7)
        )
    (fact,) = facts
    assert fact.outlet == "tass.com" and fact.url.endswith("/politics/1")
    assert fact.statement.kind == "direct" and fact.statement.role == "Kremlin spokesman"
    assert fact.seen == NOW and fact.title.startswith("Headline")


def test_meeting_facts_window_undated_and_links(engine: Engine) -> None:
    def meeting(s, title: str, start: date | None, end: date | None = None, **kw) -> int:  # type: ignore[no-untyped-def]
        row = MeetingRow(
            key=title, title=title, kind="talks", evidence=title, start=start, end=end, **kw
        )
        s.add(row)
        s.flush()
        return int(row.id or 0)

    with session_scope(engine) as s:
        a1 = article(s, "https://reuters.com/a", hours_ago=1)
        a2 = article(s, "https://www.dw.com/b", hours_ago=2)
        geneva = meeting(s, "Geneva talks", date(2022, 1, 9), date(2022, 1, 10))
        meeting(s, "Far away", date(2022, 3, 1))
        meeting(s, "Over", date(2022, 1, 1), date(2022, 1, 2))
        meeting(s, "Ongoing", date(2022, 1, 5), date(2022, 1, 8))
        meeting(s, "Announced", None, date_text="January", updated_at=NOW)
        meeting(s, "Old rumour", None, updated_at=NOW - timedelta(days=40))
        meeting(s, "Cancelled", date(2022, 1, 9), status="past")
        s.add(MeetingArticle(meeting_id=geneva, article_id=a1))
        s.add(MeetingArticle(meeting_id=geneva, article_id=a2))
    with session_scope(engine) as s:
        facts = digests.meeting_facts(
            session=s,
            first_day=date(2022, 1, 6),
            last_day=date(2022, 1, 21),
            undated_since=NOW - timedelta(days=14),
        )
    by_title = {f.meeting.title: f for f in facts}
    assert set(by_title) == {"Geneva talks", "Ongoing", "Announced"}
    assert by_title["Geneva talks"].links == (
        ("reuters.com", "https://reuters.com/a"),
        ("dw.com", "https://www.dw.com/b"),
    )
    assert by_title["Geneva talks"].sources == 2
    assert by_title["Announced"].meeting.date_text == "January"


def test_reading_index_counts_articles_and_sites(engine: Engine) -> None:
    with session_scope(engine) as s:
        article(s, "https://tass.com/1", fetched_ago=1)
        article(s, "https://tass.com/2", fetched_ago=5)
        article(s, "https://dw.com/3", fetched_ago=20)
        article(s, "https://bbc.co.uk/4", fetched_ago=50)
    with session_scope(engine) as s:
        index = digests.reading_index(session=s, since=NOW - timedelta(hours=48))
    day = index.since(NOW - timedelta(hours=24))
    assert (day.articles, day.sources) == (3, 2)
    assert index.since(NOW - timedelta(hours=2)).articles == 1


def test_topics_of(engine: Engine) -> None:
    with session_scope(engine) as s:
        s.add(Chat(id=1))
        s.add(Chat(id=2))
        s.flush()
        s.add(Subscription(chat_id=1, topic="NATO", topic_norm="nato"))
        s.add(Subscription(chat_id=1, topic="Russia", topic_norm="russia"))
    with session_scope(engine) as s:
        topics = digests.topics_of(session=s, chat_ids=[1, 2])
    assert topics[1] == ["NATO", "Russia"] and 2 not in topics


def test_set_send_empty(engine: Engine) -> None:
    with session_scope(engine) as s:
        s.add(Chat(id=5))
    with session_scope(engine) as s:
        assert digests.set_send_empty(session=s, chat_id=5, send_empty=False)
        assert not digests.set_send_empty(session=s, chat_id=6, send_empty=False)
    with session_scope(engine) as s:
        assert s.get(Chat, 5).send_empty is False  # type: ignore[union-attr]
