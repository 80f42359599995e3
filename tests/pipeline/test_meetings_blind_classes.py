"""Failure classes found on unseen articles (round 2), each with invented sentences."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from tests.pipeline.test_meetings import extract, upcoming

WED = date(2026, 3, 4)
NOV = date(2025, 11, 19)


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        (
            "The two leaders discussed preparations for the G7 summit in Evian on June 14-16.",
            date(2026, 6, 14),
            date(2026, 6, 16),
        ),
        ("Rubio welcomed Fidan's plans to visit Washington later this month.", None, None),
        ("Macron said he had discussed plans for a visit to Rome next week.", None, None),
    ],
)
def test_a_past_framing_verb_does_not_make_a_later_event_past(
    nlp: Language, sentence: str, start: date | None, end: date | None
) -> None:
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert (meeting.start, meeting.end) == (start, end)


def test_cancelled_plans_stay_out(nlp: Language) -> None:
    assert extract(nlp, "", "Biden's plans to visit Kyiv next week were cancelled.", WED) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The two ministers met on January 13 in Davos.",
        "Talks were held in Geneva on January 13.",
        "The ministers discussed the outcome of the Geneva talks on January 13.",
        "Soon after the talks, Lavrov flew back to Moscow.",
    ],
)
def test_a_past_event_stays_past_across_the_year_turn(nlp: Language, sentence: str) -> None:
    found = extract(nlp, "", sentence, NOV)
    assert found and all(m.status == "past" for m in found)
