"""Invented news for digest tests: one article and one statement, seen `seen_ago` before `now`."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from storage.models import Article, StatementRow


def add_statement(
    session: Session,
    *,
    now: datetime,
    url: str = "https://tass.com/politics/1",
    title: str = "Kremlin says answers needed",
    speaker: str = "Dmitry Peskov",
    role: str | None = "Kremlin spokesman",
    affiliation: str | None = None,
    kind: str = "indirect",
    text: str = "Moscow expects written answers on security guarantees",
    seen_ago: timedelta = timedelta(hours=2),
) -> None:
    """Store an article published an hour before it was collected, and what it quotes."""
    article = Article(
        url=url,
        title=title,
        published=now - seen_ago - timedelta(hours=1),
        fetched=now - seen_ago,
        content_hash=url[-32:],
    )
    session.add(article)
    session.flush()
    session.add(
        StatementRow(
            article_id=int(article.id or 0),
            speaker=speaker,
            role=role,
            affiliation=affiliation,
            kind=kind,
            text=text,
            evidence=text,
            created_at=now - seen_ago,
        )
    )
