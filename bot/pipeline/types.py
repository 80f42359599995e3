"""Plain data passed between the pipeline stages, storage and handlers.

Frozen dataclasses keep the pipeline pure: the extractor, the composer and the renderers can be
tested on values alone, and storage maps them to rows without knowing how they were made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

StatementKind = Literal["direct", "indirect"]
_QUOTE_MARKS = frozenset('"“”«»')


def shown_words(text: str, direct: bool) -> str:
    """The words as a reader sees them: a whole quotation inside “…”; reported speech that
    quotes the speaker at length (kind "direct", with its own marks inside) exactly as written."""
    return f"“{text}”" if direct and not _QUOTE_MARKS & set(text) else text


MeetingKind = Literal["talks", "summit", "visit", "call", "meeting", "conference", "council"]
MeetingStatus = Literal["upcoming", "past"]
# How much of a meeting's date the text gives: a calendar day, only its week, or only its month.
DatePrecision = Literal["day", "week", "month"]
EntityType = Literal["person", "org", "country", "place", "other"]


@dataclass(frozen=True)
class Article:
    """One news article as the extractor sees it; `published` must be timezone-aware."""

    title: str
    text: str
    published: datetime
    url: str = ""
    source: str = ""


@dataclass(frozen=True)
class Statement:
    """Who said what: a named speaker, the words (direct) or the reported clause (indirect)."""

    speaker: str
    kind: StatementKind
    text: str
    evidence: str
    cue_verb: str = "said"
    role: str | None = None
    affiliation: str | None = None
    audience: str | None = None
    speaker_type: EntityType = "person"

    def as_json(self) -> dict[str, object]:
        """The shape `diplobot preview --json` prints and the evaluation reads."""
        return {
            "speaker": self.speaker,
            "speaker_type": self.speaker_type,
            "role": self.role,
            "affiliation": self.affiliation,
            "kind": self.kind,
            "text": self.text,
            "cue_verb": self.cue_verb,
            "audience": self.audience,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class Meeting:
    """A dated (or announced but undated) diplomatic event: talks, summit, visit, call..."""

    title: str
    kind: MeetingKind
    participants: tuple[str, ...]
    evidence: str
    status: MeetingStatus = "upcoming"
    place: str | None = None
    start: date | None = None
    end: date | None = None
    date_text: str = ""
    # "week"/"month": start..end are the bounds of the week or month the text names, never a day.
    precision: DatePrecision = "day"

    def as_json(self) -> dict[str, object]:
        """The shape `diplobot preview --json` prints and the evaluation reads."""
        return {
            "title": self.title,
            "kind": self.kind,
            "participants": list(self.participants),
            "place": self.place,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "date_text": self.date_text,
            "precision": self.precision if self.start else None,
            "status": self.status,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class Entity:
    """A named entity worth matching topics against (canonical name and its type)."""

    name: str
    type: EntityType

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "type": self.type}


@dataclass(frozen=True)
class ArticleFacts:
    """Everything the extractor found in one article."""

    statements: tuple[Statement, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    entities: tuple[Entity, ...] = field(default=())


@dataclass(frozen=True)
class StatementFact:
    """Digest input: a stored statement, its article, and when we collected it (`seen`)."""

    statement: Statement
    article_id: int
    url: str
    outlet: str
    published: datetime
    seen: datetime
    title: str = ""


@dataclass(frozen=True)
class MeetingFact:
    """Digest input: a merged meeting with the (outlet, url) pairs that reported it."""

    meeting: Meeting
    links: tuple[tuple[str, str], ...] = ()
    sources: int = 0


@dataclass(frozen=True)
class Reading:
    """Digest input: how many articles and sources the digest was made from."""

    articles: int = 0
    sources: int = 0
