"""Invented wire-style news rows for the bot's read commands (our own text, January 2022)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.engine import Engine

from storage.engine import session_scope
from storage.models import Article, MeetingArticle, MeetingRow, StatementRow
from tests.fakebot.fixtures import DEFAULT_NOW


def article(engine: Engine, n: int, *, days_ago: float = 1, host: str = "wire.example") -> int:
    with session_scope(engine) as session:
        row = Article(
            url=f"https://{host}/world/{n}",
            title=f"Diplomats prepare for talks ({n})",
            published=DEFAULT_NOW - timedelta(days=days_ago),
            text="",
            content_hash=f"hash{n}",
            relevant=True,
            extracted=True,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


def meeting(
    engine: Engine,
    title: str,
    start: date | None,
    end: date | None = None,
    *,
    place: str | None = None,
    participants: tuple[str, ...] = (),
    articles: tuple[int, ...] = (),
    precision: str = "day",
) -> int:
    with session_scope(engine) as session:
        row = MeetingRow(
            key=title.casefold(),
            title=title,
            kind="talks",
            participants=list(participants),
            place=place,
            start=start,
            end=end,
            precision=precision,
            evidence=f"{title} will take place.",
            updated_at=DEFAULT_NOW - timedelta(days=1),
            first_seen=DEFAULT_NOW - timedelta(days=1),
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        for article_id in articles:
            session.add(MeetingArticle(meeting_id=row.id, article_id=article_id))
        return row.id


def statement(
    engine: Engine,
    article_id: int,
    speaker: str,
    text: str,
    *,
    role: str | None = None,
    kind: str = "direct",
    audience: str | None = None,
) -> None:
    with session_scope(engine) as session:
        session.add(
            StatementRow(
                article_id=article_id,
                speaker=speaker,
                role=role,
                kind=kind,
                text=text,
                audience=audience,
                evidence=f'"{text}," {speaker} said.',
            )
        )


def january_talks(engine: Engine) -> None:
    """The week of 9-14 January 2022 as our fixture bot knows it."""
    a1, a2, a3 = article(engine, 1), article(engine, 2, host="agency.example"), article(engine, 3)
    meeting(
        engine,
        "US–Russia strategic stability talks",
        date(2022, 1, 9),
        date(2022, 1, 10),
        place="Geneva",
        participants=("Wendy Sherman", "Sergei Ryabkov"),
        articles=(a1, a2, a3),
    )
    meeting(
        engine,
        "NATO–Russia Council",
        date(2022, 1, 12),
        place="Brussels",
        participants=("NATO", "Russia"),
        articles=(a2,),
    )
    meeting(
        engine,
        "OSCE Permanent Council",
        date(2022, 1, 13),
        place="Vienna",
        participants=("OSCE",),
        articles=(a3,),
    )
    meeting(
        engine,
        "Informal meeting of EU foreign ministers",
        date(2022, 1, 14),
        place="Brest",
        participants=("European Union",),
        articles=(a1,),
    )
    meeting(engine, "Trade fair opening", date(2022, 2, 20), place="Lyon", articles=(a1,))
    statement(
        engine,
        a1,
        "Sergei Lavrov",
        "We expect answers in weeks, not months",
        role="Russian Foreign Minister",
        audience="to reporters",
    )
    statement(
        engine,
        a2,
        "Sergei Lavrov",
        "the guarantees must be legally binding",
        role="Russian Foreign Minister",
        kind="indirect",
    )
    statement(
        engine,
        a3,
        "Jens Stoltenberg",
        "Allies are ready to listen <and> to talk",
        role="NATO Secretary General",
    )
