"""Date expressions resolve against the publication date, never against today."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.pipeline.dates.resolve import (
    WEEKDAYS,
    Tense,
    find_dates,
    month_end,
    pick_year,
    resolve_weekday,
)

FRI = date(2022, 1, 7)  # a Friday
MON = date(2022, 1, 3)


def one(text: str, published: date = FRI, tense: str = "future") -> tuple[date | None, date | None]:
    spans = find_dates(text, published, tense)  # type: ignore[arg-type]
    assert len(spans) == 1, spans
    return spans[0].start, spans[0].end


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("talks on January 9-10", date(2022, 1, 9), date(2022, 1, 10)),
        ("on 9-10 January", date(2022, 1, 9), date(2022, 1, 10)),
        ("July 4-5", date(2022, 7, 4), date(2022, 7, 5)),
        ("from March 20 to 22", date(2022, 3, 20), date(2022, 3, 22)),
        ("March 20to 22", date(2022, 3, 20), date(2022, 3, 22)),
        ("on 9 January", date(2022, 1, 9), date(2022, 1, 9)),
        ("on Friday next week", date(2022, 1, 14), date(2022, 1, 14)),
        ("on Tuesday and Wednesday of next week", date(2022, 1, 11), date(2022, 1, 12)),
        ("on Friday last week", date(2021, 12, 31), date(2021, 12, 31)),
        ("Jan. 9", date(2022, 1, 9), date(2022, 1, 9)),
        ("Jan 9, 2022", date(2022, 1, 9), date(2022, 1, 9)),
        ("Jan 13th", date(2022, 1, 13), date(2022, 1, 13)),
        ("30 March to 2 April 2022", date(2022, 3, 30), date(2022, 4, 2)),
        ("between 20 and 22 March", date(2022, 3, 20), date(2022, 3, 22)),
        ("on Sunday, January 9", date(2022, 1, 9), date(2022, 1, 9)),
        ("on Sunday and Monday", date(2022, 1, 9), date(2022, 1, 10)),
        ("Monday through Wednesday", date(2022, 1, 10), date(2022, 1, 12)),
        ("on the 9th", date(2022, 1, 9), date(2022, 1, 9)),
        ("on 09.01.2022", date(2022, 1, 9), date(2022, 1, 9)),
        ("on 2022-01-09", date(2022, 1, 9), date(2022, 1, 9)),
        ("on the 9th of January", date(2022, 1, 9), date(2022, 1, 9)),
        ("9th and 10th of January", date(2022, 1, 9), date(2022, 1, 10)),
        ("on the 3rd", date(2022, 2, 3), date(2022, 2, 3)),
        ("on the 12th and 13th", date(2022, 1, 12), date(2022, 1, 13)),
        ("the 20th-21st of next month", date(2022, 2, 20), date(2022, 2, 21)),
        ("tomorrow", date(2022, 1, 8), date(2022, 1, 8)),
        ("today", FRI, FRI),
        ("on Sunday", date(2022, 1, 9), date(2022, 1, 9)),
        ("next Tuesday", date(2022, 1, 11), date(2022, 1, 11)),
    ],
)
def test_explicit_and_relative_dates(text: str, start: date, end: date) -> None:
    assert one(text) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "in January",
        "later this month",
        "next week",
        "this week",
        "in the coming days",
        "in two weeks",
        "within days",
        "by the end of the month",
        "in the first half of next year",
        "later in October",
        "in the second half of August",
        "in the autumn",
        "next spring",
        "the week after next",
        "at the end of October",
        "early next year",
    ],
)
def test_vague_dates_keep_text_without_start(text: str) -> None:
    spans = find_dates(f"talks {text}", FRI, "future")
    assert [(s.text, s.start, s.end) for s in spans] == [(text, None, None)]


def test_day_without_year_in_november_is_next_year() -> None:
    assert one("Jan 13th", date(2021, 11, 20)) == (date(2022, 1, 13), date(2022, 1, 13))


def test_weekday_after_monday_publication_is_the_next_day() -> None:
    assert one("Tuesday", MON) == (date(2022, 1, 4), date(2022, 1, 4))


def test_ordinal_day_in_a_past_statement_looks_back() -> None:
    assert one("met on the 3rd", FRI, "past") == (date(2022, 1, 3), date(2022, 1, 3))
    assert one("met on the 20th", FRI, "past") == (date(2021, 12, 20), date(2021, 12, 20))


def test_past_tense_weekday_looks_back() -> None:
    assert one("met on Tuesday", FRI, "past") == (date(2022, 1, 4), date(2022, 1, 4))


def test_publication_weekday_is_the_publication_day_in_both_tenses() -> None:
    assert one("on Friday", FRI, "future")[0] == FRI
    assert one("on Friday", FRI, "past")[0] == FRI


def test_without_a_tense_a_weekday_is_the_closer_one() -> None:
    assert one("Biden, Xi meet Monday", date(2022, 11, 15), "nearest")[0] == date(2022, 11, 14)
    assert one("Talks resume Monday", date(2022, 11, 13), "nearest")[0] == date(2022, 11, 14)


def test_month_end_of_a_month_named_in_a_past_statement() -> None:
    assert month_end("in October", FRI) == date(2021, 10, 31)
    assert month_end("in January", FRI) == date(2022, 1, 31)
    assert month_end("in December", FRI) == date(2021, 12, 31)
    assert month_end("next week", FRI) is None


def test_last_week_and_yesterday_hint_past() -> None:
    spans = find_dates("last week's talks and yesterday's call", FRI)
    assert [s.past_hint for s in spans] == [True, True]


def test_modal_may_is_not_a_month() -> None:
    assert find_dates("they may 5 times meet", FRI) == []


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.sampled_from(sorted(WEEKDAYS)))
def test_weekday_resolution_lands_on_that_weekday_within_a_week(pub: date, name: str) -> None:
    wd = WEEKDAYS[name]
    future = resolve_weekday(wd, pub, "future")
    past = resolve_weekday(wd, pub, "past")
    nxt = resolve_weekday(wd, pub, "future", "next")
    assert future.weekday() == past.weekday() == nxt.weekday() == wd
    assert timedelta(0) <= future - pub < timedelta(7)
    assert timedelta(0) <= pub - past < timedelta(7)
    assert timedelta(0) < nxt - pub <= timedelta(7)


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(1, 12), st.integers(1, 28))
def test_picked_year_is_within_about_half_a_year(pub: date, month: int, day: int) -> None:
    picked = pick_year(month, day, pub)
    assert picked is not None and (picked.month, picked.day) == (month, day)
    assert abs((picked - pub).days) <= 184


def test_every_expression_of_a_sentence_is_found_with_its_offsets() -> None:
    text = "PARIS, Feb 10 (Wire) - Macron will host Tusk next Monday, the Elysee said on Saturday."
    spans = find_dates(text, date(2024, 2, 10), "future")
    assert [(s.text, text[s.begin : s.stop]) for s in spans] == [
        ("Feb 10", "Feb 10"),
        ("next Monday", "next Monday"),
        ("on Saturday", "on Saturday"),
    ]
    assert spans[1].start == date(2024, 2, 12)


def test_date_text_drops_a_sentence_full_stop() -> None:
    (span,) = find_dates("The council meets on 2-3 December.", date(2021, 11, 25), "future")
    assert (span.text, span.start, span.end) == (
        "2-3 December",
        date(2021, 12, 2),
        date(2021, 12, 3),
    )


_WORDS = st.sampled_from(
    [
        "on", "Monday", "Friday", "next", "last", "this", "January", "Jan.", "March", "9", "10",
        "31", "13th", "-", "to", "and", "from", "2022", "week", "month", "later", "in", "the",
        "coming", "days", "tomorrow", "talks", "will", "be", "held", ",", "December", "1",
    ]
)  # fmt: skip


@given(st.lists(_WORDS, max_size=12).map(" ".join), st.dates(date(2000, 1, 1), date(2090, 1, 1)))
def test_spans_are_ordered_disjoint_and_well_formed(text: str, published: date) -> None:
    spans = find_dates(text, published, "future")
    for span in spans:
        assert 0 <= span.begin < span.stop <= len(text)
        assert (span.start is None) == (span.end is None)
        if span.start and span.end:
            assert span.start <= span.end
    assert all(a.stop <= b.begin for a, b in pairwise(spans))


@pytest.mark.parametrize(
    ("text", "tense", "days"),
    [
        ("next weekend", "future", (date(2022, 1, 15), date(2022, 1, 16))),
        ("at the weekend", "future", (date(2022, 1, 8), date(2022, 1, 9))),
        ("this weekend", "future", (date(2022, 1, 8), date(2022, 1, 9))),
        ("over the weekend", "past", (date(2022, 1, 1), date(2022, 1, 2))),
        ("last weekend", "unknown", (date(2022, 1, 1), date(2022, 1, 2))),
    ],
)
def test_a_weekend_is_its_saturday_and_sunday(
    text: str, tense: Tense, days: tuple[date, date]
) -> None:
    """Friday 7 Jan: "next weekend" is the one of the next week, not tomorrow's."""
    (span,) = find_dates(f"talks {text}", FRI, tense)
    assert (span.start, span.end) == days


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("in Brussels on Dec.4-5", (date(2022, 12, 4), date(2022, 12, 5))),
        ("from Feb. 10 to Feb.11", (date(2022, 2, 10), date(2022, 2, 11))),
    ],
)
def test_an_abbreviated_month_needs_no_space_before_its_day(
    text: str, days: tuple[date, date]
) -> None:
    (span,) = find_dates(text, FRI, "future")
    assert (span.start, span.end) == days


def test_a_bare_weekday_after_an_earlier_day_of_the_plan_follows_it() -> None:
    """Monday 25 March: "fly out on Sunday, then talks Monday" is Sunday 31st, Monday 1 April."""
    monday = date(2019, 3, 25)
    text = "She will fly to Hanoi on Sunday, then hold talks Monday with the leaders."
    spans = find_dates(text, monday, "future")
    assert [(s.start, s.end) for s in spans] == [
        (date(2019, 3, 31), date(2019, 3, 31)),
        (date(2019, 4, 1), date(2019, 4, 1)),
    ]
    alone = find_dates("She will hold talks Monday.", monday, "future")
    assert [s.start for s in alone] == [monday]  # the publication weekday is the publication day
