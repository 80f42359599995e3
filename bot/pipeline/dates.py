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
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

# "nearest": no tense to lean on (a present-tense headline): the closer of the two candidates.
Tense = Literal["future", "past", "unknown", "nearest"]

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}

_MON = (
    r"(?-i:(?P<{0}>"
    + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
    + r"))\.?"
)
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<{0}>(?:19|20)\d\d))?"
_TO = r"\s*(?:-|–|—|to|until|till|through|and)\s*"
_LEAD = rf"(?:(?:from|between)\s+)?(?:{_WD},?\s+)?"


def _p(template: str, *names: str) -> str:
    return template.format(*names)


_EXPLICIT = [
    # March 20 to April 2, 2022 / January 9-10 / March 20to 22 / Jan 13th
    re.compile(
        _LEAD
        + _p(_MON, "m1")
        + r"\s+"
        + _p(_DAY, "d1")
        + rf"(?:{_TO}(?:{_WD},?\s+)?(?:"
        + _p(_MON, "m2")
        + r"\s+)?"
        + _p(_DAY, "d2")
        + r")?\b"
        + _p(_YEAR, "y"),
        re.IGNORECASE,
    ),
    # 9-10 January 2022 / from 20 to 22 March / 30 March to 2 April / on the 9th of January
    re.compile(
        _LEAD
        + _p(_DAY, "d1")
        + r"(?:\s+"
        + _p(_MON, "m1")
        + r")?"
        + _TO
        + _p(_DAY, "d2")
        + r"\s+(?:of\s+)?"
        + _p(_MON, "m2")
        + _p(_YEAR, "y")
        + r"|"
        + _LEAD
        + r"(?:the\s+)?"
        + _p(_DAY, "d3")
        + r"\s+(?:of\s+)?"
        + _p(_MON, "m3")
        + _p(_YEAR, "y3"),
        re.IGNORECASE,
    ),
]
_RELATIVE_WEEKDAY = re.compile(
    rf"\b(?:(?P<mod>next|this|last|coming|on)\s+)?(?P<wd>{_WD})"
    rf"(?:\s+(?:and|or|-|–|to|through|until|till)\s+(?P<wd2>{_WD}))?\b",
    re.IGNORECASE,
)
# 09.01.2022 (day first, as in European and translated copy) and ISO 2022-01-09.
_NUMERIC = re.compile(
    r"\b(?:(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)"
    r"|(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))\b"
)
# "on the 9th", "the 12th and 13th", "the 20th-21st of this month" (no month name follows).
_ORDINAL_DAY = re.compile(
    r"\b(?:on\s+)?the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)"
    r"(?:\s*(?:-|–|and|to|through|until)\s*(?:the\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th))?"
    r"(?:\s+of\s+(?P<which>this|next)\s+month)?\b(?!\s+(?:of\s+)?[A-Z])"
)
_DAY_WORDS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
_DAY_WORD = re.compile(
    r"\b(?:the\s+day\s+after\s+tomorrow|later\s+(?:today|in\s+the\s+day)"
    r"|this\s+(?:morning|afternoon|evening)|today|tonight|tomorrow|yesterday)\b",
    re.I,
)
_VAGUE = re.compile(
    r"\b(?:(?:later|earlier)\s+(?:this|in\s+the)\s+(?:week|month|year)"
    r"|(?:in\s+)?the\s+week\s+after\s+next"
    r"|(?:(?:later|earlier)\s+)?(?:in|during|over)\s+the\s+(?:(?:early|late)\s+)?"
    r"(?:autumn|fall|spring|summer|winter)"
    r"|(?:this|next|last)\s+(?:autumn|fall|spring|summer|winter)"
    r"|(?:(?:later|earlier)\s+)?in\s+the\s+(?:first|second|last)\s+(?:half|week|days)\s+of\s+"
    + _p(_MON, "vm3")
    + r"|(?:later|earlier)\s+in\s+"
    + _p(_MON, "vm4")
    + r"|(?:in\s+the\s+)?(?:first|second)\s+half\s+of\s+(?:this|next|the)\s+year"
    r"|(?:by\s+)?the\s+end\s+of\s+(?:this|next|the)\s+(?:week|month|year)"
    r"|(?:(?:early|late|mid)[-\s])?(?:this|next|last|the\s+coming|the\s+following)\s+"
    r"(?:week|month|weekend|year)"
    r"|(?:in|during|over)\s+the\s+(?:coming|next|following)\s+(?:few\s+)?(?:days|weeks|months)"
    r"|(?:in|within)\s+(?:a|one|two|three|four|a\s+few|several|\d+)\s+(?:days?|weeks?|months?)"
    r"|within\s+(?:days|weeks)|(?:at|over|on)\s+the\s+weekend"
    r"|(?:in|for|by|until|during|at)\s+(?:the\s+)?(?:(?:early|mid|late|end\s+of)\s*-?\s*)?"
    + _p(_MON, "vm")
    + r"(?:\s+(?:19|20)\d\d)?"
    r"|(?:early|mid|late)[-\s]" + _p(_MON, "vm2") + r"(?:\s+(?:19|20)\d\d)?"
    r"|soon)\b",
    re.IGNORECASE,
)
_PAST_VAGUE = re.compile(r"\b(?:last|earlier|yesterday|previous)\b", re.IGNORECASE)
# Vague expressions that can only point ahead of the publication day ("later this month").
_FUTURE_VAGUE = re.compile(r"\b(?:next|coming|later\s+this)\b", re.IGNORECASE)


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
    for pattern in _EXPLICIT:
        for m in pattern.finditer(text):
            span = _explicit(m, published, tense)
            if span:
                words = m.group(0).strip().rstrip(".")
                found.append(DateSpan(words, *span, m.start(), m.start() + len(words)))
    for m in _NUMERIC.finditer(text):
        numeric = _numeric_date(m)
        if numeric:
            found.append(DateSpan(m.group(0), numeric, numeric, m.start(), m.end()))
    for m in _ORDINAL_DAY.finditer(text):
        span = _ordinal_span(m, published, tense)
        if span:
            found.append(span)
    for m in _DAY_WORD.finditer(text):
        word = m.group(0).lower().split()[-1]
        offset = 2 if m.group(0).lower().startswith("the day after") else _DAY_WORDS.get(word, 0)
        day = published + timedelta(days=offset)
        found.append(DateSpan(m.group(0), day, day, m.start(), m.end(), offset < 0))
    for m in _RELATIVE_WEEKDAY.finditer(text):
        found.append(_weekday_span(m, published, tense))
    for m in _VAGUE.finditer(text):
        hint = bool(_PAST_VAGUE.search(m.group(0)))
        ahead = not hint and bool(_FUTURE_VAGUE.search(m.group(0)))
        found.append(DateSpan(m.group(0), None, None, m.start(), m.end(), hint, ahead))
    return _longest_first(found)


def _weekday_span(m: re.Match[str], published: date, tense: Tense) -> DateSpan:
    mod = (m.group("mod") or "").lower()
    start = resolve_weekday(WEEKDAYS[m.group("wd").lower()], published, tense, mod)
    end = start
    if m.group("wd2"):
        end = start + timedelta(days=(WEEKDAYS[m.group("wd2").lower()] - start.weekday()) % 7)
    return DateSpan(m.group(0), start, end, m.start(), m.end(), mod == "last")


def _longest_first(spans: list[DateSpan]) -> list[DateSpan]:
    kept: list[DateSpan] = []
    for span in sorted(spans, key=lambda s: (-(s.stop - s.begin), s.begin)):
        if all(span.stop <= k.begin or span.begin >= k.stop for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.begin)
