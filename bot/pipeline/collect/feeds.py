"""Feed parsing: RSS 0.9x/1.0/2.0 and Atom bytes into plain-text entries, never an exception.

feedparser does the format work and tolerates broken XML ("bozo" feeds); an entry is kept when
it has a link and a title or summary. Titles and summaries arrive as HTML and leave as plain
text: markup from a stranger's feed must not reach a Telegram message as markup.
"""

from __future__ import annotations

import calendar
import io
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import feedparser

log = logging.getLogger(__name__)

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"}
)
# C0/C1 control characters other than newline and tab, and bidi overrides: never useful text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_INLINE_SPACE = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\s*\n\s*(?:\n\s*)+")
MAX_FIELD_CHARS = 100_000


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, as plain text; `content` is the full body when the feed carries one."""

    link: str
    title: str
    summary: str
    content: str = ""
    guid: str | None = None
    published: datetime | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """The readable part of a feed; `error` is set when nothing usable was found."""

    title: str = ""
    entries: tuple[FeedEntry, ...] = ()
    error: str | None = None


class _TextOnly(HTMLParser):
    """Collects text nodes, drops scripts and styles, turns block ends into paragraph breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(value: str) -> str:
    """Plain text of an HTML fragment: tags and scripts gone, entities decoded, spaces tidied."""
    value = value[:MAX_FIELD_CHARS]
    if "<" in value:
        parser = _TextOnly()
        try:
            parser.feed(value)
            parser.close()
            value = "".join(parser.parts)
        except (AssertionError, ValueError):  # HTMLParser on pathological input
            value = re.sub(r"<[^>]*>", " ", value)
    else:
        value = unescape(value)
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = _BLANK_LINES.split(value)
    cleaned = (_INLINE_SPACE.sub(" ", " ".join(p.split("\n"))).strip() for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            except (OverflowError, ValueError, TypeError, OSError):
                continue
    return None


def _content(entry: Any) -> str:
    blocks = entry.get("content") or []
    texts = [html_to_text(str(block.get("value", ""))) for block in blocks if block]
    return max(texts, key=len, default="")


def _entry(entry: Any, base_url: str) -> FeedEntry | None:
    link = str(entry.get("link") or "").strip()
    guid = str(entry.get("id") or "").strip() or None
    if not link and guid and guid.startswith(("http://", "https://")):
        link = guid
    if not link:
        return None
    title = html_to_text(str(entry.get("title") or ""))
    summary = html_to_text(str(entry.get("summary") or ""))
    content = _content(entry)
    if not (title or summary or content):
        return None
    return FeedEntry(
        link=urljoin(base_url, link),
        title=title,
        summary=summary,
        content=content if content != summary else "",
        guid=guid,
        published=_entry_time(entry),
    )


def parse_feed(body: bytes, *, url: str = "", content_type: str = "") -> ParsedFeed:
    """Entries of a feed document; broken feeds give what is readable, junk gives an error."""
    headers = {"content-location": url} if url else {}
    if content_type:
        headers["content-type"] = content_type
    try:
        # Our own html_to_text reduces every field to plain text (scripts dropped), so
        # feedparser's HTML sanitiser and link rewriting would only double the parse time.
        parsed = feedparser.parse(
            io.BytesIO(body),
            response_headers=headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
        entries = tuple(e for e in (_entry(raw, url) for raw in parsed.entries) if e is not None)
        title = html_to_text(str(parsed.feed.get("title") or ""))
    except Exception as exc:  # feedparser on hostile bytes: the source fails, the pass goes on
        log.debug("feed parser raised on %s", url, exc_info=True)
        return ParsedFeed(error=f"unparseable feed ({type(exc).__name__})")
    if entries:
        return ParsedFeed(title=title, entries=entries)
    reason = parsed.get("bozo_exception")
    detail = f": {str(reason)[:120]}" if reason else ""
    if not parsed.get("version"):
        return ParsedFeed(title=title, error=f"not an RSS or Atom feed{detail}")
    if parsed.get("bozo"):  # a feed so broken that no entry could be read
        return ParsedFeed(title=title, error=f"malformed feed{detail}")
    return ParsedFeed(title=title)  # a well-formed feed that is empty right now
