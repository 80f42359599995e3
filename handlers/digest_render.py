"""Digest -> Telegram HTML messages: escaped once here, split only between items.

Builds on handlers/render.py (escaping, links, chunking) so the digest and /upcoming look alike.
"""

from __future__ import annotations

from bot.pipeline.digest import Digest, DigestLine, DigestMeeting, SpeakerGroup
from bot.pipeline.types import shown_words
from bot.services import DEFAULT_WINDOW
from handlers.render import (
    BULLET,
    SEP,
    audience_phrase,
    bold,
    chunk_items,
    esc,
    meeting_line,
    source_links,
)

TITLE = "Diplomacy digest"
FOOTER = "/upcoming all meetings · /who NAME · /topics"
SUB_BULLET = "   ◦ "


def _topics(digest: Digest) -> str:
    return ", ".join(digest.topics) if digest.topics else "All topics"


def header(digest: Digest) -> str:
    """The local date, then what was read: "Russia, NATO · 23 articles from 7 sources"."""
    r = digest.reading
    articles = "1 article" if r.articles == 1 else f"{r.articles} articles"
    sources = "1 source" if r.sources == 1 else f"{r.sources} sources"
    return (
        f"{bold(f'{TITLE} · {digest.day}')}\n{esc(_topics(digest))}{SEP}{articles} from {sources}"
    )


def _words(line: DigestLine) -> str:
    body = esc(shown_words(line.text, line.kind == "direct"))
    refs = source_links([(line.outlet, line.url)], total=line.more_sources + 1)
    return f"{body} {refs}".rstrip()


def _said_to(line: DigestLine) -> str:
    """The audience with its preposition back ("to reporters", "at a news conference"), escaped.

    The extractor stores the bare audience ("reporters"); empty when the article named none.
    """
    if not line.audience or not line.audience.strip():
        return ""
    return esc(audience_phrase(line.audience))


def speaker_item(group: SpeakerGroup) -> str:
    """• <b>Name</b> (role), to reporters: words [outlet] +2, further statements indented."""
    about = ", ".join(part for part in (group.role, group.affiliation) if part)
    if group.role and group.affiliation and group.affiliation.casefold() in group.role.casefold():
        about = group.role  # "NATO Secretary General", not "NATO Secretary General, NATO"
    who = bold(group.speaker) + (f" ({esc(about)})" if about else "")
    first, *rest = group.lines
    if to := _said_to(first):
        who += f", {to}"
    lines = [f"{BULLET}{who}: {_words(first)}"]
    for line in rest:
        to = _said_to(line)
        lines.append(f"{SUB_BULLET}{to + ': ' if to else ''}{_words(line)}")
    return "\n".join(lines)


def meeting_item(m: DigestMeeting) -> str:
    """• <b>Sun 9 – Mon 10 Jan</b> · Geneva · US–Russia talks [reuters.com] +1."""
    links = [(m.outlet, m.url)] if m.url else []
    return meeting_line(when=m.when, title=m.title, place=m.place, links=links, sources=m.sources)


def _section(title: str, items: list[str]) -> list[str]:
    # The heading travels with the first item so no message ends on a bare heading.
    if not items:
        return []
    return [f"\n{bold(title)}\n{items[0]}", *items[1:]]


def empty_note(digest: Digest) -> str:
    """ "Nothing new on Moldova since your last digest." (the last 24 hours before a first one)."""
    about = f"on {esc(_topics(digest))}" if digest.topics else "in diplomacy"
    hours = int(DEFAULT_WINDOW.total_seconds() // 3600)
    since = f"in the last {hours} hours" if digest.first else "since your last digest"
    return f"Nothing new {about} {since}."


def render_digest(digest: Digest) -> list[str]:
    """The digest as HTML messages, each within Telegram's 4096-character limit."""
    if digest.is_empty:
        note = empty_note(digest)
        return chunk_items(bold(f"{TITLE} · {digest.day}"), [note], "/upcoming · /topics")
    items = _section("Who said what", [speaker_item(g) for g in digest.speakers])
    items += _section("Upcoming", [meeting_item(m) for m in digest.meetings])
    footer = FOOTER
    if digest.omitted_statements:
        footer = f"+{digest.omitted_statements} more statements: /who NAME\n{FOOTER}"
    return chunk_items(header(digest), items, "\n" + footer)
