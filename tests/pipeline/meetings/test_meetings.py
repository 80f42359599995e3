"""Upcoming meetings from whole articles through the real extractor and spaCy model."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from spacy.language import Language

from bot.pipeline.extractor import Extractor
from bot.pipeline.types import Article, Meeting

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"
FRI = date(2022, 1, 7)


def extract(nlp: Language, title: str, body: str, published: date = FRI) -> list[Meeting]:
    when = datetime(published.year, published.month, published.day, 9, tzinfo=UTC)
    article = Article(title=title, text=body, published=when)
    return list(Extractor(nlp).extract(article).meetings)


def upcoming(nlp: Language, title: str, body: str, published: date = FRI) -> list[Meeting]:
    return [m for m in extract(nlp, title, body, published) if m.status == "upcoming"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Austrian Chancellor Karl Nehammer will meet Hungarian Prime Minister Viktor Orban "
        "in Budapest on Tuesday.",
        "Greek Prime Minister Kyriakos Mitsotakis is scheduled to meet Turkish President "
        "Recep Tayyip Erdogan in Athens on Tuesday.",
        "Delegations from Armenia and Azerbaijan are preparing for talks in Washington on Tuesday.",
        "Dutch Foreign Minister Wopke Hoekstra is due to visit Ankara on Tuesday.",
        "Polish President Andrzej Duda will travel to Vilnius on Tuesday.",
        "The next round of talks between Serbia and Kosovo will begin in Brussels on Tuesday.",
    ],
)
def test_future_announcements_are_upcoming_with_their_date(nlp: Language, sentence: str) -> None:
    (meeting,) = upcoming(nlp, "", sentence)
    assert (meeting.start, meeting.end) == (date(2022, 1, 11), date(2022, 1, 11))
    assert meeting.evidence == sentence


def test_a_future_clause_after_a_past_one_is_its_own_event(nlp: Language) -> None:
    sentence = (
        "US Secretary of State Antony Blinken returned to Israel on Friday after a tour of Arab "
        "capitals, and will meet Prime Minister Benjamin Netanyahu later in the day."
    )
    found = extract(nlp, "", sentence)
    assert [(m.status, m.kind) for m in found] == [("past", "visit"), ("upcoming", "meeting")]
    assert found[1].start == FRI
    assert "Benjamin Netanyahu" in found[1].participants


def test_present_tense_headline_with_a_recent_weekday_is_past(nlp: Language) -> None:
    found = extract(
        nlp, "Biden, Xi meet in Bali on Monday", "Trade was discussed.", date(2022, 11, 15)
    )
    assert [m.status for m in found] == ["past"]
    (later,) = upcoming(nlp, "Talks resume in Vienna on Monday", "", date(2022, 11, 13))
    assert later.start == date(2022, 11, 14)


def test_dated_talks_after_a_past_arrival_are_upcoming(nlp: Language) -> None:
    sentence = (
        "US Secretary of State Antony Blinken arrived in Kyiv on Thursday for talks with "
        "President Volodymyr Zelensky on Friday."
    )
    found = extract(nlp, "", sentence, date(2022, 1, 6))
    assert [(m.status, m.kind, m.start) for m in found] == [
        ("past", "visit", date(2022, 1, 6)),
        ("upcoming", "talks", date(2022, 1, 7)),
    ]


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        ("The talks, originally scheduled for Monday, have been postponed to Wednesday.", 12),
        ("The meeting of Lavrov and Blinken was postponed from Monday until Thursday.", 13),
        ("The summit of Arab leaders was moved to January 20.", 20),
    ],
)
def test_postponed_to_a_new_date_is_upcoming_on_that_date(
    nlp: Language, sentence: str, start: int
) -> None:
    (meeting,) = upcoming(nlp, "", sentence)
    assert meeting.start == date(2022, 1, start)


def test_a_two_day_summit_ends_the_next_day(nlp: Language) -> None:
    body = "EU leaders will hold a two-day summit in Brussels starting on Thursday."
    (meeting,) = upcoming(nlp, "", body)
    assert (meeting.start, meeting.end) == (date(2022, 1, 13), date(2022, 1, 14))


def test_headline_infinitive_announces_a_visit(nlp: Language) -> None:
    (meeting,) = upcoming(nlp, "Macron to visit Beijing next week", "Trade will top the agenda.")
    assert (meeting.kind, meeting.place, meeting.precision, meeting.date_text) == (
        "visit",
        "Beijing",
        "week",
        "next week",
    )
    assert "Macron" in meeting.title and "Beijing" in meeting.title


@pytest.mark.parametrize(
    "sentence",
    [
        "The day before, he had a 50-minute phone call with Russian President Vladimir Putin.",
        "French President Emmanuel Macron met German Chancellor Olaf Scholz on Monday.",
        "Last week's talks between Israel and Lebanon ended without agreement.",
        "Chinese and US diplomats held talks in Rome on Tuesday.",
        "Italian Prime Minister Mario Draghi held talks with Turkish President Recep Tayyip "
        "Erdogan in Ankara on Friday.",
        "Egyptian President Abdel Fattah al-Sisi visited Riyadh in December.",
        "Presidents Joe Biden and Vladimir Putin agreed to the talks during their June summit.",
    ],
)
def test_past_meetings_are_never_upcoming(nlp: Language, sentence: str) -> None:
    found = extract(nlp, "", "Leaders discussed the crisis. " + sentence)
    assert found and all(m.status == "past" for m in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "The summit between Armenia and Azerbaijan planned for Tuesday has been postponed.",
        "Russia called off talks with Japan scheduled for Tuesday.",
        "The Kremlin proposed a meeting between Putin and Zelensky.",
        "Spanish Prime Minister Pedro Sanchez could visit Rabat next month.",
        "There are no plans for Biden to meet Xi in Bali.",
        "Hungary refused to host the summit in Budapest.",
        "Will Biden and Putin meet in Geneva?",
        "Blinken was scheduled to meet Lavrov in Geneva on Tuesday.",
        "Macron had been due to host a summit of Biden and Putin in Paris on Tuesday.",
        "Speaking at a meeting with commanders on Tuesday, Zelensky said the front was holding.",
        "The Kremlin did not confirm that Putin would meet Erdogan in Sochi next week.",
        "Peskov did not say when Putin and Erdogan would meet.",
        "Last year, Biden said he would visit Kyiv to meet Zelensky.",
        "In October, Scholz told reporters that he will travel to Beijing.",
    ],
)
def test_cancelled_proposed_or_hypothetical_meetings_are_left_out(
    nlp: Language, sentence: str
) -> None:
    assert upcoming(nlp, "", sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia will meet its obligations under the treaty, Lavrov said.",
        "The European Commission will propose new sanctions on Tuesday.",
        "A meeting between the two presidents would be possible only after a ceasefire, he said.",
        "Scholz will speak on Ukraine at the Bundestag on Tuesday.",
        "The prime minister will call elections for June.",
        "Leaders will sign the summit declaration on Tuesday.",
        "Inflation will be in focus in Washington on Tuesday.",
        "NATO Secretary General Jens Stoltenberg will hold a press conference on Tuesday.",
        "Security Council President Linda Thomas-Greenfield will brief reporters on Tuesday.",
    ],
)
def test_words_that_only_look_like_meetings_are_left_out(nlp: Language, sentence: str) -> None:
    assert upcoming(nlp, "", sentence) == []


def test_coming_weekday_with_this_in_a_future_statement(nlp: Language) -> None:
    (meeting,) = upcoming(nlp, "", "Blinken will meet Lavrov in Geneva this Thursday.")
    assert meeting.start == date(2022, 1, 13)


@pytest.mark.parametrize(
    ("published", "sentence", "start", "end"),
    [
        (date(2022, 1, 3), "Blinken will meet Lavrov in Geneva on Friday.", "2022-01-07", None),
        (date(2022, 1, 3), "Blinken will meet Lavrov in Geneva on Monday.", "2022-01-03", None),
        (date(2022, 1, 3), "Blinken will meet Lavrov next Tuesday.", "2022-01-04", None),
        (date(2022, 1, 3), "Blinken will meet Lavrov tomorrow.", "2022-01-04", None),
        (date(2021, 11, 25), "Blinken will meet Lavrov on Jan 13th.", "2022-01-13", None),
        (FRI, "The talks will be held in Geneva on 9-10 January.", "2022-01-09", "2022-01-10"),
        (FRI, "The two sides will meet in Vienna from March 20 to 22.", "2022-03-20", "2022-03-22"),
        (FRI, "The two sides will meet in Vienna on Jan. 9, 2022.", "2022-01-09", None),
    ],
)
def test_dates_resolve_against_publication(
    nlp: Language, published: date, sentence: str, start: str, end: str | None
) -> None:
    (meeting,) = upcoming(nlp, "", sentence, published)
    assert meeting.start == date.fromisoformat(start)
    assert meeting.end == date.fromisoformat(end or start)


@pytest.mark.parametrize(
    ("vague", "precision"),
    [("in January", "month"), ("later this month", "month"), ("next week", "week"), ("soon", None)],
)
def test_vague_dates_stay_upcoming_without_a_day(
    nlp: Language, vague: str, precision: str | None
) -> None:
    """A week or month keeps its window and says so; "soon" names neither and stays undated."""
    (meeting,) = upcoming(nlp, "", f"Blinken will travel to Kyiv {vague}, officials said.")
    assert meeting.date_text == vague
    assert meeting.as_json()["precision"] == precision
    if precision is None:
        assert (meeting.start, meeting.end) == (None, None)


def test_a_date_of_another_clause_is_not_the_meetings(nlp: Language) -> None:
    sentence = (
        "Scholz will leave Paris on Friday; the two leaders agreed to meet again at a summit in "
        "Rome later this year."
    )
    (meeting,) = upcoming(nlp, "", sentence)
    assert (meeting.kind, meeting.place, meeting.start, meeting.date_text) == (
        "summit",
        "Rome",
        None,
        "later this year",
    )


def test_a_relative_clause_on_a_person_keeps_its_date(nlp: Language) -> None:
    body = "Lavrov, who arrives in Ankara on Tuesday, will meet Cavusoglu on Wednesday."
    found = {m.kind: m.start for m in upcoming(nlp, "", body)}
    assert found["meeting"] == date(2022, 1, 12)


def test_talks_that_began_and_will_continue_are_upcoming_on_the_new_day(nlp: Language) -> None:
    body = "The talks in Vienna, which began on Monday, will continue on Wednesday."
    (meeting,) = upcoming(nlp, "", body, date(2022, 1, 11))
    assert meeting.start == date(2022, 1, 12)


def test_a_briefing_ahead_of_the_summit_does_not_date_it(nlp: Language) -> None:
    body = (
        "Biden will host Kishida and Yoon at Camp David on Friday for a summit.\n\n"
        "Jake Sullivan will brief reporters Thursday ahead of the summit."
    )
    found = upcoming(nlp, "", body)
    assert [(m.kind, m.start) for m in found] == [("summit", date(2022, 1, 7))]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "US President Joe Biden will sit down with Vladimir Putin in Geneva on Monday.",
            "meeting",
        ),
        ("Erdogan will hold discussions with Putin in Sochi on Monday.", "talks"),
        ("EU foreign ministers will hold a videoconference on Monday.", "meeting"),
        ("Pope Francis will tour Kenya and Uganda on Monday.", "visit"),
        ("Chancellor Olaf Scholz will welcome Volodymyr Zelensky in Berlin on Monday.", "meeting"),
        ("President Volodymyr Zelensky will be in Washington on Monday.", "visit"),
        ("Prime Minister Narendra Modi will attend the G20 in Bali on Monday.", "summit"),
    ],
)
def test_more_ways_to_meet(nlp: Language, sentence: str, kind: str) -> None:
    (meeting,) = upcoming(nlp, "", sentence)
    assert (meeting.kind, meeting.start) == (kind, date(2022, 1, 10))


def test_talks_by_phone_are_a_call(nlp: Language) -> None:
    (meeting,) = upcoming(nlp, "", "Lavrov and Cavusoglu will hold talks by phone on Tuesday.")
    assert (meeting.kind, meeting.title) == ("call", "Lavrov–Cavusoglu phone call")


def test_east_asian_family_names_come_first_in_titles(nlp: Language) -> None:
    body = "US President Joe Biden will meet Chinese President Xi Jinping in Bali on Monday."
    (meeting,) = upcoming(nlp, "", body)
    assert meeting.title == "Biden–Xi meeting"


def test_several_meetings_in_one_sentence_are_separate(nlp: Language) -> None:
    sentence = (
        "The talks in Geneva will be followed by a NATO-Russia Council meeting in Brussels on "
        "January 12 and a meeting of the OSCE Permanent Council in Vienna on January 13."
    )
    found = [m for m in upcoming(nlp, "", sentence) if m.start]
    assert [(m.title, m.place, m.start) for m in found] == [
        ("NATO–Russia Council", "Brussels", date(2022, 1, 12)),
        ("OSCE Permanent Council", "Vienna", date(2022, 1, 13)),
    ]
    assert {"NATO", "Russia"} <= set(found[0].participants)
    assert "OSCE" in found[1].participants and "Russia" not in found[1].participants


def test_one_cue_with_several_dated_partners_gives_one_meeting_each(nlp: Language) -> None:
    sentence = (
        "Biden will also hold talks with Indonesian President Joko Widodo on Monday and with "
        "Indian Prime Minister Narendra Modi on Wednesday."
    )
    found = upcoming(nlp, "", sentence)
    assert [(m.title, m.start) for m in found] == [
        ("Biden–Widodo talks", date(2022, 1, 10)),
        ("Biden–Modi talks", date(2022, 1, 12)),
    ]


def test_present_tense_with_a_range_through_a_later_day(nlp: Language) -> None:
    (meeting,) = upcoming(nlp, "", "The G20 summit opens on Tuesday and runs through Wednesday.")
    assert (meeting.kind, meeting.start, meeting.end) == (
        "summit",
        date(2022, 1, 11),
        date(2022, 1, 12),
    )


def test_trip_with_dated_stops_gives_one_visit_per_stop(nlp: Language) -> None:
    sentence = "Lajcak will visit Pristina on Monday and Belgrade on Tuesday to meet the two sides."
    found = upcoming(nlp, "", sentence)
    assert [(m.place, m.start) for m in found] == [
        ("Pristina", date(2022, 1, 10)),
        ("Belgrade", date(2022, 1, 11)),
    ]


def test_the_two_leaders_are_the_two_people_named_before(nlp: Language) -> None:
    body = (
        "Turkish President Recep Tayyip Erdogan spoke with Russian President Vladimir Putin on "
        "Friday. The two leaders will meet in Sochi next week."
    )
    (meeting,) = upcoming(nlp, "", body)
    assert set(meeting.participants) >= {"Recep Tayyip Erdogan", "Vladimir Putin"}
    assert meeting.place == "Sochi"


def test_one_entry_per_event_with_the_dated_mention_as_evidence(nlp: Language) -> None:
    body = (
        "Dutch Prime Minister Mark Rutte will visit Kyiv on Monday, his office said.\n\n"
        "The visit comes as allies weigh new sanctions.\n\n"
        "During the visit Rutte will meet President Volodymyr Zelensky."
    )
    found = upcoming(nlp, "Rutte to visit Kyiv", body)
    visits = [m for m in found if m.kind == "visit"]
    assert len(visits) == 1
    assert visits[0].start == date(2022, 1, 10)
    assert visits[0].evidence.startswith("Dutch Prime Minister Mark Rutte will visit Kyiv")
    assert visits[0].title == "Rutte visit to Kyiv"


def test_titles_are_short_descriptions_not_sentences(nlp: Language) -> None:
    body = "Senior US and Russian officials will hold talks in Geneva on Monday."
    (meeting,) = upcoming(nlp, "", body)
    assert meeting.title == "US–Russia talks"
    assert meeting.kind == "talks"
    assert meeting.place == "Geneva"


def _tune_fixtures() -> list[Path]:
    return [
        p
        for p in sorted(FIXTURES.glob("mt_*.json"))
        if json.loads(p.read_text()).get("split") == "tune"
    ]


@pytest.mark.parametrize("path", _tune_fixtures(), ids=lambda p: p.stem)
def test_tuning_fixture_meetings_are_found_with_their_dates(nlp: Language, path: Path) -> None:
    gold = json.loads(path.read_text())
    title, _, body = path.with_suffix(".txt").read_text().partition("\n")
    found = upcoming(nlp, title, body, date.fromisoformat(gold["published"]))
    expected = [g for g in gold["meetings"] if "known_miss" not in g]  # the eval counts those
    assert sorted(m.evidence for m in found) == sorted(g["evidence"] for g in expected)
    got = {(m.evidence, m.start.isoformat() if m.start else None) for m in found}
    assert {(g["evidence"], g["start"]) for g in expected if g["start"]} <= got
    assert not {m.evidence for m in found} & set(gold["traps"])
