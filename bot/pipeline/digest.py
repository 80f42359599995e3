"""The digest as data: what the composer hands to the renderer, and the facts it starts from.

Kept apart from types.py (the extractor's vocabulary) because these shapes exist only for one
chat's daily message: they carry outlet names, links and counts, not linguistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.pipeline.types import Meeting, Statement, StatementKind


@dataclass(frozen=True)
class StatementFact:
    """A stored statement with the article that carried it; `seen` is when we collected it."""

    statement: Statement
    article_id: int
    url: str
    outlet: str
    published: datetime
    seen: datetime
    title: str = ""


@dataclass(frozen=True)
class MeetingFact:
    """A merged meeting with the outlets that reported it, most recent first."""

    meeting: Meeting
    links: tuple[tuple[str, str], ...] = ()
    sources: int = 0


@dataclass(frozen=True)
class Reading:
    """How much news the digest was made from, for the header line."""

    articles: int = 0
    sources: int = 0


@dataclass(frozen=True)
class DigestLine:
    """One statement, reported by `1 + more_sources` outlets; the link goes to the first."""

    text: str
    kind: StatementKind
    outlet: str
    url: str
    more_sources: int = 0
    audience: str | None = None


@dataclass(frozen=True)
class SpeakerGroup:
    """Everything one speaker said, most newsworthy first."""

    speaker: str
    role: str | None
    affiliation: str | None
    lines: tuple[DigestLine, ...]


@dataclass(frozen=True)
class DigestMeeting:
    """An upcoming meeting line: "Sun 9 – Mon 10 Jan · Geneva · US–Russia talks"."""

    when: str
    title: str
    place: str | None = None
    sources: int = 0
    outlet: str = ""
    url: str = ""
    dated: bool = True


@dataclass(frozen=True)
class Digest:
    """One chat's digest for one local day, ready to render."""

    day: str
    topics: tuple[str, ...]
    reading: Reading
    speakers: tuple[SpeakerGroup, ...] = ()
    meetings: tuple[DigestMeeting, ...] = ()
    omitted_statements: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.speakers and not self.meetings
