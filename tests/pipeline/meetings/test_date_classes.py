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

from bot.pipeline.dates import find_dates
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
