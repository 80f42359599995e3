"""Which meetings (issue 13): one entry per real event, non-meetings and called-off ones left
out, participants who take part. Each class has a fixture article (mt_p*) and a test here."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from tests.pipeline.meetings.test_meetings import extract, upcoming

TUE = date(2025, 5, 6)
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


def _fixture(name: str) -> tuple[str, str, date]:
    gold = json.loads((FIXTURES / f"{name}.json").read_text())
    title, _, body = (FIXTURES / f"{name}.txt").read_text().partition("\n")
    return title, body, date.fromisoformat(gold["published"])


def test_a_related_stories_block_is_no_meeting(nlp: Language) -> None:
    """Other stories' headlines under "Related stories:", glued to ours, announce nothing."""
    title, body, published = _fixture("mt_p01_related_block")
    found = upcoming(nlp, title, body, published)
    assert [m.evidence[:11] for m in found] == ["The meeting"]
    assert all("Bolivian" not in m.evidence and "Quito" not in m.evidence for m in found)


@pytest.mark.parametrize(
    "second",
    [
        "It will be Kesson's first visit to China since she took office in 2023.",
        '"That will be her first visit to China in ten years," a spokesman said.',
    ],
)
def test_it_will_be_a_visit_is_the_visit_named_before(nlp: Language, second: str) -> None:
    body = f"Prime Minister Arvid Kesson said she would travel to Beijing on Sunday.\n\n{second}"
    (visit,) = upcoming(nlp, "", body, TUE)
    assert (visit.place, visit.start) == ("Beijing", date(2025, 5, 11))


def test_that_will_be_a_conversation_is_the_talks_not_a_call(nlp: Language) -> None:
    title, body, published = _fixture("mt_p02_it_will_be")
    found = upcoming(nlp, title, body, published)
    assert sorted(m.kind for m in found) == ["talks", "visit"]


def test_a_spokesman_who_tells_of_the_talks_is_not_in_them(nlp: Language) -> None:
    """ "..., her spokesman Ben Torrey told reporters": neither a participant nor one of
    "the two leaders" of the next sentence."""
    title, body, published = _fixture("mt_p02_it_will_be")
    talks = next(m for m in upcoming(nlp, title, body, published) if m.kind == "talks")
    assert set(talks.participants) == {"Arvid Kesson", "Li Wen"}
    assert talks.title == "Kesson–Li talks"


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Arvid Kesson said he would be happy to meet President Tomas Varro.",
        "Foreign Minister Lena Brask would be honoured to host her Estonian counterpart in "
        "Bergen, her office said.",
        "Any meeting between Kesson and Varro would need careful preparation, an aide said.",
    ],
)
def test_a_wish_or_a_hypothetical_meeting_is_not_upcoming(nlp: Language, sentence: str) -> None:
    assert upcoming(nlp, "", sentence, TUE) == []


def test_received_by_a_named_host_is_a_meeting(nlp: Language) -> None:
    body = "The ministry said Piet Alders will be received by Latvian President Ivars Kalnins."
    (meeting,) = upcoming(nlp, "", body, TUE)
    assert set(meeting.participants) == {"Piet Alders", "Ivars Kalnins"}


def test_a_visit_kicked_off_today_is_under_way_not_ahead(nlp: Language) -> None:
    """news_dev counts a visit begun on the publication day as past."""
    body = "Prime Minister Arvid Kesson has kicked off a two-day visit to Vienna today."
    (visit,) = extract(nlp, "", body, TUE)
    assert visit.status == "past"


def test_a_visit_that_frames_the_meetings_of_its_sentence_is_those_meetings(
    nlp: Language,
) -> None:
    body = (
        "Within the visit to Canada, which will last until May 9, Latvian Foreign Minister "
        "Ilze Ozola will hold a series of meetings with representatives of the government."
    )
    (meeting,) = upcoming(nlp, "", body, TUE)
    assert (meeting.kind, meeting.place) == ("meeting", "Canada")


@pytest.mark.parametrize(
    "sentence",
    [
        "The row with Estonia will shape the conversation at home for weeks.",
        "Most of the new fund will go to Bergen and other coastal towns.",
        '"Try going to Tallinn and asking the fishermen there," Kesson said.',
        "The government said it would welcome Estonian President Tomas Varro.",
        "Prime Minister Arvid Kesson will call the Estonian plan a provocation in Parliament.",
        "President Tomas Varro will receive 40 delegates' votes on Friday.",
    ],
)
def test_words_of_meetings_that_name_no_meeting(nlp: Language, sentence: str) -> None:
    """A talk noun without its parties, a motion with no traveller, naming, wishing, amounts."""
    assert upcoming(nlp, "", sentence, TUE) == []


def test_a_conversation_between_two_leaders_and_a_trip_by_a_team_stay(nlp: Language) -> None:
    body = (
        "A team of inspectors will travel to Tehran on Friday. Kesson will hold a phone "
        "conversation with Varro on Thursday."
    )
    found = upcoming(nlp, "", body, TUE)
    assert sorted(m.kind for m in found) == ["call", "visit"]


def test_the_not_meetings_fixture_lists_only_the_real_trip(nlp: Language) -> None:
    title, body, published = _fixture("mt_p07_not_meetings")
    (visit,) = upcoming(nlp, title, body, published)
    assert (visit.place, visit.start) == ("Tallinn", date(2025, 5, 9))


def test_a_conversation_between_the_two_is_the_talks_of_the_headline(nlp: Language) -> None:
    """ "a conversation between the two presidents" is talks, not a phone call, so it is the
    headline's talks told again."""
    title = "Talks between Presidents Pavel Sorokin and Igor Lavrenko set for Friday, May 9"
    body = (
        '"That will be a conversation between the two presidents, which will continue during '
        'a working lunch," the Kremlin said.'
    )
    (talks,) = upcoming(nlp, title, body, TUE)
    assert (talks.kind, talks.start) == ("talks", date(2025, 5, 9))


@pytest.mark.parametrize(
    "sentence",
    [
        "The European Union will adopt a new round of sanctions on Monday.",
        "Kesson will address a joint session of Parliament in Oslo on Thursday.",
        "Kesson said he would have attended the Vienna meeting if it had been public.",
        "For all the talk of a breakthrough in Geneva next week, little has changed.",
        "The bloc will need to gather enough votes in Brussels on Monday.",
        "Most of the refugees to come to Finland next month will be housed in Turku.",
        "Prime Minister Arvid Kesson will be 60 in May.",
    ],
)
def test_rounds_sittings_counterfactuals_and_plain_words_are_no_meetings(
    nlp: Language, sentence: str
) -> None:
    """ "a round of sanctions", a legislature's sitting, "would have attended", "the talk
    of", "gather votes", refugees who come, a birthday "in May"."""
    assert upcoming(nlp, "", sentence, TUE) == []


def test_a_round_of_talks_stays_talks(nlp: Language) -> None:
    body = "Norway and Estonia will hold a new round of talks in Tallinn on Friday."
    (talks,) = upcoming(nlp, "", body, TUE)
    assert (talks.kind, talks.start) == ("talks", date(2025, 5, 9))


def test_titles_a_reader_understands(nlp: Language) -> None:
    """A bracketed short form is skipped in a name, a Chinese family name comes first, and a
    meeting with one named party says where it is."""
    title, body, published = _fixture("mt_p09_titles")
    found = {m.evidence.split()[-1]: m.title for m in upcoming(nlp, title, body, published)}
    assert found == {"Tuesday.": "African Union summit", "June.": "Wen meeting in Tokyo"}


def test_what_a_quantifier_counts_is_what_goes(nlp: Language) -> None:
    """ "all of the money will go to", "some of the supplies will go to": the traveller of a
    quantifier subject is what it counts, and money or supplies make no visit."""
    title, body, published = _fixture("mt_p10_what_goes")
    found = upcoming(nlp, title, body, published)
    assert [(m.kind, m.start) for m in found] == [("visit", date(2025, 5, 8))]
    assert all("money" not in m.evidence and "supplies" not in m.evidence for m in found)
