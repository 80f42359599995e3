"""Read queries over the shared news data for /upcoming, /who, /calendar and topic suggestions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from storage.models import Article, MeetingArticle, MeetingRow, StatementRow

MAX_LINKS = 3


@dataclass(frozen=True)
class MeetingView:
    """A stored meeting with the articles that reported it (newest first, at most MAX_LINKS)."""

    id: int
    key: str
    title: str
    kind: str
    participants: tuple[str, ...]
    place: str | None
    start: date | None
    end: date | None
    date_text: str
    links: tuple[str, ...]
    sources: int
    precision: str = "day"


@dataclass(frozen=True)
class StatementView:
    """A stored statement with the article it came from."""

    speaker: str
    role: str | None
    affiliation: str | None
    kind: str
    text: str
    audience: str | None
    url: str
    title: str
    published: datetime


def _links(session: Session, meeting_ids: list[int]) -> dict[int, list[str]]:
    if not meeting_ids:
        return {}
    rows = session.exec(
        select(MeetingArticle.meeting_id, Article.url)
        .join(Article, col(Article.id) == col(MeetingArticle.article_id))
        .where(col(MeetingArticle.meeting_id).in_(meeting_ids))
        .order_by(col(Article.published).desc())
    ).all()
    links: dict[int, list[str]] = {}
    for meeting_id, url in rows:
        links.setdefault(int(meeting_id), []).append(str(url))
    return links


def upcoming_meetings(
    *,
    session: Session,
    start: date,
    end: date,
    undated_since: datetime | None = None,
    limit: int = 500,
) -> list[MeetingView]:
    """Upcoming meetings overlapping [start, end], soonest first, then recent undated ones."""
    first_day = col(MeetingRow.start)
    last_day = func.coalesce(col(MeetingRow.end), first_day)
    dated = and_(first_day.is_not(None), first_day <= end, last_day >= start)
    condition = dated
    if undated_since is not None:
        undated = and_(first_day.is_(None), col(MeetingRow.updated_at) >= undated_since)
        condition = or_(dated, undated)
    rows = session.exec(
        select(MeetingRow)
        .where(condition, MeetingRow.status == "upcoming")
        .order_by(col(MeetingRow.start).is_(None), col(MeetingRow.start), col(MeetingRow.id))
        .limit(limit)
    ).all()
    links = _links(session, [r.id for r in rows if r.id is not None])
    return [_view(row, links.get(int(row.id or 0), [])) for row in rows]


def _view(row: MeetingRow, links: list[str]) -> MeetingView:
    return MeetingView(
        id=int(row.id or 0),
        key=row.key,
        title=row.title,
        kind=row.kind,
        participants=tuple(row.participants or ()),
        place=row.place,
        start=row.start,
        end=row.end,
        date_text=row.date_text,
        links=tuple(links[:MAX_LINKS]),
        sources=len(links),
        precision=row.precision,
    )


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def statements_by(
    *, session: Session, name: str, since: datetime, limit: int = 30
) -> list[StatementView]:
    """Statements since `since` by a speaker named exactly `name` or whose last name it is."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return []
    speaker = func.lower(StatementRow.speaker)
    who = or_(speaker == wanted, speaker.like(f"% {_like_escape(wanted)}", escape="\\"))
    rows = session.exec(
        select(StatementRow, Article)
        .join(Article, col(Article.id) == col(StatementRow.article_id))
        .where(who, Article.published >= since)
        .order_by(col(Article.published).desc(), col(StatementRow.id))
        .limit(limit)
    ).all()
    return [
        StatementView(
            speaker=st.speaker,
            role=st.role,
            affiliation=st.affiliation,
            kind=st.kind,
            text=st.text,
            audience=st.audience,
            url=article.url,
            title=article.title,
            published=article.published,
        )
        for st, article in rows
    ]


def recent_names(*, session: Session, since: datetime, limit: int = 40) -> list[tuple[str, int]]:
    """Speakers, meeting participants and places in news since `since`, most frequent first."""
    counts: Counter[str] = Counter()
    speakers = session.exec(
        select(StatementRow.speaker, func.count())
        .join(Article, col(Article.id) == col(StatementRow.article_id))
        .where(Article.published >= since)
        .group_by(StatementRow.speaker)
    ).all()
    for speaker, count in speakers:
        counts[str(speaker)] += int(count)
    meetings = session.exec(select(MeetingRow).where(MeetingRow.updated_at >= since)).all()
    for meeting in meetings:
        for name in [*(meeting.participants or ()), meeting.place]:
            if name:
                counts[str(name)] += 1
    return counts.most_common(limit)
