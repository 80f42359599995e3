"""How far a vague date reaches: "next week" is a week, "later this month" a month, never a day.

A meeting announced for "next week" must not be shown on the publication day (the old fallback)
nor on a made-up Monday: it keeps start..end as the bounds of the week or month the text names,
with a precision ("week" or "month") that the digest, /upcoming and the calendar render
("week of 12 Jun", "later in June"). Expressions that name neither ("soon", "in the spring",
"in the coming weeks") stay undated.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.pipeline.dates.patterns import MONTHS
from bot.pipeline.dates.resolve import month_end_of
from bot.pipeline.types import DatePrecision

# The vocabulary of week- and month-only dates, kept apart from the day patterns.
_THIS_WEEK = re.compile(
    r"^(?:(?:later|early|late|by\s+the\s+end\s+of|the\s+end\s+of)\s+)?this\s+week$"
    r"|^(?:later|by\s+the\s+end\s+of)\s+(?:in\s+)?the\s+week$",
    re.IGNORECASE,
)
_NEXT_WEEK = re.compile(
    r"^(?:(?:early|late|mid|later|by\s+the\s+end\s+of|the\s+end\s+of)[-\s]+)?"
    r"(?:next|the\s+coming)\s+week$",
    re.IGNORECASE,
)
_WEEK_AFTER_NEXT = re.compile(r"^(?:in\s+)?the\s+week\s+after\s+next$", re.IGNORECASE)
_THIS_MONTH = re.compile(
    r"^(?:(?:later|late|by\s+the\s+end\s+of|the\s+end\s+of)\s+)?(?:this|the)\s+month$"
    r"|^later\s+in\s+the\s+month$",
    re.IGNORECASE,
)
_NEXT_MONTH = re.compile(
    r"^(?:(?:early|late|mid|by\s+the\s+end\s+of|the\s+end\s+of)[-\s]+)?"
    r"(?:next|the\s+coming|the\s+following)\s+month$",
    re.IGNORECASE,
)
# "in June", "early June", "mid-June", "later in June", "by the end of June 2026".
_NAMED_MONTH = re.compile(
    r"^(?:(?:in|during|for|by|at|later\s+in|earlier\s+in)\s+)?(?:the\s+)?"
    r"(?:(?:early|mid|late|(?:end|beginning|start|middle)\s+of)\s*-?\s*)?"
    r"(?:(?:first|second|last)\s+(?:half|week|days)\s+of\s+)?"
    r"(?P<month>[A-Z][a-z]+)\.?(?:\s+(?P<year>(?:19|20)\d\d))?$",
)

Bounds = tuple[date, date, DatePrecision]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week(published: date, weeks_ahead: int) -> Bounds:
    monday = _monday(published) + timedelta(weeks=weeks_ahead)
    start = max(monday, published)  # "later this week": from the publication day on
    return start, monday + timedelta(days=6), "week"


def _named_month(match: re.Match[str], published: date) -> Bounds | None:
    month = MONTHS.get(match.group("month").lower())
    if month is None:
        return None
    if match.group("year"):
        year = int(match.group("year"))
    else:  # an announcement looks ahead: "in March" said in November is next March
        year = published.year + (1 if month < published.month else 0)
    first = date(year, month, 1)
    last = month_end_of(first)
    if last < published:
        return None  # a month already over cannot hold an upcoming meeting
    return max(first, published), last, "month"


def vague_bounds(text: str, published: date) -> Bounds | None:
    """The week or month a vague date names, from the publication day; None when it names neither.

    The start never lies before publication ("later this month" runs from the publication day to
    the month's end), so a reader's "upcoming" list keeps the meeting until its window closes.
    """
    words = " ".join(text.split()).strip(" .,")
    if _THIS_WEEK.match(words):
        return _week(published, 0)
    if _NEXT_WEEK.match(words):
        return _week(published, 1)
    if _WEEK_AFTER_NEXT.match(words):
        return _week(published, 2)
    if _THIS_MONTH.match(words):
        return published, month_end_of(published), "month"
    if _NEXT_MONTH.match(words):
        first = month_end_of(published) + timedelta(days=1)
        return first, month_end_of(first), "month"
    if named := _NAMED_MONTH.match(words):
        return _named_month(named, published)
    return None
