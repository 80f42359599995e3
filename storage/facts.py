"""Statements and meetings of one article, stored in the article's own transaction.

A meeting reported by several articles is stored once and linked to each. The rule that decides
"same meeting" and how two reports merge belongs to the pipeline (bot.pipeline.meetings.merge);
storage receives it as callables so it never imports the pipeline's logic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from bot.pipeline.types import ArticleFacts, Meeting, Statement
from storage.claims import lock_keys
from storage.models import Article, MeetingArticle, MeetingRow, StatementRow

# How far back stored meetings are considered as the same event as a new report.
CANDIDATE_WINDOW = timedelta(days=70)


@dataclass(frozen=True)
class MeetingRule:
    """The injected merge rule: `same(new, old, a_published=, b_published=)`, `merge`, `key`."""

    same: Callable[..., bool]
    merge: Callable[[Meeting, Meeting], Meeting]
    key: Callable[[Meeting], str]


@dataclass(frozen=True)
class FactsStored:
    statements: int
    meetings_new: int
    meetings_merged: int


def meeting_from_row(row: MeetingRow) -> Meeting:
    return Meeting(
        title=row.title,
        kind=row.kind,  # type: ignore[arg-type]
        participants=tuple(row.participants),
        evidence=row.evidence,
        status=row.status,  # type: ignore[arg-type]
        place=row.place,
        start=row.start,
        end=row.end,
        date_text=row.date_text,
        precision=row.precision,  # type: ignore[arg-type]
    )


def _fill_row(row: MeetingRow, meeting: Meeting, key: str, now: datetime) -> None:
    row.key = key[:512]
    row.title = meeting.title[:512]
    row.kind = meeting.kind
    row.participants = list(meeting.participants)
    row.place = meeting.place[:256] if meeting.place else None
    row.start, row.end = meeting.start, meeting.end
    row.date_text = meeting.date_text[:256]
    row.precision = meeting.precision
    row.status = meeting.status
    row.evidence = meeting.evidence
    row.updated_at = now


def _statement_row(article_id: int, st: Statement) -> StatementRow:
    return StatementRow(
        article_id=article_id,
        speaker=st.speaker[:256],
        speaker_type=st.speaker_type,
        role=st.role[:256] if st.role else None,
        affiliation=st.affiliation[:256] if st.affiliation else None,
        kind=st.kind,
        text=st.text,
        cue_verb=st.cue_verb[:64],
        audience=st.audience[:256] if st.audience else None,
        evidence=st.evidence,
    )


def _candidates(session: Session, meeting: Meeting, published: date) -> list[MeetingRow]:
    since = published - CANDIDATE_WINDOW
    query = (
        select(MeetingRow)
        .where(MeetingRow.kind == meeting.kind)
        .where(or_(col(MeetingRow.start) >= since, col(MeetingRow.start).is_(None)))
        .order_by(col(MeetingRow.id).desc())
        .limit(500)
    )
    return list(session.exec(query).all())


def _first_reported(session: Session, meeting_ids: list[int]) -> dict[int, date]:
    """When each meeting was first reported: the earliest publication among its articles."""
    if not meeting_ids:
        return {}
    query = (
        select(MeetingArticle.meeting_id, func.min(Article.published))
        .join(Article, col(Article.id) == col(MeetingArticle.article_id))
        .where(col(MeetingArticle.meeting_id).in_(meeting_ids))
        .group_by(col(MeetingArticle.meeting_id))
    )
    rows: list[Any] = list(session.exec(query).all())
    return {int(mid): _as_date(first) for mid, first in rows if first is not None}


def _as_date(value: datetime | str) -> date:
    # func.min over the UTCDateTime column comes back untyped on SQLite.
    return value.date() if isinstance(value, datetime) else date.fromisoformat(str(value)[:10])


def _store_meeting(
    session: Session, meeting: Meeting, article: Article, rule: MeetingRule, now: datetime
) -> bool:
    """Merge into a stored meeting or insert one, link the article; True when it was new."""
    published = article.published.date()
    candidates = _candidates(session, meeting, published)
    firsts = _first_reported(session, [c.id for c in candidates if c.id is not None])
    for row in candidates:
        seen = firsts.get(row.id or 0, row.first_seen.date())
        old = meeting_from_row(row)
        if rule.same(meeting, old, a_published=published, b_published=seen):
            merged = rule.merge(old, meeting)
            _fill_row(row, merged, rule.key(merged), now)
            session.add(row)
            _link(session, row.id, article.id)
            return False
    row = MeetingRow(key="", title="", kind=meeting.kind, evidence="", first_seen=now)
    _fill_row(row, meeting, rule.key(meeting), now)
    session.add(row)
    session.flush()
    _link(session, row.id, article.id)
    return True


def _link(session: Session, meeting_id: int | None, article_id: int | None) -> None:
    assert meeting_id is not None and article_id is not None
    if session.get(MeetingArticle, (meeting_id, article_id)) is None:
        session.add(MeetingArticle(meeting_id=meeting_id, article_id=article_id))
        session.flush()


def store_facts(
    *, session: Session, article_id: int, facts: ArticleFacts, rule: MeetingRule, now: datetime
) -> FactsStored:
    """Store an article's statements and meetings and mark it extracted, all or nothing.

    Idempotent under concurrency: the article row is locked first, so a second worker that
    extracted the same article waits, then finds it extracted and stores nothing. Meetings of one
    kind are merged under a lock on the kind, so two workers never insert the same event twice.
    """
    article = session.get(Article, article_id, with_for_update=True)
    if article is None or article.extracted:
        return FactsStored(0, 0, 0)  # deleted meanwhile, or done by a concurrent pass
    lock_keys(session=session, keys=[f"meeting:{m.kind}" for m in facts.meetings])
    for statement in facts.statements:
        session.add(_statement_row(article_id, statement))
    new = sum(_store_meeting(session, m, article, rule, now) for m in facts.meetings)
    article.extracted = True
    article.claimed_by, article.claimed_at = None, None
    session.add(article)
    return FactsStored(len(facts.statements), new, len(facts.meetings) - new)
