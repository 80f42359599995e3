"""Resolve date expressions in news text against the article's publication date (never today).

Decisions (documented because wire copy is ambiguous):
- A bare weekday ("on Tuesday", "Tuesday") is the nearest such day on or after publication for a
  future statement and on or before it for a past one; the publication weekday itself therefore
  means the publication day (wire copy names today by its weekday). Without a tense to lean on
  (a present-tense headline: "Biden, Xi meet in Bali Monday") it is the closer of the two.
- "next Tuesday" is the first Tuesday strictly after publication; "last Tuesday" the last one
  strictly before; "this Tuesday" the one in the publication's Monday-to-Sunday week, except in
  a future statement, where it is the coming one (like a bare weekday).
- An explicit day without a year ("Jan 13th") takes the year that puts it nearest to publication,
  leaning backward for past statements; a future statement always looks ahead (two days of
  slack for time zones).
- Month-only and vague expressions ("in January", "next week", "in the coming days") resolve to
  start=None; the text is kept so a reader still sees it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from bot.pipeline.dates.patterns import (
    DAY_WORD,
    DAY_WORDS,
    DIGIT,
    EXPLICIT,
    FUTURE_VAGUE,
    MONTH_NAME,
    MONTHS,
    NUMERIC,
    ORDINAL_DAY,
    PAST_VAGUE,
    RELATIVE_DAY,
    RELATIVE_WEEKDAY,
    VAGUE,
    WEEKDAYS,
    WEEKEND,
)
from bot.pipeline.dates.relative import counted_from_before, relative_shift

# "nearest": no tense to lean on (a present-tense headline): the closer of the two candidates.
Tense = Literal["future", "past", "unknown", "nearest"]

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "DateSpan",
    "Tense",
    "find_dates",
    "month_end",
    "month_end_of",
    "pick_year",
    "relative_shift",
    "resolve_weekday",
]


@dataclass(frozen=True)
class DateSpan:
    """A date expression found in text: its resolved start/end (None if vague) and offsets."""

    text: str
    start: date | None
    end: date | None
    begin: int
    stop: int
    past_hint: bool = False
    future_hint: bool = False

    @property
    def exact(self) -> bool:
        """Whether the expression names a calendar day."""
        return self.start is not None


def pick_year(month: int, day: int, published: date, tense: Tense = "unknown") -> date | None:
    """The year for a day-and-month that lands nearest publication, leaning by tense."""
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None

    def distance(d: date) -> float:
        delta = (d - published).days
        if tense == "future" and delta < -2:
            return abs(delta) + 400  # "will visit India on December 4-5" in March: next December
        if tense == "past" and delta > 2:
            return delta + 90
        return abs(delta)

    return min(options, key=distance)


def resolve_weekday(weekday: int, published: date, tense: Tense, mod: str = "") -> date:
    """The calendar day a weekday expression points at, from the publication date."""
    mod = mod.lower()
    ahead = (weekday - published.weekday()) % 7
    if mod == "next" or (mod == "coming" and ahead == 0):
        return published + timedelta(days=ahead or 7)
    if mod == "last":
        return published - timedelta(days=(published.weekday() - weekday) % 7 or 7)
    if mod == "this" and tense != "future":
        return published + timedelta(days=weekday - published.weekday())
    if tense == "past" or (tense == "nearest" and ahead > 3):
        return published - timedelta(days=(published.weekday() - weekday) % 7)
    return published + timedelta(days=ahead)


def _explicit(match: re.Match[str], published: date, tense: Tense) -> tuple[date, date] | None:
    groups = {k: v for k, v in match.groupdict().items() if v}
    if "d3" in groups:
        m1 = m2 = MONTHS[groups["m3"].lower()]
        d1 = d2 = int(groups["d3"])
        year = groups.get("y3")
    else:
        m2 = MONTHS[(groups.get("m2") or groups.get("m1", "")).lower()]
        m1 = MONTHS[groups["m1"].lower()] if "m1" in groups else m2
        d1 = int(groups["d1"])
        d2 = int(groups.get("d2", d1))
        year = groups.get("y")
    try:
        if year:
            start = date(int(year), m1, d1)
        else:
            picked = pick_year(m1, d1, published, tense)
            if picked is None:
                return None
            start = picked
        end = date(start.year + (1 if (m2, d2) < (m1, d1) else 0), m2, d2)
    except ValueError:
        return None
    return (start, end) if end >= start else None


def _numeric_date(m: re.Match[str]) -> date | None:
    parts = (
        (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else m.group("iy", "im", "id")
    )
    try:
        return date(*(int(p) for p in parts))
    except ValueError:
        return None


def _day_of_month(day: int, published: date, tense: Tense) -> date | None:
    """ "on the 9th": that day in the publication month or the next (previous, if past)."""
    step = -1 if tense == "past" else 1
    for shift in (0, step):
        month = (published.month - 1 + shift) % 12 + 1
        year = published.year + (published.month - 1 + shift) // 12
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if (candidate >= published) == (step == 1) or candidate == published:
            return candidate
    return None


def _ordinal_span(m: re.Match[str], published: date, tense: Tense) -> DateSpan | None:
    """ "the 12th and 13th (of next month)": days of the coming (or named) month."""
    if m.group("which") == "next":
        month_start = month_end_of(published) + timedelta(days=1)
        day = _day_of_month(int(m.group("d")), month_start, "future")
    else:
        day = _day_of_month(int(m.group("d")), published, tense)
    if day is None:
        return None
    end = day
    if m.group("d2"):
        try:
            end = day.replace(day=int(m.group("d2")))
        except ValueError:
            return None
        if end < day:
            return None
    return DateSpan(m.group(0), day, end, m.start(), m.end())


def month_end_of(day: date) -> date:
    """The last day of `day`'s month."""
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def month_end(text: str, published: date) -> date | None:
    """The last day of a month named in a past statement ("in October" -> 31 Oct before)."""
    names = [w.strip(".,").lower() for w in text.split() if w[:1].isupper()]
    month = next((MONTHS[n] for n in names if n in MONTHS), None)
    if month is None:
        return None
    year = published.year if month <= published.month else published.year - 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def find_dates(text: str, published: date, tense: Tense = "unknown") -> list[DateSpan]:
    """Every date expression in `text`, resolved; overlapping matches keep the longest."""
    found: list[DateSpan] = []
    weekdays: set[int] = set()
    for kind, m in _matches(text):
        span = _RESOLVE[kind](m, published, tense)
        if span:
            found.append(span)
            if kind == "weekday" and not m.group("mod") and not m.group("week"):
                weekdays.add(span.begin)
    return counted_from_before(_in_order(_longest_first(found), weekdays, tense))


def _in_order(spans: list[DateSpan], bare: set[int], tense: Tense) -> list[DateSpan]:
    """ "will fly to Beijing on Sunday, then hold meetings Monday": a bare weekday told after an
    earlier day of the same plan comes after it, not on the publication Monday before it."""
    if tense == "past" or not bare:
        return spans
    result: list[DateSpan] = []
    last: date | None = None
    for span in spans:
        if span.begin in bare and span.start and span.end and last and span.start < last:
            week = timedelta(days=7)
            span = replace(span, start=span.start + week, end=span.end + week)
        last = span.end or span.start or last
        result.append(span)
    return result


@lru_cache(maxsize=64)
def _matches(text: str) -> tuple[tuple[str, re.Match[str]], ...]:
    """The date patterns' matches, in resolution order: the same sentence is dated once per event
    and tense, and the matching (unlike the resolving) does not depend on either."""
    found: list[tuple[str, re.Match[str]]] = []
    if MONTH_NAME.search(text) and DIGIT.search(text):  # every explicit day names both
        found += [("explicit", m) for pattern in EXPLICIT for m in pattern.finditer(text)]
    found += [("numeric", m) for m in NUMERIC.finditer(text)]
    found += [("ordinal", m) for m in ORDINAL_DAY.finditer(text)]
    found += [("day_word", m) for m in DAY_WORD.finditer(text)]
    found += [("weekday", m) for m in RELATIVE_WEEKDAY.finditer(text)]
    found += [("relative", m) for m in RELATIVE_DAY.finditer(text)]
    found += [("weekend", m) for m in WEEKEND.finditer(text)]
    found += [("vague", m) for m in VAGUE.finditer(text)]
    return tuple(found)


def _explicit_span(m: re.Match[str], published: date, tense: Tense) -> DateSpan | None:
    span = _explicit(m, published, tense)
    if span is None:
        return None
    words = m.group(0).strip().rstrip(".")
    return DateSpan(words, *span, m.start(), m.start() + len(words))


def _numeric_span(m: re.Match[str], published: date, tense: Tense) -> DateSpan | None:
    numeric = _numeric_date(m)
    return DateSpan(m.group(0), numeric, numeric, m.start(), m.end()) if numeric else None


def _day_word_span(m: re.Match[str], published: date, tense: Tense) -> DateSpan:
    word = m.group(0).lower().split()[-1]
    offset = 2 if m.group(0).lower().startswith("the day after") else DAY_WORDS.get(word, 0)
    day = published + timedelta(days=offset)
    return DateSpan(m.group(0), day, day, m.start(), m.end(), offset < 0)


def _vague_span(m: re.Match[str], published: date, tense: Tense) -> DateSpan:
    hint = bool(PAST_VAGUE.search(m.group(0)))
    ahead = not hint and bool(FUTURE_VAGUE.search(m.group(0)))
    return DateSpan(m.group(0), None, None, m.start(), m.end(), hint, ahead)


def _relative_span(m: re.Match[str], published: date, tense: Tense) -> DateSpan | None:
    """Undated until the day it counts from is known (see `counted_from_before`)."""
    if relative_shift(m.group(0)) is None:
        return None
    return DateSpan(m.group(0), None, None, m.start(), m.end())


def _weekday_span(m: re.Match[str], published: date, tense: Tense) -> DateSpan:
    mod = (m.group("mod") or "").lower()
    start = resolve_weekday(WEEKDAYS[m.group("wd").lower()], published, tense, mod)
    if m.group("week"):  # "on Monday next week": that day of the next Monday-to-Sunday week
        shift = 7 if m.group("week").lower() == "next" else -7
        start = resolve_weekday(start.weekday(), published, "unknown", "this") + timedelta(shift)
    end = start
    if m.group("wd2"):
        end = start + timedelta(days=(WEEKDAYS[m.group("wd2").lower()] - start.weekday()) % 7)
    past = mod == "last" or (m.group("week") or "").lower() == "last"
    return DateSpan(m.group(0), start, end, m.start(), m.end(), past)


def _weekend_span(m: re.Match[str], published: date, tense: Tense) -> DateSpan:
    """Saturday and Sunday: of this week ("at the weekend"), the next or the last one.

    In a past statement a bare "over the weekend" is the one just gone."""
    mod = (m.group("mod") or "").lower().split()[-1:] or [""]
    saturday = published + timedelta(days=5 - published.weekday())
    past = mod[0] == "last" or (not mod[0] and tense == "past" and saturday > published)
    if mod[0] in {"next", "following"}:
        saturday += timedelta(days=7)
    elif past:
        saturday -= timedelta(days=7)
    sunday = saturday + timedelta(days=1)
    return DateSpan(m.group(0), saturday, sunday, m.start(), m.end(), past)


_RESOLVE: dict[str, Callable[[re.Match[str], date, Tense], DateSpan | None]] = {
    "explicit": _explicit_span,
    "numeric": _numeric_span,
    "ordinal": _ordinal_span,
    "day_word": _day_word_span,
    "weekday": _weekday_span,
    "weekend": _weekend_span,
    "vague": _vague_span,
    "relative": _relative_span,
}


def _longest_first(spans: list[DateSpan]) -> list[DateSpan]:
    kept: list[DateSpan] = []
    for span in sorted(spans, key=lambda s: (-(s.stop - s.begin), s.begin)):
        if all(span.stop <= k.begin or span.begin >= k.stop for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.begin)
