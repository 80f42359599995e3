"""Facts + a chat's topics and clock -> its Digest: filter, dedupe, rank, group, shorten.

Pure: no Telegram, no SQL. The caller loads the facts once per dispatch pass and calls `compose`
per chat, so composing thousands of digests costs Python time only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.pipeline.dates import format_day_header, format_when
from bot.pipeline.digest.model import Digest, DigestLine, DigestMeeting, SpeakerGroup
from bot.pipeline.types import MeetingFact, Reading, StatementFact

UPCOMING_DAYS = 14
MAX_SPEAKERS = 10
MAX_LINES_PER_SPEAKER = 3
MAX_DATED_MEETINGS = 10
MAX_UNDATED_MEETINGS = 4
QUOTE_LIMIT = 220
SAME_STATEMENT_OVERLAP = 0.6

# Who is newsworthy, as data: the first matching role word sets the speaker's weight.
ROLE_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("president", 3),
    ("prime minister", 3),
    ("chancellor", 3),
    ("secretary general", 3),
    ("secretary-general", 3),
    ("king", 3),
    ("foreign minister", 2),
    ("secretary of state", 2),
    ("minister", 2),
    ("high representative", 2),
    ("spokesman", 1),
    ("spokeswoman", 1),
    ("spokesperson", 1),
    ("ambassador", 1),
    ("envoy", 1),
)

_WORD = re.compile(r"\w+")


class TopicMatcher(Protocol):
    """The shape of bot.pipeline.digest.topics.matches: do these names or this text hit a topic?"""

    def __call__(self, topics: Sequence[str], *, names: Iterable[str], text: str) -> bool: ...


@dataclass
class _Cluster:
    """One statement as reported by one or more outlets."""

    best: StatementFact
    outlets: list[str]
    words: frozenset[str]
    topic_score: int

    def score(self) -> float:
        direct = 0.5 if self.best.statement.kind == "direct" else 0.0
        weight = prominence(self.best.statement.role, self.best.statement.speaker_type)
        return 2 * weight + len(self.outlets) + 3 * self.topic_score + direct


def prominence(role: str | None, speaker_type: str = "person") -> int:
    """0-3: heads of state and government outrank ministers, who outrank spokespeople."""
    if role:
        lowered = role.lower()
        for word, weight in ROLE_WEIGHTS:
            if word in lowered:
                return weight
    return 1 if speaker_type in {"org", "country"} else 0


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Cut at the last word boundary before `limit`, so no word is ever split."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


def topic_score(fact: StatementFact, topics: Sequence[str], match: TopicMatcher) -> int:
    """2 when the speaker is a topic, 1 when the words or headline are, 0 when neither."""
    s = fact.statement
    if match(topics, names=[n for n in (s.speaker, s.affiliation) if n], text=""):
        return 2
    return 1 if match(topics, names=(), text=f"{fact.title}\n{s.text}") else 0


def _same_statement(words: frozenset[str], other: frozenset[str]) -> bool:
    if not words or not other:
        return words == other
    overlap = len(words & other) / min(len(words), len(other))
    return overlap >= SAME_STATEMENT_OVERLAP


def _better(candidate: StatementFact, current: StatementFact) -> bool:
    # A direct quote beats a paraphrase; among equals the earliest report is the original.
    rank_new = (candidate.statement.kind == "direct", -candidate.published.timestamp())
    rank_old = (current.statement.kind == "direct", -current.published.timestamp())
    return rank_new > rank_old


def cluster_statements(
    facts: Iterable[StatementFact], topics: Sequence[str], match: TopicMatcher
) -> dict[str, list[_Cluster]]:
    """Speaker key -> clusters, merging the same words from several outlets into one."""
    by_speaker: dict[str, list[_Cluster]] = {}
    for fact in facts:
        score = topic_score(fact, topics, match) if topics else 0
        if topics and score == 0:
            continue
        words = frozenset(_WORD.findall(fact.statement.text.casefold()))
        clusters = by_speaker.setdefault(fact.statement.speaker.casefold(), [])
        for cluster in clusters:
            if _same_statement(words, cluster.words):
                if fact.outlet not in cluster.outlets:
                    cluster.outlets.append(fact.outlet)
                if _better(fact, cluster.best):
                    cluster.best = fact
                cluster.topic_score = max(cluster.topic_score, score)
                break
        else:
            clusters.append(_Cluster(fact, [fact.outlet], words, score))
    return by_speaker


def _group(clusters: list[_Cluster]) -> tuple[float, SpeakerGroup]:
    ranked = sorted(clusters, key=lambda c: (-c.score(), c.best.published))
    lines = tuple(
        DigestLine(
            text=shorten(c.best.statement.text),
            kind=c.best.statement.kind,
            outlet=c.best.outlet,
            url=c.best.url,
            more_sources=len(c.outlets) - 1,
            audience=c.best.statement.audience,
        )
        for c in ranked[:MAX_LINES_PER_SPEAKER]
    )
    head = ranked[0].best.statement
    role = next((c.best.statement.role for c in ranked if c.best.statement.role), None)
    affiliation = next(
        (c.best.statement.affiliation for c in ranked if c.best.statement.affiliation), None
    )
    score = ranked[0].score() + 0.5 * (len(ranked) - 1)
    return score, SpeakerGroup(head.speaker, role, affiliation, lines)


def who_said_what(
    facts: Iterable[StatementFact], topics: Sequence[str], match: TopicMatcher
) -> tuple[tuple[SpeakerGroup, ...], int]:
    """Speaker groups, most newsworthy first, and how many statements did not fit."""
    clustered = cluster_statements(facts, topics, match)
    groups = [_group(clusters) for clusters in clustered.values()]
    groups.sort(key=lambda pair: (-pair[0], pair[1].speaker.casefold()))
    shown = [group for _, group in groups[:MAX_SPEAKERS]]
    total = sum(len(clusters) for clusters in clustered.values())
    return tuple(shown), total - sum(len(group.lines) for group in shown)


def _meeting_matches(fact: MeetingFact, topics: Sequence[str], match: TopicMatcher) -> bool:
    m = fact.meeting
    names = [*m.participants, *([m.place] if m.place else [])]
    return match(topics, names=names, text=m.title)


def _meeting_line(fact: MeetingFact) -> DigestMeeting:
    m = fact.meeting
    outlet, url = fact.links[0] if fact.links else ("", "")
    return DigestMeeting(
        when=format_when(m.start, m.end, m.date_text, precision=m.precision),
        title=m.title,
        place=m.place,
        sources=fact.sources or len(fact.links),
        outlet=outlet,
        url=url,
        dated=m.start is not None and m.precision == "day",
    )


def upcoming(
    facts: Iterable[MeetingFact], topics: Sequence[str], today: date, match: TopicMatcher
) -> tuple[DigestMeeting, ...]:
    """Meetings in the next UPCOMING_DAYS days, soonest first, then undated announced ones."""
    horizon = today + timedelta(days=UPCOMING_DAYS)
    dated: list[MeetingFact] = []
    undated: list[MeetingFact] = []
    for fact in facts:
        m = fact.meeting
        if m.status != "upcoming" or (topics and not _meeting_matches(fact, topics, match)):
            continue
        if m.start is None:
            undated.append(fact)
        elif m.start <= horizon and (m.end or m.start) >= today:
            dated.append(fact)
    dated.sort(key=lambda f: (f.meeting.start, f.meeting.end or f.meeting.start, -f.sources))
    undated.sort(key=lambda f: (-f.sources, f.meeting.title.casefold()))
    chosen = dated[:MAX_DATED_MEETINGS] + undated[:MAX_UNDATED_MEETINGS]
    return tuple(_meeting_line(fact) for fact in chosen)


def compose(
    *,
    statements: Iterable[StatementFact],
    meetings: Iterable[MeetingFact],
    topics: Sequence[str],
    timezone: str,
    now: datetime,
    since: datetime,
    reading: Reading,
    match: TopicMatcher,
) -> Digest:
    """One chat's digest: statements collected since `since`, meetings from its local today."""
    local_today = now.astimezone(ZoneInfo(timezone)).date()
    fresh = (fact for fact in statements if since <= fact.seen <= now)
    speakers, omitted = who_said_what(fresh, topics, match)
    return Digest(
        day=format_day_header(local_today),
        topics=tuple(topics),
        reading=reading,
        speakers=speakers,
        meetings=upcoming(meetings, topics, local_today, match),
        omitted_statements=omitted,
    )
