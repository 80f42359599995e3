"""Days counted from another day: "the next day", "a day later", "the day before the summit".

A bare one counts from the day told before it in the same text (`counted_from_before`); one that
names its event, or has no day before it, is left undated for the meeting extractor, which looks
for the event the article dated before.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.pipeline.dates.patterns import RELATIVE_DAY

if TYPE_CHECKING:
    from bot.pipeline.dates.resolve import DateSpan

_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}


def relative_shift(text: str) -> tuple[int, str] | None:
    """ "the next day" -> (1, ""), "the day before the summit" -> (-1, "the summit")."""
    m = RELATIVE_DAY.fullmatch(text.strip())
    if m is None:
        return None
    noun = m.group("noun") or ""
    if m.group("eve"):
        return (-1, noun) if noun else None  # "on the eve of the vote" counts from no meeting
    count = m.group("count") or "1"
    days = _COUNTS.get(count.lower()) or int(count)
    side = (m.group("side") or m.group("dir") or "").lower()
    return (-days if side in {"previous", "preceding", "before", "earlier"} else days), noun


def counted_from_before(spans: list[DateSpan]) -> list[DateSpan]:
    """ "on Monday, before returning home the next day": a bare relative day counts from the
    day told before it in the sentence; one that names its event ("the day before the summit")
    or has no day before it stays undated here (the meeting extractor looks for its event)."""
    result: list[DateSpan] = []
    last: DateSpan | None = None
    for span in spans:
        shift = relative_shift(span.text) if span.start is None else None
        if shift and not shift[1] and last and last.start and last.end:
            day = (last.end if shift[0] > 0 else last.start) + timedelta(days=shift[0])
            span = replace(span, start=day, end=day)
        if span.start:
            last = span
        result.append(span)
    return result
