"""Telegram HTML at the edge: escaping, item lines, and splitting into <= 4096-character messages.

Every piece of outside text (news titles, quotes, user arguments) passes through `esc`, which
also drops control characters and lone surrogates that would make Telegram refuse the message.
Lengths are measured in UTF-16 units of the HTML source, which is never shorter than the visible
text Telegram counts, so a chunk that fits here fits there.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from urllib.parse import urlsplit

from bot.pipeline.types import shown_words

MAX_MESSAGE = 4096
BULLET = "• "
SEP = " · "
ELLIPSIS = "…"
TITLE_LIMIT = 200
QUOTE_LIMIT = 400
_TAGS = re.compile(r"<[^>]*>")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


# The extractor stores the audience as written after the verb ("told reporters" -> "reporters",
# "said at a news conference" -> "a news conference"); the reader needs the preposition back.
_PREPOSITIONS = ("to ", "at ", "in ", "on ", "during ", "with ", "before ", "after ", "via ")
_IN_WORDS = re.compile(
    r"\b(interview|statement|speech|letter|address|post|article|op-ed)s?\b", re.IGNORECASE
)
_AT_WORDS = re.compile(
    r"\b(conference|briefing|summit|meeting|session|forum|rally|event|ceremony|hearing|"
    r"gathering|dinner|reception|talks)s?\b",
    re.IGNORECASE,
)


def audience_phrase(audience: str) -> str:
    """ "reporters" -> "to reporters", "a news conference" -> "at a news conference"."""
    text = " ".join(audience.split())
    if text.casefold().startswith(_PREPOSITIONS):
        return text
    if _IN_WORDS.search(text):
        return f"in {text}"
    if _AT_WORDS.search(text):
        return f"at {text}"
    return f"to {text}"


def utf16_len(text: str) -> int:
    """Telegram counts UTF-16 code units: an emoji is two."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def clean(text: str) -> str:
    """Drop control characters (except newlines and tabs) and lone surrogates."""
    return "".join(
        ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn")
    )


def shorten(text: str, limit: int) -> str:
    """Cut plain text at a word boundary, marking the cut with an ellipsis."""
    text = " ".join(clean(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + ELLIPSIS


def esc(text: object) -> str:
    """Escape any value for Telegram HTML (`<`, `>`, `&` and quotes)."""
    return html.escape(clean(str(text)), quote=True)


def bold(text: str) -> str:
    return f"<b>{esc(text)}</b>"


def count(n: int, noun: str) -> str:
    """ "1 failure", "3 failures": a reply that says "1 failures" reads as a bug."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def outlet_of(url: str) -> str:
    """The short outlet name shown for a link: the host without "www."."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def link(label: str, url: str) -> str:
    """A link when the URL is a plain http(s) URL, else just the escaped label."""
    url = clean(url).strip()
    if not label or not _SAFE_URL.match(url) or len(url) > 2048:
        return esc(label)
    return f'<a href="{esc(url)}">{esc(label)}</a>'


def source_links(links: Sequence[tuple[str, str]], *, total: int | None = None) -> str:
    """Sources as "[tass.com] +2": the first linked, then how many more outlets carried it."""
    if not links:
        return ""
    outlet, url = links[0]
    first = link(outlet or outlet_of(url) or "source", url)
    more = (total if total is not None else len(links)) - 1
    return f"[{first}]" + (f" +{more}" if more > 0 else "")


def meeting_line(
    *,
    when: str,
    title: str,
    place: str | None = None,
    participants: Iterable[str] = (),
    links: Sequence[tuple[str, str]] = (),
    sources: int | None = None,
) -> str:
    """A meeting item: "• <b>Sun 9 – Mon 10 Jan</b> · Geneva · talks (Sherman) [tass.com] +2"."""
    parts = [f"<b>{esc(when)}</b>"]
    if place:
        parts.append(esc(shorten(place, 80)))
    parts.append(esc(shorten(title, TITLE_LIMIT)))
    line = BULLET + SEP.join(parts)
    # "Austria–Slovenia meeting (Austria, Slovenia)" says it twice: name only who the title omits.
    said = f"{title} {place or ''}".casefold()
    people = [shorten(p, 60) for p in participants if p and p.casefold() not in said][:4]
    if people:
        line += f" ({esc(', '.join(people))})"
    refs = source_links(links, total=sources)
    return f"{line} {refs}" if refs else line


def statement_line(
    *,
    when: str,
    text: str,
    direct: bool = False,
    audience: str | None = None,
    links: Sequence[tuple[str, str]] = (),
    sources: int | None = None,
    speaker: str | None = None,
) -> str:
    """A statement item: "• Thu 6 Jan, to reporters: “words” [ria.ru] +4" (speaker optional)."""
    lead = esc(when)
    if audience and audience.strip():
        lead += f", {esc(shorten(audience_phrase(audience), 60))}"
    words = shorten(text, QUOTE_LIMIT)
    body = esc(shown_words(words, direct))
    who = f"<b>{esc(shorten(speaker, 80))}</b>: " if speaker else ""
    line = f"{BULLET}{lead}: {who}{body}"
    refs = source_links(links, total=sources)
    return f"{line} {refs}" if refs else line


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _fit_item(item: str, budget: int) -> str:
    """An item too long for any message loses its markup and is cut to fit, never split."""
    parser = _TextOnly()
    parser.feed(item)
    parser.close()
    text = "".join(parser.parts)
    limit = budget
    while limit > 0:
        candidate = esc(shorten(text, limit))
        if utf16_len(candidate) <= budget:
            return candidate
        limit = min(limit - 1, limit * budget // max(utf16_len(candidate), 1))
    return ELLIPSIS


def chunk_items(
    header: str, items: Sequence[str], footer: str = "", limit: int = MAX_MESSAGE
) -> list[str]:
    """Join HTML items into messages within `limit`, splitting only between items.

    The header opens the first message and the footer closes the last; a piece longer than a
    whole message is reduced to plain text that fits rather than cut inside its markup.
    """
    pieces = [header.strip("\n"), *items, footer.strip("\n")]
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for raw in pieces:
        if not _TAGS.sub("", raw).strip():  # Telegram refuses messages with no visible text
            continue
        piece = raw if utf16_len(raw) <= limit else _fit_item(raw, limit)
        extra = utf16_len(piece) + (1 if current else 0)
        if current and size + extra > limit:
            chunks.append("\n".join(current))
            current, size, extra = [], 0, utf16_len(piece)
        current.append(piece)
        size += extra
    if current:
        chunks.append("\n".join(current))
    return chunks
