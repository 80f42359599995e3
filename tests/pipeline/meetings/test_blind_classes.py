"""Failure classes found on unseen articles (round 2), each with invented sentences."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from bot.pipeline.types import Meeting
from tests.pipeline.meetings.test_meetings import extract, upcoming

WED = date(2026, 3, 4)
NOV = date(2025, 11, 19)
HEADLINE = "Diplomatic agenda for the coming weeks"


def day(meeting: Meeting) -> date | None:
    """The meeting's calendar day; a week- or month-only date is no day."""
    return meeting.start if meeting.precision == "day" else None


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
        (
            "The leaders discussed the summit planned for June 14-16 in Evian.",
            date(2026, 6, 14),
            date(2026, 6, 16),
        ),
    ],
)
def test_a_past_framing_verb_does_not_make_a_later_event_past(
    nlp: Language, sentence: str, start: date | None, end: date | None
) -> None:
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert (day(meeting), meeting.end if start else None) == (start, end)


def test_cancelled_plans_stay_out(nlp: Language) -> None:
    assert extract(nlp, "", "Biden's plans to visit Kyiv next week were cancelled.", WED) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The two ministers met on January 13 in Davos.",
        "Talks were held in Geneva on January 13.",
        "The two leaders held talks on January 13.",
        "Ministers reviewed the results of the talks hosted by Oman on January 13.",
        "The ministers discussed the outcome of the Geneva talks on January 13.",
        "Soon after the talks, Lavrov flew back to Moscow.",
    ],
)
def test_a_past_event_stays_past_across_the_year_turn(nlp: Language, sentence: str) -> None:
    found = extract(nlp, "", sentence, NOV)
    assert found and all(m.status == "past" for m in found)


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("Talks will resume on the 15th.", date(2026, 3, 15), date(2026, 3, 15)),
        (
            "The two leaders will meet on the 12th and 13th of this month.",
            date(2026, 3, 12),
            date(2026, 3, 13),
        ),
        ("The summit is scheduled for the 20th and 21st.", date(2026, 3, 20), date(2026, 3, 21)),
        (
            "The summit is scheduled for the 2nd-3rd of next month.",
            date(2026, 4, 2),
            date(2026, 4, 3),
        ),
    ],
)
def test_ordinal_days_without_a_month(nlp: Language, sentence: str, start: date, end: date) -> None:
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert (meeting.start, meeting.end) == (start, end)


def test_a_date_and_place_put_before_the_subject_belong_to_the_main_clause(
    nlp: Language,
) -> None:
    sentence = (
        "In Tashkent on 17-18 March, the High Representative will co-chair the "
        "EU-Central Asia ministerial meeting."
    )
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert (meeting.start, meeting.end, meeting.place) == (
        date(2026, 3, 17),
        date(2026, 3, 18),
        "Tashkent",
    )


def test_a_fronted_date_of_the_reporting_verb_does_not_date_the_event(nlp: Language) -> None:
    (meeting,) = upcoming(nlp, "", "On Monday, Lavrov said the talks would start on Friday.", WED)
    assert meeting.start == date(2026, 3, 6)


def test_a_meeting_on_the_margins_shares_the_hosts_place_and_date(nlp: Language) -> None:
    sentence = (
        "The two ministers agreed to meet on the margins of the NATO foreign ministers' "
        "meeting in Brussels on March 23-24."
    )
    found = upcoming(nlp, "", sentence, WED)
    assert len(found) == 2
    assert {(m.place, m.start, m.end) for m in found} == {
        ("Brussels", date(2026, 3, 23), date(2026, 3, 24))
    }


def test_a_bilateral_on_the_sidelines_does_not_date_the_summit(nlp: Language) -> None:
    sentence = "Erdogan will meet Putin on Monday on the sidelines of the SCO summit in Tianjin."
    found = {m.kind: m for m in upcoming(nlp, "", sentence, WED)}
    assert (found["meeting"].start, found["meeting"].place) == (date(2026, 3, 9), "Tianjin")
    assert found["summit"].start is None


def test_a_dated_mention_in_reported_speech_wins_over_a_later_undated_one(
    nlp: Language,
) -> None:
    body = (
        '"We will coordinate closely," Kallas said, ahead of a meeting of EU foreign ministers '
        "in Luxembourg on April 20.\n\nThe meeting of EU foreign ministers will focus on Ukraine."
    )
    (meeting,) = upcoming(nlp, HEADLINE, body, WED)
    assert (meeting.start, meeting.place) == (date(2026, 4, 20), "Luxembourg")


@pytest.mark.parametrize(
    ("sentence", "kind", "start"),
    [
        (
            "A second round of consultations is due to begin in Washington later this month.",
            "talks",
            None,
        ),
        (
            "The visit of Chinese Foreign Minister Wang Yi to Kyiv is planned for next week.",
            "visit",
            None,
        ),
        (
            "When negotiators from Iran and the United States sit down in Muscat on March 12, "
            "they will discuss sanctions.",
            "meeting",
            date(2026, 3, 12),
        ),
        (
            "Netanyahu, who is due to meet Trump at the White House next Monday, has rejected "
            "the plan.",
            "meeting",
            date(2026, 3, 9),
        ),
        (
            "Kallas will chair the Foreign Affairs Council in Brussels on 23 March.",
            "council",
            date(2026, 3, 23),
        ),
        ("Putin and Erdogan will hold telephone talks on Friday.", "call", date(2026, 3, 6)),
    ],
)
def test_announcements_in_nouns_passives_and_subordinate_clauses(
    nlp: Language, sentence: str, kind: str, start: date | None
) -> None:
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert (meeting.kind, day(meeting)) == (kind, start)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Kremlin did not say when Putin and Erdogan would meet.",
        "The talks were due to begin on Monday.",
        "When they met in Geneva last week, the ministers agreed on a ceasefire.",
        "Scholz hopes to meet Xi in Beijing next month.",
        "Diplomats say the next round of talks could take place next month.",
    ],
)
def test_questions_stale_plans_and_past_when_clauses_stay_out(nlp: Language, sentence: str) -> None:
    assert upcoming(nlp, "", sentence, WED) == []


def test_a_future_statement_looks_ahead_for_a_date_without_a_year(nlp: Language) -> None:
    sentence = "Putin will visit India on December 4-5, the Kremlin said on Tuesday."
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert (meeting.start, meeting.end) == (date(2026, 12, 4), date(2026, 12, 5))


def test_a_where_clause_with_its_own_date_is_its_own_event_at_that_place(
    nlp: Language,
) -> None:
    sentence = (
        "Blinken will travel to Riyadh on Sunday, where he will attend a GCC ministerial "
        "meeting on Monday."
    )
    found = upcoming(nlp, "", sentence, WED)
    assert [(m.kind, m.place, m.start) for m in found] == [
        ("visit", "Riyadh", date(2026, 3, 8)),
        ("meeting", "Riyadh", date(2026, 3, 9)),
    ]


def test_undated_plans_are_not_announcements(nlp: Language) -> None:
    sentence = (
        "Kishida discussed with Yoon plans for a trilateral summit, which China has not yet "
        "agreed to."
    )
    assert upcoming(nlp, "", sentence, WED) == []


def test_a_hosted_working_dinner_is_a_meeting(nlp: Language) -> None:
    sentence = "Macron will host a working dinner for his EU counterparts on Thursday evening."
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert (meeting.kind, meeting.start) == ("meeting", date(2026, 3, 5))


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministers discussed the issue over dinner on Monday.",
        "Xi will attend a dinner with business leaders on Thursday.",
    ],
)
def test_other_meals_are_not_meetings(nlp: Language, sentence: str) -> None:
    assert upcoming(nlp, "", sentence, WED) == []


def test_a_date_hung_on_a_trailing_reporting_verb_is_the_events(nlp: Language) -> None:
    sentence = (
        "Kishida will host Yoon in Tokyo on Friday, Chief Cabinet Secretary Minoru Kihara "
        "told reporters."
    )
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert meeting.start == date(2026, 3, 6)


@pytest.mark.parametrize(
    "sentence",
    [
        "Erdogan will visit Syria's capital Damascus on Monday.",
        "Erdogan will travel to the Syrian capital, Damascus, on Monday.",
    ],
)
def test_a_capital_named_in_apposition_is_the_place(nlp: Language, sentence: str) -> None:
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert (meeting.place, meeting.start) == ("Damascus", date(2026, 3, 9))


def test_an_old_report_with_only_a_vague_date_is_stale(nlp: Language) -> None:
    assert upcoming(nlp, "", "Last year, Xi said he would visit Moscow next spring.", WED) == []


def test_an_event_ahead_of_which_something_happened_has_its_own_date_and_place(
    nlp: Language,
) -> None:
    sentence = "Wang Yi met Lavrov in Beijing on Monday, ahead of Xi's trip to Moscow on March 20."
    (trip,) = upcoming(nlp, "", sentence, WED)
    assert (trip.kind, trip.place, trip.start) == ("visit", "Moscow", date(2026, 3, 20))
    assert "Lavrov" not in trip.participants


def test_a_participle_that_says_the_event_happened_keeps_it_past(nlp: Language) -> None:
    sentence = "The summit held in Evian on June 14-16 produced a joint statement on trade."
    assert upcoming(nlp, "", sentence, WED) == []


def test_opens_and_closes_give_start_and_end(nlp: Language) -> None:
    sentence = "The ASEAN summit opens in Kuala Lumpur on Sunday and closes on Tuesday."
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert (meeting.start, meeting.end) == (date(2026, 3, 8), date(2026, 3, 10))


def test_slated_announces(nlp: Language) -> None:
    sentence = "Leaders of the Quad are slated to meet in New Delhi early next year."
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert (meeting.place, meeting.date_text) == ("New Delhi", "early next year")


def test_hosting_leaders_is_a_meeting(nlp: Language) -> None:
    sentence = "Lula will host leaders of the BRICS group in Rio de Janeiro on December 6-7."
    (meeting,) = upcoming(nlp, "", sentence, NOV)
    assert (meeting.place, meeting.start, meeting.end) == (
        "Rio de Janeiro",
        date(2025, 12, 6),
        date(2025, 12, 7),
    )


def test_an_undated_headline_tells_the_lead_event(nlp: Language) -> None:
    title = "President of Uzbekistan will receive leaders of SCO states"
    body = "The SCO summit will be held in Samarkand on 15-16 September, officials said."
    (meeting,) = upcoming(nlp, title, body, date(2022, 9, 12))
    assert (meeting.kind, meeting.start) == ("summit", date(2022, 9, 15))


@pytest.mark.parametrize(
    "sentence",
    [
        "IAEA chief Rafael Grossi is expected in Tehran early next month.",
        "Rafael Grossi is due in Tehran early next month for talks.",
    ],
)
def test_expected_or_due_in_a_place_is_a_visit(nlp: Language, sentence: str) -> None:
    (meeting,) = upcoming(nlp, "", sentence, NOV)
    assert meeting.place == "Tehran"
    assert "Rafael Grossi" in meeting.participants
