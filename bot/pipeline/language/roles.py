"""Titles, roles and affiliations in the words around a name.

"Russian Foreign Minister Sergei Lavrov": the title ("Foreign Minister") becomes the role, the
country word ("Russian") the affiliation, and neither is part of the name. Shared by the name
book (names.py) and the phrase readers (phrases.py, institutions.py).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from bot.pipeline.language import gazetteer
from bot.pipeline.language.entities import entity_at
from bot.pipeline.language.patterns import (
    HONORIFICS,
    INSTITUTION_NOUNS,
    REPORTING_VERBS,
    TITLE_WORDS,
)

_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "to", "'s", "’s", ",", "-"})
_ENTITY_LABELS = frozenset({"GPE", "NORP", "ORG"})
_MAX_ROLE_WORDS = 7
# Marks that end a dateline or a live-blog stamp: nothing before them is part of a role.
_PHRASE_BREAKS = frozenset({"--", "—", "–", ")", ":", "|"})
# Words a title-case headline glues onto a name ("Kellner Says He’s ..."): the name ends there.
_PRONOUNS = frozenset({"he", "she", "it", "we", "they", "i", "he’s", "she’s", "he's", "she's"})
_AUXILIARIES = frozenset({"is", "are", "was", "were", "has", "have", "had", "does", "did", "be"})
_HEADLINE_VERBS = frozenset({"call", "slam", "blast", "hit", "rip", "vow", "back", "pick", "win"})


def _ends_name(word: str, first: bool) -> bool:
    """A pronoun, or a reporting verb in the third person ("Says", "Warns"): not a name word
    ("Said" only after the first word: "Said Jalili" is a name)."""
    lower = word.lower()
    if lower in _PRONOUNS or (lower == "said" and not first):
        return True
    if lower in _AUXILIARIES and not first:
        return True  # "Kellner Have Made ...": a headline verb glued to the name
    stem = lower[:-1] if lower.endswith("s") else ""
    return word[:1].isupper() and (stem in REPORTING_VERBS or stem in _HEADLINE_VERBS)


def is_title_word(word: str) -> bool:
    """A title or honorific, hyphenated ones included ("Secretary-General")."""
    lower = word.lower()
    return lower in TITLE_WORDS | HONORIFICS or all(p in TITLE_WORDS for p in lower.split("-"))


def is_title_phrase(text: str) -> bool:
    """ "High Representative", "the Secretary-General": a title standing alone, not a name."""
    words = [w for w in text.split() if w.lower() not in {"the", "of"}]
    if any(w.lower() in INSTITUTION_NOUNS for w in words):
        return False  # "the Ministry of Foreign Affairs" is a body, not a person's title
    return bool(words) and all(is_title_word(w) for w in words)


def clean_name(ent: Span) -> str | None:
    """A PERSON entity's text without honorifics, leading titles or a trailing possessive."""
    words = re.sub(r"[’']s$", "", ent.text.strip()).split()
    cut = next((i for i, w in enumerate(words) if _ends_name(w, i == 0)), len(words))
    words = words[:cut]
    while words and (
        words[0].lower() in HONORIFICS or words[0].lower() in TITLE_WORDS or resolve_place(words[0])
    ):
        words.pop(0)
    while words and (words[-1].lower() in HONORIFICS or words[-1].lower() in TITLE_WORDS):
        words.pop()
    return " ".join(words) or None


def is_country_word(token: Token) -> bool:
    """Token names (part of) a country, an organisation or a demonym."""
    if token.ent_type_ in _ENTITY_LABELS:
        ent = entity_at(token)
        if ent is not None and resolve_place(ent.text):
            return True
    return resolve_place(token.text) is not None


def resolve_place(text: str) -> str | None:
    """Country or organisation for a name, demonym or acronym."""
    return gazetteer.country_of(text) or gazetteer.canonical_org(text)


def affiliation_of(tokens: list[Token]) -> str | None:
    """First country or organisation named among `tokens` (entities first, then single words)."""
    seen: set[int] = set()
    for token in tokens:
        if token.ent_type_ in _ENTITY_LABELS and token.i not in seen:
            ent = entity_at(token)
            if ent is not None:
                seen.update(range(ent.start, ent.end))
                found = resolve_place(ent.text) or gazetteer.institution_of(ent.text)
                if found:
                    return found
        found = resolve_place(token.text) or gazetteer.institution_of(token.text)
        if found:
            return found
    return None


def role_words(words: list[str]) -> list[str]:
    """Strip function words and possessives from the edges of a role phrase."""
    words = [w for w in words if w.lower() not in HONORIFICS]
    while words and words[0].lower() in _FUNCTION_WORDS:
        words.pop(0)
    while words and words[-1].lower() in _FUNCTION_WORDS:
        words.pop()
    return words


def _breaks_phrase(token: Token) -> bool:
    """A dateline dash or stamp separator; "Secretary-General"'s hyphen is no break."""
    return token.text in _PHRASE_BREAKS or (token.text == "-" and bool(token.whitespace_))


def _title_head(words: list[str]) -> list[str]:
    """ "Secretary General of the seven-member council" -> "Secretary General"; a long chain
    ("Deputy Foreign Minister for Legal and Consular Affairs") keeps the title before "for";
    "Minister of Foreign Affairs" stays whole."""
    link = next((i for i, w in enumerate(words) if w.lower() in {"for", "of"} and i > 0), None)
    if link is None or not any(is_title_word(w) for w in words[:link]):
        return words
    rest = [w for w in words[link + 1 :] if w.lower() not in _FUNCTION_WORDS]
    if len(words) > _MAX_ROLE_WORDS or all(w[:1].islower() or not w[:1].isalpha() for w in rest):
        return role_words(words[:link])
    return words


def role_of(tokens: list[Token]) -> str | None:
    """A role from the words around a name: titles kept, countries and articles dropped."""
    cut = max((i for i, t in enumerate(tokens) if _breaks_phrase(t)), default=-1)
    tokens = [t for t in tokens[cut + 1 :] if t.ent_type_ not in {"DATE", "TIME"}]
    words = [
        t.text
        for t in tokens
        if t.dep_ not in {"det", "punct", "case"}
        and t.ent_type_ != "PERSON"
        and not is_country_word(t)
        and t.text not in {"’s", "'s"}
    ]
    words = _title_head(role_words(words))
    if not words or len(words) > _MAX_ROLE_WORDS:
        return None
    if not any(w.lower() in TITLE_WORDS or w.lower().rstrip("s") in TITLE_WORDS for w in words):
        return None
    return " ".join(words)
