"""When a meeting happens, and whether it is still ahead: classes found on real news (issue 13).

Each class has a fixture article of our own words (tests/fixtures/articles/mt_dNN_*) and a test
here that fails without its rule.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from bot.pipeline.dates import find_dates, relative_shift
from tests.pipeline.meetings.test_meetings import extract, upcoming

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"
TUE = date(2025, 5, 20)
WED = date(2025, 5, 21)


def _fixture(nlp: Language, stem: str) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    gold = json.loads((FIXTURES / f"{stem}.json").read_text())
    title, _, body = (FIXTURES / f"{stem}.txt").read_text().partition("\n")
    found = extract(nlp, title, body, date.fromisoformat(gold["published"]))
    rows: list[tuple[str, str, str]] = [
        (m.evidence, m.status, f"{m.start}..{m.end}" if m.start else "") for m in found
    ]
    return gold, rows


def test_planned_for_a_day_is_that_day_not_the_month() -> None:
    """ "for March 30" is as long a match as "March 30": the day wins over the month."""
    (span,) = find_dates("a session is being planned for May 29.", TUE, "future")
    assert (span.start, span.end) == (date(2025, 5, 29), date(2025, 5, 29))
    (month,) = find_dates("they will meet in June 2025", TUE, "future")
    assert month.start is None and month.text == "in June 2025"


def test_planned_for_a_day_fixture(nlp: Language) -> None:
    gold, rows = _fixture(nlp, "mt_d01_planned_for_day")
    expected = {(g["evidence"], f"{g['start']}..{g['end']}") for g in gold["meetings"]}
    assert expected <= {(evidence, when) for evidence, status, when in rows if status == "upcoming"}


def test_a_perfect_or_a_past_progressive_is_past(nlp: Language) -> None:
    """ "has begun a visit today" is under way, "was meeting ... on Monday" is last Monday."""
    body = (
        "Latvian Prime Minister Ilze Varna has begun a two-day visit to Poland today.\n\n"
        "Her deputy, Juris Kalns, was meeting Lithuanian officials on Monday in Vilnius."
    )
    assert upcoming(nlp, "", body, WED) == []
    gold, rows = _fixture(nlp, "mt_d02_perfect_past")
    ahead = [evidence for evidence, status, _ in rows if status == "upcoming"]
    assert ahead == [g["evidence"] for g in gold["meetings"]]
    assert not set(ahead) & set(gold["traps"])


def test_a_relative_day_counts_from_the_day_told_before_it() -> None:
    """ "on Monday ... before returning home the next day": Tuesday; a named event waits."""
    text = "will fly out on Sunday, hold talks Monday and return home the next day"
    *_, home = find_dates(text, TUE, "future")
    assert (home.start, home.end) == (date(2025, 5, 27), date(2025, 5, 27))
    (eve,) = find_dates("On the eve of the summit, he will meet", TUE, "future")
    assert eve.start is None and relative_shift(eve.text) == (-1, "the summit")
    assert relative_shift("two days later") == (2, "")
    assert find_dates("on the eve of the vote", TUE, "future") == []


def test_a_day_counted_from_an_event_told_before(nlp: Language) -> None:
    """ "preceded the day before by", "on the eve of the summit", "the following day"."""
    body = (
        "Leaders of the Andean Community will hold their summit in Quito on June 12.\n\n"
        "The gathering will be preceded the day before by a preparatory meeting of ministers."
    )
    found = {m.date_text: m.start for m in upcoming(nlp, "", body, date(2025, 6, 2))}
    assert found == {"June 12": date(2025, 6, 12), "the day before": date(2025, 6, 11)}
    gold, rows = _fixture(nlp, "mt_d03_day_before")
    expected = {(g["evidence"], f"{g['start']}..{g['end']}") for g in gold["meetings"]}
    assert expected == {(evidence, when) for evidence, status, when in rows if status == "upcoming"}


def test_a_meeting_named_by_an_indefinite_noun_is_no_anchor(nlp: Language) -> None:
    """ "a day after a meeting in Ankara" is a new meeting, not the summit dated before."""
    body = (
        "Foreign ministers will meet in Brussels on June 12.\n\n"
        "Minister Ivo Stant will travel to Oslo a day after a meeting in Riga with Latvian leaders."
    )
    found = upcoming(nlp, "", body, date(2025, 6, 2))
    assert date(2025, 6, 13) not in {m.start for m in found}


def test_a_trip_ends_on_the_day_the_traveller_returns_home(nlp: Language) -> None:
    gold, rows = _fixture(nlp, "mt_d04_returning_home")
    expected = {(g["evidence"], f"{g['start']}..{g['end']}") for g in gold["meetings"]}
    assert expected <= {(evidence, when) for evidence, status, when in rows if status == "upcoming"}
    visit = [r for r in rows if r[2] == "2025-10-11..2025-10-13"]
    assert len(visit) == 1


def test_the_day_of_the_report_is_not_the_meetings(nlp: Language) -> None:
    """ "said on Monday he would meet ... on Friday": Monday is when it was said."""
    body = "Slovak Prime Minister Pavol Hrdina said on Monday he would meet Lena Aigner."
    (meeting,) = upcoming(nlp, "", body, WED)
    assert meeting.start is None
    body = "Pavol Hrdina said on Monday that on Friday he would meet Lena Aigner in Vienna."
    (meeting,) = upcoming(nlp, "", body, WED)
    assert meeting.start == date(2025, 5, 23)  # after "that", the clause's own day
    gold, rows = _fixture(nlp, "mt_d05_said_on_day")
    ahead = {(evidence, when) for evidence, status, when in rows if status == "upcoming"}
    assert {evidence for evidence, _ in ahead} == {g["evidence"] for g in gold["meetings"]}
    dated = {(g["evidence"], f"{g['start']}..{g['end']}") for g in gold["meetings"] if g["start"]}
    assert dated <= ahead


def test_a_visit_told_by_a_participle_of_a_past_report_is_past(nlp: Language) -> None:
    """ "praised the accord, telling reporters during a visit to Nuuk on Friday": last Friday."""
    gold, rows = _fixture(nlp, "mt_d06_telling_during_visit")
    ahead = [evidence for evidence, status, _ in rows if status == "upcoming"]
    assert ahead == [g["evidence"] for g in gold["meetings"]]
    assert not set(ahead) & set(gold["traps"])


def test_a_written_page_date_before_the_first_sentence_is_not_the_events(nlp: Language) -> None:
    """ "Monday, 1 December 2025 Iranian Foreign Minister ... will visit Baghdad": undated."""
    gold, rows = _fixture(nlp, "mt_d07_page_date_line")
    ahead = {(evidence, when) for evidence, status, when in rows if status == "upcoming"}
    assert ahead == {
        (g["evidence"], f"{g['start']}..{g['end']}" if g["start"] else "") for g in gold["meetings"]
    }
    body = "Dec 1, 2025 | Iranian Foreign Minister Reza Kamali will visit Baghdad."
    (visit,) = upcoming(nlp, "", body, date(2025, 12, 1))
    assert visit.start is None


def test_the_beginning_or_end_of_a_month_is_that_month_never_a_day(nlp: Language) -> None:
    """ "at the beginning of December", "at the start of January": precision month."""
    gold, _ = _fixture(nlp, "mt_d08_month_parts")
    title, _, body = (FIXTURES / "mt_d08_month_parts.txt").read_text().partition("\n")
    found = upcoming(nlp, title, body, date.fromisoformat(gold["published"]))
    windows = {(m.start, m.end, m.precision) for m in found}
    assert windows == {
        (date(2025, 12, 1), date(2025, 12, 31), "month"),
        (date(2026, 1, 1), date(2026, 1, 31), "month"),
    }
