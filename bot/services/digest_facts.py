"""Digest building shared by the scheduled pass and /digest: one facts snapshot, many chats.

A snapshot holds every statement and meeting a digest could need (the widest window any chat may
have), loaded in one transaction; each chat's digest is then pure Python over it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.pipeline.digest import UPCOMING_DAYS, Digest, compose, topic_hits
from bot.pipeline.types import MeetingFact, StatementFact
from storage.digests import ReadingIndex, meeting_facts, reading_index, statement_facts

DEFAULT_WINDOW = timedelta(hours=24)
# After long downtime one digest covers at most two days; older news is no longer news.
MAX_WINDOW = timedelta(hours=48)
# An article published long ago but collected today is not news either.
MAX_ARTICLE_AGE = timedelta(days=7)
UNDATED_FRESHNESS = timedelta(days=14)
SNAPSHOT_TTL = timedelta(seconds=60)


class MemoMatcher:
    """bot.pipeline.digest.topics matching, remembered per (topic, names, text).

    Thousands of chats share a handful of topics, so within one snapshot each statement is
    matched against each topic once instead of once per chat.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[str, tuple[str, ...], str], bool] = {}

    def __call__(self, topics: Sequence[str], *, names: Iterable[str], text: str) -> bool:
        if not topics:
            return True
        names = tuple(names)
        for topic in topics:
            key = (topic, names, text)
            hit = self._seen.get(key)
            if hit is None:
                hit = self._seen[key] = topic_hits(topic, names=names, text=text)
            if hit:
                return True
        return False


@dataclass(frozen=True)
class FactsSnapshot:
    """Everything recent, with statements sorted by when we saw them (bisected per chat)."""

    loaded_at: datetime
    statements: tuple[StatementFact, ...]
    seen: tuple[datetime, ...]
    meetings: tuple[MeetingFact, ...]
    reading: ReadingIndex
    match: MemoMatcher = field(default_factory=MemoMatcher, compare=False)


def load_snapshot(*, session: Session, now: datetime) -> FactsSnapshot:
    """Load the widest window any chat can need, in one transaction."""
    statements = sorted(
        statement_facts(
            session=session, seen_since=now - MAX_WINDOW, published_since=now - MAX_ARTICLE_AGE
        ),
        key=lambda fact: fact.seen,
    )
    today = now.date()
    meetings = meeting_facts(
        session=session,
        first_day=today - timedelta(days=1),
        last_day=today + timedelta(days=UPCOMING_DAYS + 1),
        undated_since=now - UNDATED_FRESHNESS,
    )
    return FactsSnapshot(
        loaded_at=now,
        statements=tuple(statements),
        seen=tuple(fact.seen for fact in statements),
        meetings=tuple(meetings),
        reading=reading_index(session=session, since=now - MAX_WINDOW),
    )


def window_start(last_digest_at: datetime | None, now: datetime) -> datetime:
    """Since the previous digest, or the last 24 hours; never more than MAX_WINDOW."""
    start = last_digest_at if last_digest_at is not None else now - DEFAULT_WINDOW
    return max(start, now - MAX_WINDOW)


def build_digest(
    snapshot: FactsSnapshot,
    *,
    topics: Sequence[str],
    timezone: str,
    now: datetime,
    last_digest_at: datetime | None,
) -> Digest:
    """One chat's digest from the shared snapshot, covering the window after its last digest."""
    since = window_start(last_digest_at, now)
    start = bisect.bisect_left(snapshot.seen, since)
    digest = compose(
        statements=snapshot.statements[start:],
        meetings=snapshot.meetings,
        topics=topics,
        timezone=timezone,
        now=now,
        since=since,
        reading=snapshot.reading.since(since),
        match=snapshot.match,
    )
    return replace(digest, first=last_digest_at is None)
