"""Date failure classes of the second blind set: travel day, dated dateline, "Monday next week"."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from tests.pipeline.meetings.test_meetings import extract, upcoming

MON = date(2026, 6, 1)


def test_a_flight_to_attend_an_event_is_the_event_on_its_own_day(nlp: Language) -> None:
    body = (
        "Swiss Foreign Minister Anna Keller will fly to Bern on Monday to attend the "
        "conference on Tuesday and Wednesday, her office said."
    )
    (meeting,) = extract(nlp, "", body, MON)
    assert (meeting.kind, meeting.start, meeting.end) == (
        "conference",
        date(2026, 6, 2),
        date(2026, 6, 3),
    )
    assert meeting.place == "Bern"


def test_leaving_for_a_summit_takes_the_summits_day(nlp: Language) -> None:
    body = "President Ruto leaves for Accra on Thursday for the summit, which opens on Friday."
    (meeting,) = upcoming(nlp, "", body, MON)
    assert meeting.start == date(2026, 6, 5)


def test_a_trip_whose_stops_have_their_own_meetings_keeps_its_visits(nlp: Language) -> None:
    body = (
        "Chancellor Erik Lund will travel to Warsaw on Monday for talks with the president, "
        "and to Vilnius on Tuesday to meet the prime minister, a spokesman said."
    )
    visits = [m for m in upcoming(nlp, "", body, MON) if m.kind == "visit"]
    assert [(m.place, m.start) for m in visits] == [
        ("Warsaw", date(2026, 6, 1)),
        ("Vilnius", date(2026, 6, 2)),
    ]


@pytest.mark.parametrize(
    "dateline", ["Lagos, June 2 (NAN) ", "New Delhi, 2 June (PTI): ", "Lagos, June 2, 2026 - "]
)
def test_a_datelines_date_is_never_the_events(nlp: Language, dateline: str) -> None:
    body = (
        dateline
        + "Foreign Minister Musa Bello will visit Ghana from June 20 to 22, the ministry said."
    )
    (meeting,) = upcoming(nlp, "", body, MON)
    assert (meeting.start, meeting.end) == (date(2026, 6, 20), date(2026, 6, 22))


def test_monday_next_week_is_not_the_publication_day(nlp: Language) -> None:
    body = "Foreign Minister Musa Bello will visit Ghana on Monday next week."
    (meeting,) = upcoming(nlp, "", body, MON)
    assert meeting.start == date(2026, 6, 8)


def test_bare_later_stops_with_their_own_dates_are_visits(nlp: Language) -> None:
    body = (
        "Foreign Minister Maria Berg will visit Oslo on June 3 and 4, Riga on June 6 and "
        "Vilnius from June 8 to 9."
    )
    found = upcoming(nlp, "", body, MON)
    assert [(m.place, m.start, m.end) for m in found] == [
        ("Oslo", date(2026, 6, 3), date(2026, 6, 4)),
        ("Riga", date(2026, 6, 6), date(2026, 6, 6)),
        ("Vilnius", date(2026, 6, 8), date(2026, 6, 9)),
    ]
