"""Person names in one article: canonical forms, and the roles and affiliations around them.

"Mr. Biden", "President Biden" and "Biden" are one person, named by the article's fullest form
("Joe Biden"); transliteration variants of a surname ("Tokaev", "Tokayev") are folded together.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from spacy.attrs import DEP, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from bot.pipeline.language import gazetteer
from bot.pipeline.language.patterns import (
    FEMALE_FIRST_NAMES,
    FEMALE_HONORIFICS,
    FEMALE_NOUNS,
    FEMALE_SURNAME_ENDINGS,
    HONORIFICS,
    MALE_FIRST_NAMES,
    MALE_HONORIFICS,
    MALE_NOUNS,
    OUTLETS,
    TITLE_WORDS,
)
from bot.pipeline.language.roles import (
    affiliation_of,
    clean_name,
    is_title_word,
    resolve_place,
    role_of,
)

_ENTITY_LABELS = frozenset({"GPE", "NORP", "ORG"})
_NP_POS = frozenset({"PROPN", "NOUN", "ADJ", "PART", "DET"})
_NOT_PEOPLE = frozenset({"PERSON", "ORG", "NORP", "FAC", "LOC", "GPE", "DATE", "TIME", "MONEY"})
# Last words that make a proper-name chain an organisation, not a person.
_ORG_WORDS = frozenset(
    {"council", "ministry", "department", "office", "agency", "party", "bank", "group", "house",
     "committee", "commission", "union", "service", "news", "times", "post", "press", "court",
     "assembly", "parliament", "government", "administration", "organization", "forum"}
)  # fmt: skip


# Letters that NFKD does not take apart into a base letter and an accent.
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae"})


@dataclass
class _Person:
    """Everything the article says about one person, merged over mentions."""

    name: str
    last_seen: int
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    forms: set[str] = field(default_factory=set)


def _score(name: str) -> tuple[int, int]:
    """Fuller names win; names with initials ("S.V. Lavrov") lose to spelled-out ones."""
    words = name.split()
    return len(words), -sum(1 for w in words if "." in w or len(w) <= 2)


def _same_phrase(prev: Token) -> bool:
    """The token before belongs to the name's phrase: no sentence break between them, except
    one the parser put after an abbreviation ("U.S. President ...")."""
    nxt = prev.doc[prev.i + 1]
    return not nxt.is_sent_start or (prev.text.endswith(".") and len(prev.text) <= 5)


def _titled(ent: Span) -> bool:
    """A mislabelled entity that a title introduces as a person ("Chancellor <ORG>")."""
    if ent.start == 0 or ent.label_ in {"PERSON", "DATE", "TIME", "CARDINAL", "MONEY"}:
        return False
    before = ent.doc[ent.start - 1].lower_
    words = ent.text.split()
    if (before not in TITLE_WORDS and before not in HONORIFICS) or not 2 <= len(words) <= 4:
        return False
    if any(w.lower() in _ORG_WORDS or resolve_place(w) for w in words):
        return False
    return not gazetteer.institution_of(ent.text) and ent.text.casefold() not in OUTLETS


def _title_link(doc: Doc, start: int) -> bool:
    """ "for"/"of" inside a title chain, right after a title word: "Deputy Foreign Minister for
    Legal Affairs X", "Secretary General of the council X"."""
    if start < 2:
        return False
    prev, before = doc[start - 1], doc[start - 2]
    if prev.text == "-" and not prev.whitespace_ and not before.whitespace_:
        return True  # "seven-member": a hyphenated modifier
    if prev.pos_ == "NUM" and doc[start].text == "-":
        return True
    if prev.lower_ == "and":  # "for Legal and International Affairs"
        return before.text.istitle() and doc[start].text.istitle()
    if prev.lower_ not in {"for", "of"}:
        return False
    return is_title_word(before.text) and before.pos_ in {"PROPN", "NOUN"}


def _context(ent: Span) -> list[list[Token]]:
    """Phrases that describe the person: left modifiers, appositions, or the noun it apposes."""
    doc, root = ent.doc, ent.root
    start = min(root.left_edge.i, ent.start)
    while start > 0 and (
        (doc[start - 1].pos_ in _NP_POS and _same_phrase(doc[start - 1])) or _title_link(doc, start)
    ):
        start -= 1  # the parser sometimes hangs "U.S." in "U.S. President X" elsewhere
    phrases = [list(doc[start : ent.start])]
    phrases += [list(c.subtree) for c in root.children if c.dep_ == "appos"]
    phrases += [  # "President Ivan P. Sorokin of Russia": the country right after the name
        list(c.subtree)
        for c in root.children
        if c.dep_ == "prep" and c.lower_ == "of" and c.i == ent.end
    ]
    if root.dep_ == "appos":
        head = root.head
        phrases.append(list(doc[head.left_edge.i : head.i + 1]))
    return phrases


def _gender(ent: Span, phrases: list[list[Token]], name: str) -> str | None:
    """Gender from an honorific, a gendered role noun, or the first name/surname."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    words = {t.lower_ for phrase in phrases for t in phrase} | {before}
    if words & FEMALE_HONORIFICS or words & FEMALE_NOUNS:
        return "female"
    if words & MALE_HONORIFICS or words & MALE_NOUNS:
        return "male"
    parts = name.lower().split()
    if parts[0] in FEMALE_FIRST_NAMES or parts[-1].endswith(FEMALE_SURNAME_ENDINGS):
        return "female"
    if len(parts) > 1 and parts[0] in MALE_FIRST_NAMES:
        return "male"
    return None


def _same_surname(name: str, key: str, bare: bool) -> bool:
    """`key` is the person's surname, a transliteration of it, or (for a bare one-word mention)
    their family name written first ("Zhao" for "Zhao Lijian")."""
    words = _fold(name).split()
    key = _fold(key)
    if words[-1] == key or (bare and len(words) > 1 and words[0] == key):
        return True
    return _transliterated(words[-1], key)


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    """Case- and accent-free ("Çavuşoğlu" -> "cavusoglu"): machine-translated copy drops them."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _first_names_conflict(name: str, words: list[str]) -> bool:
    """Two full names with different first names ("Hillary Clinton", "Bill Clinton")."""
    known = name.split()
    if len(known) < 2 or len(words) < 2 or _fold(known[-1]) != _fold(words[-1]):
        return False
    a, b = _fold(known[0]), _fold(words[0])
    if "." in a + b or len(a) <= 2 or len(b) <= 2:
        return False  # initials never conflict
    return a != b and not (a[0] == b[0] and SequenceMatcher(None, a, b).ratio() >= 0.6)


def _transliterated(a: str, b: str) -> bool:
    """Surnames one transliteration apart ("tokaev"/"tokayev"); cheap checks before difflib."""
    if not a or not b or a[0] != b[0] or abs(len(a) - len(b)) > 3:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def _proper_subjects(doc: Doc) -> list[int]:
    """Indices of proper-noun subjects, read from arrays (no Token object per word)."""
    if len(doc) == 0:
        return []
    nsubj = doc.vocab.strings["nsubj"]
    arr = doc.to_array([DEP, POS])
    return [i for i, (dep, pos) in enumerate(arr.tolist()) if dep == nsubj and pos == PROPN]


class NameBook:
    """Canonical names of the people in one document, keyed by surname."""

    def __init__(self, doc: Doc) -> None:
        self._people: list[_Person] = []
        self._by_ent: dict[int, _Person | None] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                self._by_ent[ent.start] = self._add(ent)
            elif ent.label_ in _ENTITY_LABELS and resolve_place(ent[0].text):
                self._add_remainder(ent)
            elif _titled(ent) and (name := clean_name(ent)) is not None:
                self._by_ent[ent.start] = self._add(ent, name)  # "Chancellor Olaf Scholz" as ORG
        for i in _proper_subjects(doc):
            if doc[i].ent_type_ not in _NOT_PEOPLE:
                self.add_chain(doc[i])  # names the NER missed, as subjects of any verb

    def _find(
        self, words: list[str], gender: str | None = None, position: int | None = None
    ) -> _Person | None:
        """The person a name refers to: same surname (exact, family name first, or one
        transliteration away) and no conflicting first name; among several, the one of the
        right gender ("Mrs. Clinton"), else the first the article named ("Wang said")."""
        key = words[-1].casefold()
        candidates = [p for p in self._people if _same_surname(p.name, key, len(words) == 1)]
        candidates = [p for p in candidates if not _first_names_conflict(p.name, words)]
        if len(candidates) > 1 and gender is not None:
            same = [p for p in candidates if p.gender == gender]
            candidates = same or [p for p in candidates if p.gender is None] or candidates
        return candidates[0] if candidates else None  # the first named is the article's subject

    def _add(self, ent: Span, name: str | None = None) -> _Person | None:
        """Register a mention; upgrade the person's name if this form is fuller."""
        name = name or clean_name(ent)
        if name is None or resolve_place(name) or gazetteer.institution_of(name):
            return None
        phrases = _context(ent)
        hint = _gender(ent, phrases, name)
        person = self._find(name.split(), hint, ent.start)
        if person is None:
            person = _Person(name, ent.start)
            self._people.append(person)
        elif _score(name) > _score(person.name):
            person.name = name
        person.last_seen = max(person.last_seen, ent.start)
        person.forms.add(name)
        for phrase in phrases:
            person.role = person.role or role_of(phrase)
            person.affiliation = person.affiliation or affiliation_of(phrase)
        person.gender = person.gender or hint
        return person

    def _add_remainder(self, ent: Span) -> None:
        """ "Ukraine Volodymyr Zelensky" tagged as NORP: the name after the country is a person."""
        name = clean_name(ent)
        words = (name or "").split()
        if len(words) < 2 or any(w.lower() in _ORG_WORDS for w in words):
            return
        if all(w[:1].isupper() and not resolve_place(w) for w in words):
            self._by_ent[ent.start] = self._add(ent, name)

    def add_chain(self, token: Token) -> str | None:
        """Register a multi-word proper name the NER missed ("Kasym-Zhomart Tokaev said")."""
        doc = token.doc
        start = token.i
        while (start > 0 and doc[start - 1].pos_ == "PROPN") or (
            start > 1 and doc[start - 1].text == "-" and doc[start - 2].pos_ == "PROPN"
        ):
            start -= 1
        chain = doc[start : token.i + 1]
        words = chain.text.replace(" - ", "-").replace(" -", "-").replace("- ", "-").split()
        while words and is_title_word(words[0]):
            words.pop(0)
        if not words or not all(w[0].isupper() for w in words):
            return None
        if len(words) == 1 and (token.dep_ != "nsubj" or words[0].casefold() in OUTLETS):
            return None  # a lone unknown surname counts only as the subject ("Viguerie notes")
        if gazetteer.institution_of(" ".join(words)) or gazetteer.canonical_org(" ".join(words)):
            return None
        if any(resolve_place(w) or w.lower() in _ORG_WORDS for w in words):
            return None
        if gazetteer.capital_country(" ".join(words)):
            return None
        person = self._add(chain, " ".join(words))
        return person.name if person else None

    def add_surname(self, token: Token) -> str:
        """Register a lone surname the NER took for an organisation; returns its canonical form."""
        person = self._add(token.doc[token.i : token.i + 1], token.text)
        return person.name if person else token.text

    def knows(self, ent: Span) -> bool:
        """The entity was registered as a person even though the NER labelled it otherwise."""
        return self._by_ent.get(ent.start) is not None

    def canonical(self, ent: Span) -> str | None:
        """The fullest form of the person an entity mentions."""
        person = self._by_ent.get(ent.start)
        if person is None and (name := clean_name(ent)) is not None:
            person = self._find(name.split(), None, ent.start)
        return person.name if person else None

    def by_surname(self, surname: str, position: int | None = None) -> str | None:
        """The fullest form of a person the article already named, by surname alone."""
        person = self._find([re.sub(r"[’']s$", "", surname)], None, position)
        return person.name if person else None

    def profile(self, name: str) -> tuple[str | None, str | None, str | None]:
        """Role, affiliation and gender known for a canonical name."""
        person = next((p for p in self._people if p.name == name), None)
        if person is None:
            return None, None, None
        return person.role, person.affiliation, person.gender
