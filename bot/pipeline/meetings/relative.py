"""A meeting dated by another event of the article: "the day before the summit", "the next day".

`dates.relative_shift` reads the expression; here the event it counts from is looked up among the
meetings the article told (and dated) before it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.pipeline.dates import relative_shift
from bot.pipeline.meetings.mentions import Mention
from bot.pipeline.types import Meeting

_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})


def counted_from_events(mentions: list[Mention], titles: list[Mention]) -> list[Mention]:
    """ "The summit opens on May 20 ... preceded the day before by a ministerial meeting",
    "The day before the summit, ...": a day counted from an event the article dated before.

    A named event ("the ministerial meeting") must be found by all its words in the kind, title
    or place of an earlier dated meeting; a bare "the day before" counts from the last dated one.
    No event, no day, and none from "a meeting" (a new event, not one told before)."""
    result: list[Mention] = []
    told = [m.meeting for m in titles]
    for item in mentions:
        meeting = item.meeting
        shift = relative_shift(meeting.date_text) if meeting.start is None else None
        anchor = _anchor(shift[1], told + [m.meeting for m in result]) if shift else None
        if shift and anchor and anchor.start:
            days = timedelta(days=shift[0])
            day = (anchor.end or anchor.start) + days if shift[0] > 0 else anchor.start + days
            item = replace(item, meeting=replace(meeting, start=day, end=day))
        result.append(item)
    return result


def _anchor(noun: str, before: list[Meeting]) -> Meeting | None:
    if noun.lower().startswith(("a ", "an ")):
        return None
    # by its first six letters: "the ministerial meeting" finds "Ministers meeting"
    words = [w[:6] for w in noun.lower().split() if w not in _DETERMINERS]
    for meeting in reversed(before):
        if meeting.start is None or meeting.precision != "day":
            continue
        told = f"{meeting.kind} {meeting.title} {meeting.place or ''}".lower()  # not the sentence
        if all(w in told for w in words):
            return meeting
    return None
