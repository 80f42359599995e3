"""Every table round-trips, keeps its unique keys and cascades from chats, on both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.engine import session_scope
from storage.models import (
    Article,
    ArticleSource,
    Chat,
    CollectionRun,
    Delivery,
    MeetingArticle,
    MeetingRow,
    Source,
    StatementRow,
    Subscription,
)

BIG_CHAT_ID = -1001234567890123  # supergroup ids need 64 bits


def _article(source_id: int | None, url: str = "https://example.org/a") -> Article:
    return Article(
        url=url,
        title="Lavrov to meet Blinken in Geneva",
        published=datetime(2022, 1, 7, 9, 30, tzinfo=UTC),
        text="Body",
        content_hash="h" * 64,
        source_id=source_id,
        relevant=True,
    )


def _seed(session: Session) -> dict[str, int]:
    chat = Chat(id=BIG_CHAT_ID, kind="supergroup", timezone="Europe/Berlin")
    source = Source(url="https://example.org/feed.xml")
    session.add_all([chat, source])
    session.flush()
    assert source.id is not None
    article = _article(source.id)
    session.add(article)
    session.flush()
    assert article.id is not None
    meeting = MeetingRow(
        key="talks|russia,united states|geneva|2022-01-10",
        title="US–Russia talks",
        kind="talks",
        participants=["United States", "Russia"],
        place="Geneva",
        start=date(2022, 1, 10),
        evidence="The talks will open in Geneva on Monday.",
    )
    session.add_all(
        [
            Subscription(chat_id=chat.id, topic="Russia", topic_norm="russia"),
            ArticleSource(article_id=article.id, source_id=source.id),
            StatementRow(
                article_id=article.id,
                speaker="Sergei Lavrov",
                kind="direct",
                text="We want answers in weeks, not months.",
                evidence='"We want answers in weeks, not months," Lavrov said.',
            ),
            meeting,
            Delivery(chat_id=chat.id, digest_day=date(2022, 1, 7), message_ids=[1, 2]),
            CollectionRun(summary={"new_articles": 1}),
        ]
    )
    session.flush()
    assert meeting.id is not None
    session.add(MeetingArticle(meeting_id=meeting.id, article_id=article.id))
    return {"chat": chat.id, "source": source.id, "article": article.id, "meeting": meeting.id}


def test_every_table_round_trips(engine: Engine) -> None:
    with session_scope(engine) as session:
        ids = _seed(session)
    with session_scope(engine) as session:
        chat = session.get(Chat, ids["chat"])
        assert chat is not None and chat.timezone == "Europe/Berlin"
        assert chat.created_at.tzinfo is not None
        article = session.get(Article, ids["article"])
        assert article is not None
        assert article.published == datetime(2022, 1, 7, 9, 30, tzinfo=UTC)
        meeting = session.get(MeetingRow, ids["meeting"])
        assert meeting is not None and meeting.participants == ["United States", "Russia"]
        delivery = session.exec(select(Delivery)).one()
        assert delivery.message_ids == [1, 2] and delivery.status == "pending"
        assert session.exec(select(CollectionRun)).one().summary == {"new_articles": 1}
        # update
        chat.digest_time = "07:30"
        delivery.status = "sent"
        meeting.place = "Vienna"
    with session_scope(engine) as session:
        assert session.get(Chat, ids["chat"]).digest_time == "07:30"  # type: ignore[union-attr]
        assert session.exec(select(Delivery)).one().status == "sent"
        assert session.get(MeetingRow, ids["meeting"]).place == "Vienna"  # type: ignore[union-attr]


def test_datetimes_are_stored_as_utc(engine: Engine) -> None:
    plus3 = timezone(timedelta(hours=3))
    with session_scope(engine) as session:
        article = _article(None)
        article.published = datetime(2022, 1, 7, 12, 0, tzinfo=plus3)
        session.add(article)
    with session_scope(engine) as session:
        stored = session.exec(select(Article)).one()
        assert stored.published == datetime(2022, 1, 7, 9, 0, tzinfo=UTC)


def test_naive_datetimes_are_refused(engine: Engine) -> None:
    with pytest.raises(Exception, match="naive"), session_scope(engine) as session:
        article = _article(None)
        article.published = datetime(2022, 1, 7, 12, 0)
        session.add(article)


@pytest.mark.parametrize(
    "duplicate",
    [
        lambda ids: Subscription(chat_id=ids["chat"], topic="RUSSIA", topic_norm="russia"),
        lambda ids: Delivery(chat_id=ids["chat"], digest_day=date(2022, 1, 7)),
        lambda ids: Source(url="https://example.org/feed.xml"),
        lambda ids: _article(None),
    ],
    ids=["subscription", "delivery", "source", "article"],
)
def test_unique_keys(engine: Engine, duplicate: object) -> None:
    with session_scope(engine) as session:
        ids = _seed(session)
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(duplicate(ids))  # type: ignore[operator]


def test_deleting_a_chat_cascades_to_its_personal_data_only(engine: Engine) -> None:
    with session_scope(engine) as session:
        ids = _seed(session)
    with session_scope(engine) as session:
        session.delete(session.get(Chat, ids["chat"]))
    with session_scope(engine) as session:
        assert session.exec(select(Subscription)).all() == []
        assert session.exec(select(Delivery)).all() == []
        assert len(session.exec(select(StatementRow)).all()) == 1
        assert len(session.exec(select(MeetingRow)).all()) == 1


def test_deleting_an_article_cascades_to_its_facts(engine: Engine) -> None:
    with session_scope(engine) as session:
        ids = _seed(session)
    with session_scope(engine) as session:
        session.delete(session.get(Article, ids["article"]))
    with session_scope(engine) as session:
        assert session.exec(select(StatementRow)).all() == []
        assert session.exec(select(MeetingArticle)).all() == []
        assert session.exec(select(ArticleSource)).all() == []
        assert len(session.exec(select(MeetingRow)).all()) == 1
