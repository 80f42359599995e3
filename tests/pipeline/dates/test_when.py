from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.pipeline.dates.when import UNDATED, format_day_header, format_when


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2022, 1, 9), None, "Sun 9 Jan"),
        (date(2022, 1, 9), date(2022, 1, 9), "Sun 9 Jan"),
        (date(2022, 1, 9), date(2022, 1, 10), "Sun 9 – Mon 10 Jan"),
        (date(2022, 1, 31), date(2022, 2, 1), "Mon 31 Jan – Tue 1 Feb"),
        (date(2021, 12, 31), date(2022, 1, 1), "Fri 31 Dec 2021 – Sat 1 Jan 2022"),
        (date(2022, 1, 10), date(2022, 1, 9), "Sun 9 – Mon 10 Jan"),
    ],
)
def test_format_when_without_year(start: date, end: date | None, expected: str) -> None:
    assert format_when(start, end, "") == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2022, 1, 9), None, "Sun 9 Jan 2022"),
        (date(2022, 1, 9), date(2022, 1, 10), "Sun 9 – Mon 10 Jan 2022"),
        (date(2022, 2, 28), date(2022, 3, 2), "Mon 28 Feb – Wed 2 Mar 2022"),
    ],
)
def test_format_when_with_year(start: date, end: date | None, expected: str) -> None:
    assert format_when(start, end, "", with_year=True) == expected


def test_undated_meetings_show_their_announced_wording() -> None:
    assert format_when(None, None, "January") == "January"
    assert format_when(None, None, " later this month ") == "later this month"
    assert format_when(None, None, "") == UNDATED


def test_datetimes_use_their_own_calendar_day() -> None:
    late = datetime(2022, 1, 7, 23, 30, tzinfo=ZoneInfo("America/New_York"))
    assert format_when(late, None, "") == "Fri 7 Jan"


def test_day_header() -> None:
    assert format_day_header(date(2022, 1, 7)) == "Fri 7 Jan 2022"
    assert format_day_header(date(2024, 2, 29)) == "Thu 29 Feb 2024"
