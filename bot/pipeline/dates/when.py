"""Short, unambiguous dates for meetings and digest headers: "Sun 9 – Mon 10 Jan 2022".

English abbreviations are written out here rather than taken from `strftime`, whose names follow
the process locale: a bot started under de_DE must not greet readers with "So 9 Jan".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
RANGE_DASH = " – "
UNDATED = "date to be announced"


def _as_date(value: date) -> date:
    # A datetime is a date subclass; keep only the calendar day it names (already localised).
    return value.date() if isinstance(value, datetime) else value


def _day(d: date) -> str:
    return f"{WEEKDAYS[d.weekday()]} {d.day}"


def _day_month(d: date) -> str:
    return f"{_day(d)} {MONTHS[d.month - 1]}"


def _coarse(first: date, precision: str, year: str) -> str:
    """ "week of 12 Jun", "in June", "later in June": a week or month shown as what it is."""
    if precision == "week":
        monday = first - timedelta(days=first.weekday())
        return f"week of {monday.day} {MONTHS[monday.month - 1]}{year}"
    later = "later in" if first.day > 1 else "in"  # the window starts on the publication day
    return f"{later} {MONTH_NAMES[first.month - 1]}{year}"


def format_when(
    start: date | None,
    end: date | None,
    date_text: str = "",
    *,
    with_year: bool = False,
    precision: str = "day",
) -> str:
    """A meeting's date or range; the month (and year) is written once when both ends share it.

    A meeting known only to its week or month (`precision`) is never written as a day.
    """
    if start is None:
        return date_text.strip() or UNDATED
    first = _as_date(start)
    if precision in {"week", "month"}:
        return _coarse(first, precision, f" {first.year}" if with_year else "")
    last = _as_date(end) if end is not None else first
    if last < first:
        first, last = last, first
    year = f" {last.year}" if with_year else ""
    if last == first:
        return f"{_day_month(first)}{year}"
    if first.year != last.year:
        # Across New Year both years are needed, or "Fri 31 Dec – Sat 1 Jan" reads as one year.
        return f"{_day_month(first)} {first.year}{RANGE_DASH}{_day_month(last)} {last.year}"
    if first.month == last.month:
        return f"{_day(first)}{RANGE_DASH}{_day_month(last)}{year}"
    return f"{_day_month(first)}{RANGE_DASH}{_day_month(last)}{year}"


def format_day_header(d: date) -> str:
    """The digest's date line: "Fri 7 Jan 2022"."""
    day = _as_date(d)
    return f"{_day_month(day)} {day.year}"
