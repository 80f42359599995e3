"""A week- or month-only date keeps its window and is written as a week or month, never a day."""

from __future__ import annotations

from datetime import date

import pytest

from bot.pipeline.dates import format_when, vague_bounds

WED_3_JUNE = date(2026, 6, 3)


@pytest.mark.parametrize(
    ("text", "bounds", "shown"),
    [
        ("next week", (date(2026, 6, 8), date(2026, 6, 14), "week"), "week of 8 Jun"),
        ("later this week", (WED_3_JUNE, date(2026, 6, 7), "week"), "week of 1 Jun"),
        ("the week after next", (date(2026, 6, 15), date(2026, 6, 21), "week"), "week of 15 Jun"),
        ("later this month", (WED_3_JUNE, date(2026, 6, 30), "month"), "later in June"),
        ("by the end of the month", (WED_3_JUNE, date(2026, 6, 30), "month"), "later in June"),
        ("next month", (date(2026, 7, 1), date(2026, 7, 31), "month"), "in July"),
        ("in mid-July", (date(2026, 7, 1), date(2026, 7, 31), "month"), "in July"),
        ("in March", (date(2027, 3, 1), date(2027, 3, 31), "month"), "in March"),
    ],
)
def test_a_vague_date_names_its_week_or_month(
    text: str, bounds: tuple[date, date, str], shown: str
) -> None:
    assert vague_bounds(text, WED_3_JUNE) == bounds
    start, end, precision = bounds
    assert format_when(start, end, text, precision=precision) == shown


@pytest.mark.parametrize("text", ["soon", "in the coming weeks", "in the spring", "last week"])
def test_other_vague_dates_stay_undated(text: str) -> None:
    assert vague_bounds(text, WED_3_JUNE) is None


def test_the_year_is_written_for_a_week_when_asked() -> None:
    when = format_when(date(2026, 6, 8), date(2026, 6, 14), with_year=True, precision="week")
    assert when == "week of 8 Jun 2026"
