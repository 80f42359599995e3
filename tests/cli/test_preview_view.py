"""The preview's text view on hand-made facts: grouping, credentials, dates, terminal styling."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from bot.cli.preview_inputs import PreviewInput
from bot.cli.preview_view import Style, as_json_line, as_text
from bot.pipeline.types import Article, ArticleFacts, Entity, Meeting, Statement

ITEM = PreviewInput(
    "talks.txt",
    Article("Envoys meet", "body", datetime(2022, 1, 7, 12, tzinfo=UTC)),
    "option",
)


def said(speaker: str, text: str, **kwargs: Any) -> Statement:
    return Statement(speaker=speaker, kind="indirect", text=text, evidence=text, **kwargs)


def meeting(title: str, start: date | None, **kwargs: Any) -> Meeting:
    return Meeting(
        title=title, kind="talks", participants=(), evidence=title, start=start, **kwargs
    )


def view(facts: ArticleFacts, style: Style | None = None) -> str:
    return as_text(ITEM, facts, style or Style())


def test_header_names_input_title_and_date_source() -> None:
    assert view(ArticleFacts()).splitlines()[:3] == [
        "==> talks.txt <==",
        "Envoys meet",
        "Published Fri 7 Jan 2022 (from --published)",
    ]


def test_empty_sections_say_nothing_was_found() -> None:
    out = view(ArticleFacts())
    assert "Who said what\n  (no statements by named speakers)" in out
    assert "Upcoming\n  (no upcoming meetings)" in out
    assert "Mentions" not in out


def test_speakers_grouped_most_quoted_first_with_credentials_and_audience() -> None:
    facts = ArticleFacts(
        statements=(
            said("Antony Blinken", "diplomacy is the path", role="Secretary of State"),
            said(
                "Sergei Lavrov",
                "Moscow wants answers",
                role="Foreign Minister",
                affiliation="Russia",
            ),
            Statement(
                "Sergei Lavrov",
                "direct",
                "in weeks, not months",
                "ev",
                "told",
                "Foreign Minister",
                "Russia",
                "RIA-Novosti",
            ),
        )
    )
    lines = view(facts).split("Who said what\n")[1].split("\n\n")[0].splitlines()
    assert lines == [
        "• Sergei Lavrov (Foreign Minister, Russia)",
        "  – Moscow wants answers",
        "  – to RIA-Novosti: “in weeks, not months”",
        "• Antony Blinken (Secretary of State): diplomacy is the path",
    ]


def test_affiliation_already_in_the_role_is_not_repeated() -> None:
    facts = ArticleFacts(
        statements=(
            said(
                "Jens Stoltenberg",
                "allies are ready",
                role="NATO Secretary General",
                affiliation="NATO",
            ),
        )
    )
    assert "• Jens Stoltenberg (NATO Secretary General): allies are ready" in view(facts)


def test_upcoming_dated_by_date_then_undated_and_past_only_counted() -> None:
    facts = ArticleFacts(
        meetings=(
            meeting("NATO–Russia Council", date(2022, 1, 12), place="Brussels"),
            meeting("Blinken visit to Kyiv", None, date_text="later this month"),
            meeting("US–Russia talks", date(2022, 1, 9), end=date(2022, 1, 10), place="Geneva"),
            meeting("Biden–Putin call", date(2021, 12, 30), status="past"),
        )
    )
    upcoming = view(facts).split("Upcoming\n")[1].splitlines()
    assert upcoming == [
        "• Sun 9 – Mon 10 Jan 2022 · Geneva · US–Russia talks",
        "• Wed 12 Jan 2022 · Brussels · NATO–Russia Council",
        "• later this month · Blinken visit to Kyiv",
        "  (1 past meeting not shown; see --json)",
    ]


def test_mentions_listed_once_each() -> None:
    facts = ArticleFacts(
        entities=(
            Entity("Azerbaijan", "country"),
            Entity("Azerbaijan", "place"),
            Entity("Baku", "place"),
        )
    )
    assert view(facts).endswith("\n\nMentions: Azerbaijan, Baku")


def test_terminal_style_bolds_headings_and_wraps_long_items() -> None:
    long = " ".join(["the talks must produce legally binding guarantees"] * 4)
    facts = ArticleFacts(statements=(said("Sergei Lavrov", long),))
    out = view(facts, Style(bold=True, width=60))
    assert "\033[1mWho said what\033[0m" in out
    item = out.split("Who said what\033[0m\n")[1].split("\n\n")[0].splitlines()
    assert len(item) > 2
    assert all(line.startswith("  ") for line in item[1:])
    assert all(len(line) <= 60 + len("\033[1m\033[0m") for line in item)


def test_json_line_is_one_line_with_unicode_kept() -> None:
    facts = ArticleFacts(statements=(said("Volodymyr Zelensky", "Україна готова"),))
    line = as_json_line(ITEM, facts)
    assert "\n" not in line
    data = json.loads(line)
    assert data["statements"][0]["text"] == "Україна готова"
    assert "Україна" in line
    assert (data["published"], data["published_from"]) == ("2022-01-07", "option")
