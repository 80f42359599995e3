"""Date expressions resolved against the publication date (never today), and how a date reads.

`find_dates` turns text into `DateSpan`s; `format_when` and `format_day_header` are the digest's
wording ("Sun 9 – Mon 10 Jan"). No spaCy: plain text in, calendar dates out.
"""

from bot.pipeline.dates.patterns import MONTHS, WEEKDAYS
from bot.pipeline.dates.resolve import (
    DateSpan,
    Tense,
    find_dates,
    month_end,
    pick_year,
    relative_shift,
    resolve_weekday,
)
from bot.pipeline.dates.vague import vague_bounds
from bot.pipeline.dates.when import UNDATED, format_day_header, format_when

__all__ = [
    "MONTHS",
    "UNDATED",
    "WEEKDAYS",
    "DateSpan",
    "Tense",
    "find_dates",
    "format_day_header",
    "format_when",
    "month_end",
    "pick_year",
    "relative_shift",
    "resolve_weekday",
    "vague_bounds",
]
