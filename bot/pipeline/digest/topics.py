"""Topics a chat follows, and whether a statement or meeting is about one of them.

A topic is whatever the user typed: a country ("Russia"), a person ("Lavrov"), an organisation
("NATO"), a place ("Geneva") or a keyword ("sanctions"). Countries and organisations expand to
their gazetteer aliases and demonyms, so "Russia" also finds "Russian" and "Moscow's" does not
(capitals are places, not countries). Matching is on whole words, case-insensitive, except short
all-caps acronyms ("US", "WHO") which must match in capitals or "us" would match everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from bot.pipeline.language.gazetteer import aliases_of, canonical_org, country_of

MAX_TOPIC_CHARS = 64
_SPACES = re.compile(r"\s+")
_EDGE_JUNK = " \t\"'“”‘’«»#@.,;:!?()[]{}<>/\\|-–—*_~`"
_ACRONYM_MAX = 5


def _clean(text: str) -> str:
    """Printable characters only, single spaces, no quotes or punctuation at the edges."""
    printable = "".join(
        ch if unicodedata.category(ch)[0] not in "CZ" else " "
        for ch in unicodedata.normalize("NFKC", text)
    )
    return _SPACES.sub(" ", printable).strip(_EDGE_JUNK)[:MAX_TOPIC_CHARS].strip()


def canonical(text: str) -> str | None:
    """The gazetteer's name for a country or organisation topic ("russian" -> "Russia")."""
    cleaned = _clean(text)
    if not cleaned:
        return None
    return country_of(cleaned) or canonical_org(cleaned)


def display_topic(text: str) -> str:
    """How a topic is shown back: the canonical name when known, else the cleaned text."""
    cleaned = _clean(text)
    return canonical(cleaned) or cleaned


def normalize_topic(text: str) -> str:
    """The key that identifies a topic ("Russian", "russia", "#Russia" -> "russia"); "" if empty."""
    return display_topic(text).casefold()


def _surface_forms(topic: str) -> tuple[str, ...]:
    name = canonical(topic)
    if name is not None:
        return aliases_of(name) or (name,)
    cleaned = _clean(topic)
    return (cleaned,) if cleaned else ()


def topic_terms(topic: str) -> frozenset[str]:
    """Every surface form the topic matches, case-folded ("Russia" -> {"russia", "russian"...})."""
    return frozenset(form.casefold() for form in _surface_forms(topic))


def _pattern(form: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in form.split())
    if form.isupper() and len(form.replace(".", "")) <= _ACRONYM_MAX:
        return re.compile(rf"(?<!\w){words}(?!\w)")
    # A lower-case keyword also matches its plural: "sanction" finds "sanctions".
    plural = "(?:s|es)?" if form.islower() else ""
    return re.compile(rf"(?<!\w){words}{plural}(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _patterns(topic: str) -> tuple[re.Pattern[str], ...]:
    return tuple(_pattern(form) for form in _surface_forms(topic))


def topic_hits(topic: str, *, names: Iterable[str] = (), text: str = "") -> bool:
    """Does one topic match any of the entity names or the text?"""
    patterns = _patterns(topic)
    haystacks = [name for name in names if name]
    if text:
        haystacks.append(text)
    return any(p.search(h) for p in patterns for h in haystacks)


def matches(topics: Sequence[str], *, names: Iterable[str], text: str) -> bool:
    """True when any topic matches; a chat without topics follows everything."""
    if not topics:
        return True
    names = list(names)
    return any(topic_hits(topic, names=names, text=text) for topic in topics)
