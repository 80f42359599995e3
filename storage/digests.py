"""Read queries for composing digests: loaded once per dispatch pass, then filtered per chat.

One pass serves thousands of chats, so these return everything recent in a few queries and leave
per-chat filtering (topics, each chat's own window) to the pure composer.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from bot.pipeline.types import Meeting, MeetingFact, Reading, Statement, StatementFact
from storage.models import Article, Chat, MeetingArticle, MeetingRow, StatementRow, Subscription


def outlet_of(url: str) -> str:
    """The name a reader recognises for a link: the site's host without "www."."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or "source"


def statement_facts(
    *, session: Session, seen_since: datetime, published_since: datetime
) -> list[StatementFact]:
    """Statements collected since `seen_since` from articles published since `published_since`."""
    rows = session.exec(
        select(StatementRow, Article.url, Article.title, Article.published)
        .join(Article, col(Article.id) == col(StatementRow.article_id))
        .where(
            col(StatementRow.created_at) >= seen_since,
            col(Article.published) >= published_since,
        )
        .order_by(col(StatementRow.id))
    ).all()
    return [
        StatementFact(
            statement=Statement(
                speaker=row.speaker,
                kind="direct" if row.kind == "direct" else "indirect",
                text=row.text,
                evidence=row.evidence,
                cue_verb=row.cue_verb,
                role=row.role,
                affiliation=row.affiliation,
                audience=row.audience,
                speaker_type=row.speaker_type,  # type: ignore[arg-type]
            ),
            article_id=row.article_id,
            url=url,
            outlet=outlet_of(url),
            published=published,
            seen=row.created_at,
            title=title,
        )
        for row, url, title, published in rows
    ]


def meeting_facts(
    *, session: Session, first_day: date, last_day: date, undated_since: datetime
) -> list[MeetingFact]:
    """Upcoming meetings overlapping [first_day, last_day], and undated ones announced lately."""
    ends = func.coalesce(col(MeetingRow.end), col(MeetingRow.start))
    meetings = session.exec(
        select(MeetingRow).where(
            col(MeetingRow.status) == "upcoming",
            or_(
                (col(MeetingRow.start) <= last_day) & (ends >= first_day),
                col(MeetingRow.start).is_(None) & (col(MeetingRow.updated_at) >= undated_since),
            ),
        )
    ).all()
    links = _links(session, [int(m.id or 0) for m in meetings])
    return [
        MeetingFact(
            meeting=Meeting(
                title=m.title,
                kind=m.kind,  # type: ignore[arg-type]
                participants=tuple(m.participants or ()),
                evidence=m.evidence,
                status="upcoming",
                place=m.place,
                start=m.start,
                end=m.end,
                date_text=m.date_text,
                precision=m.precision,  # type: ignore[arg-type]
            ),
            links=tuple(links.get(int(m.id or 0), ())),
            sources=len({outlet for outlet, _ in links.get(int(m.id or 0), ())}),
        )
        for m in meetings
    ]


def _links(session: Session, meeting_ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    if not meeting_ids:
        return found
    rows = session.exec(
        select(MeetingArticle.meeting_id, Article.url)
        .join(Article, col(Article.id) == col(MeetingArticle.article_id))
        .where(col(MeetingArticle.meeting_id).in_(list(meeting_ids)))
        .order_by(col(Article.published).desc())
    ).all()
    for meeting_id, url in rows:
        found[meeting_id].append((outlet_of(url), url))
    return found


@dataclass(frozen=True)
class ReadingIndex:
    """Articles fetched lately, indexed so each chat's header count is two bisections."""

    fetched: tuple[datetime, ...]
    source_latest: tuple[datetime, ...]

    def since(self, moment: datetime) -> Reading:
        articles = len(self.fetched) - bisect.bisect_left(self.fetched, moment)
        sources = len(self.source_latest) - bisect.bisect_left(self.source_latest, moment)
        return Reading(articles=articles, sources=sources)


def reading_index(*, session: Session, since: datetime) -> ReadingIndex:
    """How many articles (and from how many sites) were read since `since`."""
    rows = session.exec(
        select(Article.fetched, Article.url).where(col(Article.fetched) >= since)
    ).all()
    latest: dict[str, datetime] = {}
    for fetched, url in rows:
        outlet = outlet_of(url)
        latest[outlet] = max(latest.get(outlet, fetched), fetched)
    return ReadingIndex(
        fetched=tuple(sorted(fetched for fetched, _ in rows)),
        source_latest=tuple(sorted(latest.values())),
    )


def topics_of(*, session: Session, chat_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each chat's topics as the user wrote them (no entry: the chat follows everything)."""
    found: dict[int, list[str]] = defaultdict(list)
    if not chat_ids:
        return found
    rows = session.exec(
        select(Subscription.chat_id, Subscription.topic)
        .where(col(Subscription.chat_id).in_(list(chat_ids)))
        .order_by(col(Subscription.id))
    ).all()
    for chat_id, topic in rows:
        found[chat_id].append(topic)
    return found


def set_send_empty(*, session: Session, chat_id: int, send_empty: bool) -> bool:
    """Whether a day with nothing for the chat's topics still sends one short line."""
    chat = session.get(Chat, chat_id)
    if chat is None:
        return False
    chat.send_empty = send_empty
    session.add(chat)
    return True
