"""Main text and metadata of a web page, so a feed item's link becomes an article to extract from.

Pure: HTML in, a `Page` out, never a network call. Feeds often carry only a teaser, and a page is
mostly menus, teasers and footers around the story; trafilatura finds the story, and this module
keeps its paragraph structure (the extractor reads quotes continued across paragraphs) and only the
publication date the page states in its metadata, never one guessed from the text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

import trafilatura
from lxml import etree
from trafilatura.settings import Document

log = logging.getLogger(__name__)

# Fewer words than this is a menu, a cookie wall or an error page, not an article.
MIN_WORDS = 15

# Elements of trafilatura's output tree that hold one paragraph each (list items: one per item).
_BLOCKS = {"p", "head", "quote", "item", "cell"}

# Metadata only: htmldate's "extensive search" would guess a date from the body text or the URL.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

_SPACE = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    """A page's story: `text` is paragraphs separated by blank lines; `published` from metadata."""

    title: str
    text: str
    published: date | None = None
    url: str = ""
    sitename: str | None = None


def extract_page(html: str | bytes, url: str = "") -> Page | None:
    """The story of an HTML page, or None when there is no article in it (junk, menus, binary)."""
    if not html or not _looks_like_markup(html):
        return None
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=None,  # htmldate would read a date out of the URL and prefer it to the metadata
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, etree.LxmlError) as exc:  # malformed input must not escape
        log.debug("page extraction failed for %s: %s", url or "<html>", exc)
        return None
    if not isinstance(doc, Document) or doc.body is None:
        return None
    title = _clean(doc.title or "")
    paragraphs = _paragraphs(doc.body, title)
    text = "\n\n".join(paragraphs)
    if len(text.split()) < MIN_WORDS:
        return None
    return Page(
        title=title,
        text=text,
        published=_parse_date(doc.date),
        url=url or doc.url or "",
        sitename=_clean(doc.sitename or "") or None,
    )


def _looks_like_markup(html: str | bytes) -> bool:
    """Binary files and plain prose are not pages; trafilatura would still 'find' text in them."""
    head = html[:4096]
    if isinstance(head, bytes):
        if b"\x00" in head:
            return False
        head = head.decode("utf-8", errors="replace")
    return "<" in head and ">" in head


def _paragraphs(body: etree._Element, title: str) -> list[str]:
    """One string per innermost block, in order; the headline repeated as the first heading dropped.

    Line breaks inside a block (<br>, or trafilatura's fallback joining blocks with newlines) also
    separate paragraphs: sites that lay out a story with <br><br> mean paragraphs by them.
    """
    for lb in body.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    out: list[str] = []
    for element in body.iter(*_BLOCKS):
        if any(True for _ in element.iterdescendants(*_BLOCKS)):
            continue  # a <quote> holding <p>s: the inner blocks are the paragraphs
        for line in "".join(element.itertext()).split("\n"):
            text = _clean(line)
            if not text:
                continue
            if not out and element.tag == "head" and _same_words(text, title):
                continue
            out.append(text)
    return out


def _same_words(left: str, right: str) -> bool:
    """Headline and <h1> often differ only in quote marks or punctuation."""
    return _WORDS.findall(left.casefold()) == _WORDS.findall(right.casefold())


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
