"""How `diplobot preview` shows one article: the subscriber's view in a terminal, or JSON lines.

The text view mirrors the digest ("Who said what", "Upcoming") so an operator sees what readers
would get from the article; the JSON view is the extractor's full output for scripts and tests.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.cli.preview_inputs import DATE_NOTES, PreviewInput
from bot.pipeline.dates import format_day_header, format_when
from bot.pipeline.types import ArticleFacts, Meeting, Statement, shown_words

BULLET = "•"
SUB_BULLET = "–"
SEPARATOR = " · "


@dataclass(frozen=True)
class Style:
    """Terminal styling: bold and wrapping only for a terminal, plain lines for pipes and files."""

    bold: bool = False
    width: int | None = None

    def strong(self, text: str) -> str:
        return f"\033[1m{text}\033[0m" if self.bold else text

    def wrap(self, line: str, indent: str = "  ") -> str:
        if self.width is None:
            return line
        return textwrap.fill(
            line,
            self.width,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )


def as_json_line(item: PreviewInput, facts: ArticleFacts) -> str:
    """One JSON object on one line, in the shape issue 3 documents (plus where the date is from)."""
    return json.dumps(
        {
            "file": item.label,
            "title": item.article.title,
            "published": item.published_day.isoformat(),
            "published_from": item.date_source,
            "statements": [s.as_json() for s in facts.statements],
            "meetings": [m.as_json() for m in facts.meetings],
            "entities": [e.as_json() for e in facts.entities],
        },
        ensure_ascii=False,
    )


def as_text(item: PreviewInput, facts: ArticleFacts, style: Style) -> str:
    """The subscriber's view of one article, headed by its name, title and dated publication."""
    published = format_day_header(item.published_day)
    lines = [
        style.strong(f"==> {item.label} <=="),
        style.wrap(item.article.title or "(no title)", ""),
        f"Published {published} ({DATE_NOTES[item.date_source]})",
        "",
        style.strong("Who said what"),
        *_statement_lines(facts.statements, style),
        "",
        style.strong("Upcoming"),
        *_meeting_lines(facts.meetings, style),
    ]
    mentions = ", ".join(dict.fromkeys(entity.name for entity in facts.entities))
    if mentions:
        lines += ["", style.wrap(f"Mentions: {mentions}", "  ")]
    return "\n".join(lines)


def _statement_lines(statements: Iterable[Statement], style: Style) -> list[str]:
    """One bullet per speaker, most quoted first; a speaker's several statements as sub-items."""
    by_speaker: dict[str, list[Statement]] = {}
    for statement in statements:
        by_speaker.setdefault(statement.speaker, []).append(statement)
    if not by_speaker:
        return ["  (no statements by named speakers)"]
    ordered = sorted(by_speaker.values(), key=len, reverse=True)  # stable: ties keep text order
    lines: list[str] = []
    for group in ordered:
        head = f"{BULLET} {style.strong(group[0].speaker)}{_credentials(group[0])}"
        if len(group) == 1:
            lines.append(style.wrap(f"{head}{_words(group[0], ': ')}"))
            continue
        lines.append(head)
        lines += [style.wrap(f"  {SUB_BULLET} {_words(s, '')}", "    ") for s in group]
    return lines


def _credentials(statement: Statement) -> str:
    """(Foreign Minister, Russia), or nothing when the article gives neither."""
    parts = [p for p in (statement.role, statement.affiliation) if p]
    if statement.role and statement.affiliation and statement.affiliation in statement.role:
        parts = [statement.role]
    return f" ({', '.join(parts)})" if parts else ""


def _words(statement: Statement, lead: str) -> str:
    """`, to reporters: “the words”` for a quote, `: the reported clause` otherwise.

    `lead` separates the words from a speaker on the same line; sub-items have none.
    """
    text = shown_words(statement.text, statement.kind == "direct")
    if statement.audience:
        return f"{', ' if lead else ''}to {statement.audience}: {text}"
    return f"{lead}{text}"


def _meeting_lines(meetings: Iterable[Meeting], style: Style) -> list[str]:
    """Upcoming meetings, dated ones by date first, then the announced but undated ones."""
    items = list(meetings)
    upcoming = [m for m in items if m.status == "upcoming"]
    upcoming.sort(key=lambda m: (m.start is None, m.start or date.min, m.end or date.min))
    lines = [style.wrap(f"{BULLET} {_meeting(m, style)}") for m in upcoming]
    if not lines:
        lines = ["  (no upcoming meetings)"]
    past = len(items) - len(upcoming)
    if past:
        lines.append(f"  ({past} past meeting{'s' if past > 1 else ''} not shown; see --json)")
    return lines


def _meeting(meeting: Meeting, style: Style) -> str:
    when = format_when(
        meeting.start, meeting.end, meeting.date_text, with_year=True, precision=meeting.precision
    )
    parts = [style.strong(when) if meeting.start and meeting.precision == "day" else when]
    if meeting.place:
        parts.append(meeting.place)
    parts.append(meeting.title)  # participants are in --json; the title already names the sides
    return SEPARATOR.join(parts)
