"""Classes of error found on real published news (issue 13), each with sentences of our own."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from tests.pipeline.meetings.test_meetings import upcoming

TUE = date(2025, 5, 6)


def test_a_participle_plan_on_the_noun_makes_the_event_upcoming(nlp: Language) -> None:
    """The clause is past ("The offer came ..."), the talks' own "scheduled for" is a plan."""
    body = (
        "The offer came a day before the round of negotiations scheduled for May 14-15 "
        "between Ankara and Athens."
    )
    (talks,) = upcoming(nlp, "", body, TUE)
    assert (talks.start, talks.end) == (date(2025, 5, 14), date(2025, 5, 15))


def test_a_later_mention_with_a_city_gives_the_dated_event_its_place(nlp: Language) -> None:
    """ "The Sochi summit will ..." is the summit dated before, now with its place."""
    body = (
        "Leaders of Turkey and Russia will hold a summit on May 20, officials said.\n\n"
        "The Sochi summit will focus on grain exports and a ceasefire."
    )
    (summit,) = upcoming(nlp, "", body, TUE)
    assert (summit.place, summit.start) == ("Sochi", date(2025, 5, 20))
    assert summit.title == "Turkey–Russia summit"


def test_a_city_outside_the_capitals_list_is_a_place_of_its_country(nlp: Language) -> None:
    """GeoNames knows Antalya: the visit's host country is named from it."""
    body = "Greek Foreign Minister Giorgos Gerapetritis will visit Antalya on Friday."
    (visit,) = upcoming(nlp, "", body, TUE)
    assert visit.place == "Antalya"
    assert "Turkey" in visit.participants or "Türkiye" in visit.participants


def test_a_pages_date_stamp_is_the_publication_day_not_the_events(nlp: Language) -> None:
    """A scraped page opens with "date 2025-05-06 Cairo:"; the summit is on May 17."""
    title = (
        "date 2025-05-06 Cairo: Arab League leaders will meet for their summit in Baghdad on "
        "May 17, the league's deputy chief said on Tuesday."
    )
    (summit,) = upcoming(nlp, title, "Preparations are under way.", TUE)
    assert (summit.start, summit.place) == (date(2025, 5, 17), "Baghdad")


def test_next_weekend_is_the_weekend_of_next_week_and_one_meeting_with_its_range(
    nlp: Language,
) -> None:
    """Thursday 8 May: "next weekend" is 17-18 May, the same meeting as "from May 17-18"."""
    body = (
        "The foreign ministers of Chile, Peru and Ecuador will meet next weekend, the Chilean "
        "ministry said on Thursday.\n\n"
        "The meeting, which is scheduled to be held in Lima from May 17-18, will discuss "
        "fisheries."
    )
    (meeting,) = upcoming(nlp, "", body, date(2025, 5, 8))
    assert (meeting.start, meeting.end, meeting.place) == (
        date(2025, 5, 17),
        date(2025, 5, 18),
        "Lima",
    )


def test_one_event_told_as_meetings_then_a_visit_is_one_meeting(nlp: Language) -> None:
    """The same delegations' trip: dated in one sentence, undated and of another kind next."""
    body = (
        "Norway and Denmark will hold meetings with Poland in Warsaw on Thursday to negotiate "
        "the fishing quotas, the Norwegian ministry said.\n\n"
        "Norwegian and Danish delegations will visit Poland to discuss the quotas, a spokesman "
        "added."
    )
    (meeting,) = upcoming(nlp, "", body, TUE)
    assert (meeting.start, meeting.place) == (date(2025, 5, 8), "Warsaw")


def test_a_meeting_with_someone_new_during_a_visit_stays_its_own(nlp: Language) -> None:
    body = (
        "Portugal's foreign minister will visit Morocco on Thursday, the ministry said.\n\n"
        "He will also meet King Mohammed VI."
    )
    assert len(upcoming(nlp, "", body, TUE)) == 2


def test_the_old_slot_of_a_moved_meeting_is_not_upcoming(nlp: Language) -> None:
    body = (
        "The OSCE ministerial meeting was supposed to take place on May 20-21. It will now be "
        "held in Vienna on May 27."
    )
    found = upcoming(nlp, "", body, TUE)
    assert all(m.start != date(2025, 5, 20) for m in found)


def test_a_title_that_names_nobody_gives_way_to_one_that_does(nlp: Language) -> None:
    """ "Meeting" from a headline merges with the body's "Chile–Peru talks": the names win."""
    body = (
        "Foreign ministers to meet next weekend\n\n"
        "Chile's foreign minister is to join his counterparts from Peru and Ecuador at a meeting "
        "next weekend, a spokeswoman said.\n\n"
        "During the meeting, which is scheduled to be held in Lima from May 17-18, the ministers "
        "will discuss fisheries."
    )
    found = upcoming(nlp, "", body, date(2025, 5, 8))
    assert len(found) == 1 and found[0].title != "Meeting"
    assert "Lima" in found[0].evidence  # the mention that tells the date and the place


def test_the_summit_with_its_venue_and_days_is_the_named_summit_before(nlp: Language) -> None:
    """ "the BRICS summit" (undated), then "The summit will be held at the ... Centre in Kazan
    on 22 and 23 October": one summit, in the city the venue is in."""
    body = (
        "The Brazilian president confirmed that no ministers from his cabinet will attend the "
        "BRICS summit, citing a cabinet crisis at home.\n\n"
        "The summit will be held at the Riverside Congress Centre in Kazan on 22 and 23 October."
    )
    (summit,) = upcoming(nlp, "", body, date(2025, 10, 14))
    assert (summit.title, summit.place) == ("BRICS summit", "Kazan")
    assert (summit.start, summit.end) == (date(2025, 10, 22), date(2025, 10, 23))


def test_a_from_day_without_its_end_is_the_start_of_the_same_stay(nlp: Language) -> None:
    body = (
        "Prime Minister Ishiba will visit Canberra from the 12th to the 15th, his office said."
        "\n\nGovernment spokesman Hayashi said that Prime Minister Ishiba will visit Canberra "
        "from the 12th to attend talks with Australian leaders."
    )
    visits = [m for m in upcoming(nlp, "", body, TUE) if m.kind == "visit"]
    assert [(m.start, m.end) for m in visits] == [(date(2025, 5, 12), date(2025, 5, 15))]
