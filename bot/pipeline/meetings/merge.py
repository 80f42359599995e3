"""Recognise the same meeting reported twice (in one article or by several outlets) and merge it.

The rule the collector stores meetings with: same kind, overlapping participants, the same dates
(or both undated and announced within a few days of each other, or an undated announcement and a
later dated report), and the same place when both give one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date, timedelta

from bot.pipeline.language.gazetteer import canonical_org, country_of
from bot.pipeline.meetings.cues import FAMILY_NAME_FIRST
from bot.pipeline.types import Meeting, MeetingStatus

# An undated announcement ("later this month") may be followed by a dated report this much later.
DATED_FOLLOW_UP_DAYS = 62


def _fold(text: str) -> str:
    """Accent-, case- and article-insensitive form ("the Kremlin" == "kremlin")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = plain.casefold().replace("’", "'").strip()
    return plain[4:] if plain.startswith("the ") else plain


def participant_key(name: str) -> str:
    """Countries and organisations by canonical name, people by surname ("Putin")."""
    canonical = country_of(name) or canonical_org(name)
    if canonical:
        return _fold(canonical)
    words = _fold(name).split()
    if len(words) == 2 and words[0] in FAMILY_NAME_FIRST:
        return words[0]
    return words[-1] if words else ""


def place_key(place: str | None) -> str:
    """Place names compared without case, accents or a leading article."""
    return _fold(place) if place else ""


def meeting_key(m: Meeting) -> str:
    """A stable key for storage: kind, sorted participants, place and dates."""
    people = ",".join(sorted({participant_key(p) for p in m.participants} - {""}))
    start = m.start.isoformat() if m.start else ""
    end = m.end.isoformat() if m.end else ""
    return f"{m.kind}|{people}|{place_key(m.place)}|{start}|{end}"


def _keys(m: Meeting) -> set[str]:
    return {participant_key(p) for p in m.participants} - {""}


def _overlap(a: Meeting, b: Meeting) -> bool:
    """Shared participants, and not two different pairs around one person (Biden–Xi, Biden–Modi)."""
    keys_a, keys_b = _keys(a), _keys(b)
    if not keys_a & keys_b:
        return False
    return keys_a <= keys_b or keys_b <= keys_a or len(keys_a & keys_b) >= 2


def _day(m: Meeting) -> date | None:
    """The meeting's calendar day, if the text gave one (a week or a month is not a day)."""
    return m.start if m.precision == "day" else None


def _dates_agree(
    a: Meeting, b: Meeting, window: int, a_published: date | None, b_published: date | None
) -> bool:
    coarse = [m for m in (a, b) if m.start and m.precision != "day"]
    if coarse:  # "next week" and "on Tuesday" of that week, or two reports of "next week"
        other = b if coarse[0] is a else a
        first = coarse[0].start or date.min
        last = coarse[0].end or first
        if other.start is None:
            return True
        return first <= (other.end or other.start) and other.start <= last
    if a.start and b.start:
        return a.start == b.start and (a.end or a.start) == (b.end or b.start)
    if not a.start and not b.start:
        if a_published and b_published:
            return abs((a_published - b_published).days) <= window
        return True
    undated_published = b_published if a.start else a_published
    dated = a.start or b.start
    if undated_published is None or dated is None:
        return True
    limit = undated_published + timedelta(days=DATED_FOLLOW_UP_DAYS)
    return undated_published <= dated <= limit


def same_meeting(
    a: Meeting,
    b: Meeting,
    *,
    undated_window_days: int = 3,
    a_published: date | None = None,
    b_published: date | None = None,
) -> bool:
    """Whether two reports describe one event (see the module docstring for the rule)."""
    if a.kind != b.kind or not _overlap(a, b):
        return False
    if a.place and b.place and place_key(a.place) != place_key(b.place):
        return False
    return _dates_agree(a, b, undated_window_days, a_published, b_published)


_KIND_WORDS = frozenset(
    {"meeting", "meetings", "visit", "trip", "talks", "summit", "call", "phone", "conference"}
)


def _bare(title: str) -> bool:
    """ "Meeting", "Meeting in Kyoto", "Visit to Turkey": a title that names nobody."""
    words = title.split()
    return not words or words[0].casefold() in _KIND_WORDS


def merge(a: Meeting, b: Meeting) -> Meeting:
    """One meeting from two reports: the dated one wins, participants unioned, place kept."""
    first, second = (b, a) if _day(b) and not _day(a) else (a, b)
    if not first.start and second.start:  # an undated report and a week-only one
        first, second = second, first
    seen = {participant_key(p) for p in first.participants}
    extra = []
    for name in second.participants:
        key = participant_key(name)
        if key not in seen:
            seen.add(key)
            extra.append(name)
    either: MeetingStatus = "upcoming" if "upcoming" in (first.status, second.status) else "past"
    title = second.title if _bare(first.title) and not _bare(second.title) else first.title
    return replace(
        first,
        title=title,
        participants=(*first.participants, *extra),
        place=first.place or second.place,
        date_text=first.date_text or second.date_text,
        status=either if _day(first) is None else first.status,
    )
