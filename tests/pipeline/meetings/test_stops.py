"""Round-2 failure classes: itineraries (one visit per dated stop) and who takes part."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from tests.pipeline.meetings.test_meetings import upcoming

WED = date(2026, 3, 4)
NOV = date(2025, 11, 19)
HEADLINE = "Diplomatic agenda for the coming weeks"


def _stops(nlp: Language, body: str) -> list[tuple[str | None, date | None, date | None]]:
    found = sorted(upcoming(nlp, HEADLINE, body, WED), key=lambda m: m.start or WED)
    return [(m.place, m.start, m.end) for m in found]


def test_an_itinerary_gives_one_visit_per_stop_with_the_traveller(nlp: Language) -> None:
    body = (
        "German Chancellor Friedrich Merz will visit Ghana and Nigeria next week.\n\n"
        "The chancellor will be in Accra on Monday and in Abuja on Tuesday and Wednesday."
    )
    assert _stops(nlp, body) == [
        ("Accra", date(2026, 3, 9), date(2026, 3, 9)),
        ("Abuja", date(2026, 3, 10), date(2026, 3, 11)),
    ]
    assert all("Friedrich Merz" in m.participants for m in upcoming(nlp, HEADLINE, body, WED))


def test_the_trip_range_does_not_leak_into_its_first_stop(nlp: Language) -> None:
    body = (
        "Foreign Minister Annalena Baerbock will travel to Cairo and Amman from March 15 to 18."
        "\n\nShe will be in Cairo on March 15 and 16.\n\n"
        "She will then travel to Amman on March 17 to meet King Abdullah."
    )
    assert _stops(nlp, body) == [
        ("Cairo", date(2026, 3, 15), date(2026, 3, 16)),
        ("Amman", date(2026, 3, 17), date(2026, 3, 17)),
    ]


def test_talks_where_a_trip_ends_are_that_stop(nlp: Language) -> None:
    body = (
        "Secretary of State Marco Rubio will visit Kazakhstan and Kyrgyzstan from March 16 to "
        "19.\n\nThe Secretary will hold talks in Astana on March 16.\n\nShe will conclude her "
        "trip in Bishkek on 19 March, where she will hold talks with President Sadyr Japarov."
    )
    found = upcoming(nlp, HEADLINE, body, WED)
    assert [(m.place, m.start) for m in found] == [
        ("Astana", date(2026, 3, 16)),
        ("Bishkek", date(2026, 3, 19)),
    ]
    assert all("Marco Rubio" in m.participants for m in found)
    assert "Sadyr Japarov" in found[1].participants


def test_a_dated_first_stop_is_not_replaced_by_an_undated_mention(nlp: Language) -> None:
    body = (
        "Baerbock will travel to China on Thursday for a three-day visit, followed by stops in "
        "South Korea and Japan.\n\nIn Beijing, Baerbock will hold talks with Qin Gang."
    )
    dated = [m for m in upcoming(nlp, HEADLINE, body, WED) if m.start]
    assert [(m.kind, m.start, m.end) for m in dated] == [
        ("visit", date(2026, 3, 5), date(2026, 3, 7))
    ]


def test_the_subject_of_a_relative_clause_takes_part(nlp: Language) -> None:
    sentence = "Netanyahu, who is due to meet Trump next Monday, has rejected the plan."
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert "Netanyahu" in meeting.participants


def test_the_owner_of_the_plans_travels(nlp: Language) -> None:
    sentence = "Rubio welcomed Fidan's plans to visit Washington later this month."
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert "Fidan" in meeting.participants


def test_he_is_the_person_the_news_is_about_not_its_source(nlp: Language) -> None:
    body = (
        "Russian Foreign Minister Sergei Lavrov will travel to Beijing next week, Deputy "
        "Foreign Minister Sergei Ryabkov said.\n\nHe will hold talks with Wang Yi on Tuesday."
    )
    talks = [m for m in upcoming(nlp, HEADLINE, body, WED) if m.kind == "talks"]
    assert [m.participants for m in talks] == [("Sergei Lavrov", "Wang Yi")]


def test_a_source_is_not_a_participant(nlp: Language) -> None:
    sentence = "Lavrov will visit Kabul next week, according to envoy Zamir Kabulov."
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert "Zamir Kabulov" not in meeting.participants


def test_an_undated_trip_does_not_merge_into_its_first_dated_stop(nlp: Language) -> None:
    body = (
        "German Chancellor Friedrich Merz will visit Ghana and Nigeria next week. The "
        "chancellor will be in Accra on Monday and in Abuja on Tuesday and Wednesday."
    )
    found = upcoming(nlp, HEADLINE, body, WED)
    assert [m.title for m in found] == ["Merz visit to Accra", "Merz visit to Abuja"]
    assert "Ghana" not in found[1].participants


def test_he_in_reported_speech_is_the_speaker(nlp: Language) -> None:
    sentence = "In his speech on Tuesday, Macron said he will visit China in April."
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert meeting.participants[0] == "Macron"


def test_the_two_men_are_the_two_people_named_before(nlp: Language) -> None:
    body = (
        "Emmanuel Macron and Pedro Sanchez spoke by phone on Tuesday. The two men agreed to "
        "meet in Madrid on March 20."
    )
    (meeting,) = upcoming(nlp, HEADLINE, body, WED)
    assert set(meeting.participants) == {"Emmanuel Macron", "Pedro Sanchez"}


def test_a_stop_the_tagger_takes_for_a_person_is_still_a_stop(nlp: Language) -> None:
    body = "The prime minister will be in Dakar on Monday and in Accra on Tuesday and Wednesday."
    assert [p for p, _, _ in _stops(nlp, body)] == ["Dakar", "Accra"]


def test_a_meeting_during_a_trip_keeps_its_own_single_day(nlp: Language) -> None:
    sentence = (
        "Biden left for Tokyo on Monday at the start of a five-day trip to Asia, during which "
        "he will meet South Korean President Yoon Suk-yeol in Seoul on Saturday."
    )
    found = [m for m in upcoming(nlp, "", sentence, WED) if m.start == date(2026, 3, 7)]
    assert [m.end for m in found] == [date(2026, 3, 7)]


def test_names_the_tagger_missed_still_take_part(nlp: Language) -> None:
    sentence = "Sybiha is due in Ankara on March 12 for talks with Fidan."
    (meeting,) = upcoming(nlp, "", sentence, WED)
    assert (meeting.participants, meeting.start) == (("Sybiha", "Fidan"), date(2026, 3, 12))


def test_each_dated_partner_meets_at_their_own_place_in_sequence(nlp: Language) -> None:
    sentence = (
        "Sorensen will meet Serbian President Aleksandar Vucic in Belgrade on Tuesday and "
        "Kosovo Prime Minister Albin Kurti in Pristina on Wednesday."
    )
    found = upcoming(nlp, "", sentence, NOV)
    assert [(m.place, m.start) for m in found] == [
        ("Belgrade", date(2025, 11, 25)),
        ("Pristina", date(2025, 11, 26)),
    ]


def test_state_visits_to_two_countries_give_way_to_their_stops(nlp: Language) -> None:
    body = (
        "Chinese President Xi Jinping will pay state visits to Vietnam and Malaysia from "
        "November 24 to 28.\n\nXi will be in Hanoi from Monday to Wednesday and in Kuala "
        "Lumpur on Thursday and Friday.\n\nIt will be Xi's first trip to the region since "
        "2023, ministry spokesperson Lin Jian told a regular briefing."
    )
    found = upcoming(nlp, HEADLINE, body, NOV)
    assert [(m.place, m.start, m.end) for m in found] == [
        ("Hanoi", date(2025, 11, 24), date(2025, 11, 26)),
        ("Kuala Lumpur", date(2025, 11, 27), date(2025, 11, 28)),
    ]
    assert all("Lin Jian" not in m.participants for m in found)


def test_a_place_on_the_events_own_noun_comes_first(nlp: Language) -> None:
    sentence = "Trump is due in Seoul on Wednesday for the APEC summit in Gyeongju."
    places = {m.kind: m.place for m in upcoming(nlp, "", sentence, NOV)}
    assert places["summit"] == "Gyeongju"


def test_a_bare_weekday_of_a_stop_falls_in_the_trips_week(nlp: Language) -> None:
    body = (
        "Dutch Prime Minister Dick Schoof will travel to Senegal, Ghana and Nigeria next week."
        "\n\nHe will end the trip in Abuja on Friday, where he will hold talks with President "
        "Bola Tinubu."
    )
    (talks,) = upcoming(nlp, HEADLINE, body, NOV)
    assert (talks.place, talks.start, talks.title) == (
        "Abuja",
        date(2025, 11, 28),
        "Schoof–Tinubu talks",
    )


def test_a_bare_weekday_without_a_trip_next_week_stays_this_week(nlp: Language) -> None:
    body = "Schoof will hold talks with President Bola Tinubu in Abuja on Friday."
    (talks,) = upcoming(nlp, HEADLINE, body, NOV)
    assert talks.start == date(2025, 11, 21)
