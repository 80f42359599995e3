"""The digest as data: what the composer hands to the renderer.

Kept apart from types.py (the vocabulary storage shares) because these shapes exist only for one
chat's daily message; the facts the composer starts from live in types.py so storage can build them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.pipeline.types import Reading, StatementKind


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
    # No digest before this one: an empty first digest must not speak of "your last digest".
    first: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.speakers and not self.meetings
