"""Who is speaking: turn the subject of a reporting verb into a named, canonical speaker.

Names are canonicalised within the article (the fullest form whose surname matches, tolerant of
transliteration), roles and affiliations come from the noun phrase around the name, and pronouns
or descriptions ("he", "the minister", "the 78-year-old") resolve to the most recent compatible
speaker or subject. Anything unresolved yields None: no speaker is better than a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from bot.pipeline import gazetteer
from bot.pipeline.attribution import entity_at
from bot.pipeline.names import NameBook, affiliation_of, is_country_word, role_words
from bot.pipeline.patterns import (
    FEMALE_NOUNS,
    INSTITUTION_NOUNS,
    MALE_NOUNS,
    OUTLETS,
    ROLE_NOUNS,
    TITLE_WORDS,
    UNNAMED_SOURCES,
)
from bot.pipeline.types import EntityType

_AGE = re.compile(r"^\d+-year-old$")
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "poss"})
_ADJECTIVE_ENDINGS = ("ian", "an", "ese", "ish", "i", "ch", "ic", "ean", "ine", "ss")
_GENERIC_ROLES = frozenset({"leader", "chief", "head", "official", "diplomat", "veteran"})


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: canonical name, type, and what the article says about them."""

    name: str
    type: EntityType
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None


class SpeakerResolver:
    """Resolves subjects to speakers for one document, remembering who spoke and who acted."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.book = NameBook(doc)
        # (token index, speaker, was a grammatical subject) in document order.
        self._mentions: list[tuple[int, Speaker, bool]] = []
        for ent in doc.ents:
            speaker: Speaker | None = None
            if ent.label_ == "PERSON":
                speaker = self._person(ent)
            elif ent.label_ in {"ORG", "FAC"} and ent.root.lower_ in INSTITUTION_NOUNS:
                speaker = self._organisation(ent.root, ent)
            if speaker is not None:
                self._mentions.append((ent.start, speaker, ent.root.dep_ in _SUBJECT_DEPS))

    def remember(self, position: int, speaker: Speaker) -> None:
        """Record a resolved speaker so that later pronouns and descriptions can refer to it."""
        self._mentions.append((position, speaker, True))
        self._mentions.sort(key=lambda m: m[0])

    def resolve(self, head: Token) -> Speaker | None:
        """The speaker a subject token stands for, or None when it is unnamed or unresolvable."""
        lower = head.lower_
        if lower in {"he", "she", "him", "her"}:
            return self._antecedent(head.i, "female" if lower in {"she", "her"} else "male")
        if lower == "it":
            return self._antecedent(head.i, None, want="org")
        if head.pos_ == "PRON" or any(c.dep_ == "conj" for c in head.children):
            return None  # "we", "they", "Hawkins and others": not one named speaker
        chain = _proper_chain(head)
        if (country := gazetteer.institution_of(chain)) is not None:
            return Speaker(_strip_det(chain), "org", None, country)
        if head.lemma_.lower() in ROLE_NOUNS or head.lower_ in TITLE_WORDS:
            inner = _person_inside(head)
            if inner is not None and (named := self._name_at(inner)) is not None:
                return named  # "Secretary General of the CSTO Stanislav Zas"
        for child in head.children:
            if child.dep_ == "appos" and (named := self._name_at(child)) is not None:
                return named  # "Russia's envoy, Mikhail Ulyanov," / "Ukraine's president, X"
        ent = _entity_of(head)
        is_name = head.pos_ == "PROPN" or (ent is not None and ent.label_ == "PERSON")
        if is_name and (named := self._name_at(head)) is not None:
            return named
        if ent is not None and ent.label_ in _ORG_LABELS:
            return self._organisation(head, ent)
        return self._description(head)

    def _name_at(self, token: Token) -> Speaker | None:
        """A person named at `token`: a PERSON entity, a known surname the NER mislabelled, or
        an unlabelled multi-word proper name (transliterated names often escape the NER)."""
        ent = _entity_of(token)
        if ent is not None and (ent.label_ == "PERSON" or self.book.knows(ent)):
            return self._person(ent)
        if (name := self.book.by_surname(token.text)) is not None:
            return self._profiled(name)
        if ent is not None and ent.label_ in _ORG_LABELS | {"LOC"}:
            return None
        if (name := self.book.add_chain(token)) is not None:
            return self._profiled(name)
        return None

    def _profiled(self, name: str) -> Speaker:
        """A person speaker with the role, affiliation and gender the article gives."""
        role, affiliation, gender = self.book.profile(name)
        return Speaker(name, "person", role, affiliation, gender)

    def _person(self, ent: Span) -> Speaker | None:
        """A PERSON entity as a canonical speaker with the best role and affiliation known."""
        name = self.book.canonical(ent)
        if name is None or name.casefold() in OUTLETS:
            return None
        return self._profiled(name)

    def _organisation(self, head: Token, ent: Span) -> Speaker | None:
        """An institution, organisation or country speaking ("the Kremlin", "NATO", "Russia")."""
        if self.book.knows(ent):
            return self._person(ent)
        text = _strip_det(ent.text)
        if text.casefold() in OUTLETS or head.lemma_.lower() in UNNAMED_SOURCES:
            return None
        if head.pos_ == "PROPN" and (name := self.book.by_surname(head.text)) is not None:
            return self._profiled(name)  # "Orban said", with "Orban" tagged as an ORG
        if ent.label_ == "NORP" and head.lower_ not in INSTITUTION_NOUNS:
            return None  # "Russians said": a people, not a speaker
        phrase = _noun_phrase(head)
        of_phrases = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        phrase += sorted(
            {t for c in of_phrases for t in c.subtree} | {t for t in ent if t.i > head.i},
            key=lambda t: t.i,
        )  # "Ministry of Foreign Affairs of Ukraine"
        country = affiliation_of(phrase) or gazetteer.institution_of(text)
        if head.lower_ in INSTITUTION_NOUNS or gazetteer.institution_of(text):
            name = _institution_name(phrase, country)
            return Speaker(name, "org", None, country)
        if (org := gazetteer.canonical_org(text)) is not None:
            return Speaker(org, "org", None, org)
        if (state := gazetteer.country_of(text) or gazetteer.capital_country(text)) is not None:
            return Speaker(state, "country", None, state)
        return Speaker(text, "org", None, country) if ent.label_ == "ORG" else None

    def _description(self, head: Token) -> Speaker | None:
        """Descriptions ("the minister", "the ministry") and unrecognised proper names."""
        lemma = head.lemma_.lower()
        if (lemma in UNNAMED_SOURCES and lemma not in ROLE_NOUNS) or head.tag_ in {"NNS", "NNPS"}:
            return None  # groups ("officials", "Trump aides") are never one speaker
        if _is_age(head):
            return self._match(head.i, "person", lambda s: True, None)
        dets = {c.lower_ for c in head.children if c.dep_ in {"det", "poss"}}
        if "the" not in dets and head.i > 0 and head.nbor(-1).dep_ != "compound":
            return None  # "a senior official", "ministry spokesman" alone: unnamed
        if lemma in INSTITUTION_NOUNS and (owner := _owner(head)) is not None:
            return self.resolve(owner)  # "the press service of the Kremlin": the Kremlin speaks
        if _introduces_someone(head):
            return None  # "the deputy head of China's delegation": a new, unnamed person
        wanted = affiliation_of(_noun_phrase(head))
        if _unknown_modifier(head):
            return None  # "the Florida senator": a qualifier we cannot check against anyone
        if lemma in INSTITUTION_NOUNS:
            return self._match(head.i, "org", lambda s: lemma in s.name.lower(), wanted)
        if lemma in ROLE_NOUNS:
            gender = "female" if lemma in FEMALE_NOUNS else "male" if lemma in MALE_NOUNS else None
            return self._match(head.i, "person", _role_test(lemma), wanted, gender)
        if lemma in {"man", "woman"}:
            return self._match(head.i, "person", lambda s: True, wanted)
        return None

    def _antecedent(
        self, position: int, gender: str | None, want: str = "person"
    ) -> Speaker | None:
        """The most recent compatible subject or speaker before `position` (subjects first)."""
        candidates = [m for m in self._mentions if m[0] < position and m[1].type != "country"]
        if want == "org":
            candidates = [m for m in candidates if m[1].type == "org"]
        else:
            candidates = [m for m in candidates if m[1].type == "person"]
        ordered = [m for m in reversed(candidates) if m[2]] + [
            m for m in reversed(candidates) if not m[2]
        ]
        for _, speaker, _ in ordered[:6]:
            if gender is None or speaker.gender in (None, gender):
                return speaker
        return None

    def _match(
        self,
        position: int,
        kind: str,
        test: object,
        affiliation: str | None,
        gender: str | None = None,
    ) -> Speaker | None:
        """Most recent speaker of `kind` passing `test`, of the description's affiliation if one is
        known ("the Russian leader"), else of unknown affiliation; gender must not conflict."""
        allowed = [affiliation] if affiliation else [None]
        for wanted in [*allowed, None] if affiliation else allowed:
            for pos, speaker, _ in reversed(self._mentions):
                if pos >= position or speaker.type != kind:
                    continue
                if wanted and speaker.affiliation != wanted:
                    continue
                if affiliation and not wanted and speaker.affiliation not in (None, affiliation):
                    continue
                if gender and speaker.gender not in (None, gender):
                    continue
                if callable(test) and test(speaker):
                    return speaker
        return None


def _unknown_modifier(head: Token) -> bool:
    """A proper-noun modifier of a description that is neither a country nor an organisation."""
    for child in head.children:
        if child.dep_ in {"compound", "amod", "nmod"} and child.pos_ == "PROPN":
            text = child.text
            known = gazetteer.country_of(text) or gazetteer.canonical_org(text)
            if not known and not gazetteer.institution_of(text) and text.lower() not in TITLE_WORDS:
                return True
    return False


def _owner(head: Token) -> Token | None:
    """X in "the press service of X" when X is itself a named institution or organisation."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is not None and (pobj.ent_type_ in {"ORG", "FAC"} or pobj.pos_ == "PROPN"):
            return pobj
    return None


def _introduces_someone(head: Token) -> bool:
    """A description with its own qualifiers ("of China's delegation", "who ...") names a new
    person rather than pointing back; "the head of state" is the fixed exception."""
    for child in head.children:
        if child.dep_ in {"relcl", "acl"}:
            return True
        if child.dep_ == "prep":
            objects = [g.lemma_.lower() for g in child.children if g.dep_ == "pobj"]
            if objects and objects[0] not in {"state", "government"}:
                return True
    return False


def _is_age(head: Token) -> bool:
    """ "the 78-year-old": one token or three ("78", "-", "year", "-", "old")."""
    if _AGE.match(head.text):
        return True
    doc = head.doc
    return head.lower_ == "old" and head.i >= 2 and doc[head.i - 2].lower_ in {"year", "years"}


def _role_test(lemma: str) -> object:
    """Predicate: does a speaker's role fit the description noun?"""
    if lemma in _GENERIC_ROLES:
        return lambda s: True
    return lambda s: s.role is not None and lemma in s.role.lower()


def _person_inside(head: Token) -> Token | None:
    """The root of a PERSON entity inside a title's own phrase ("President of Ukraine X")."""
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children):
        return None  # "a spokeswoman for Janney": Janney is the employer
    for token in head.subtree:
        if token.i > head.i and token.pos_ == "PROPN" and token.dep_ not in _MODIFIER_DEPS:
            has_name = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)
            return token if has_name else None  # "of Armenia Ruben Rubinyan", not "for Janney"
        if token.i > head.i and token.pos_ in {"VERB", "AUX"}:
            return None
    return None


def _proper_chain(head: Token) -> str:
    """The head with its compound modifiers ("Downing Street"), as written."""
    start = head.i
    while (
        start > 0
        and head.doc[start - 1].dep_ == "compound"
        and head.doc[start - 1].head.i >= head.i - 1
    ):
        start -= 1
    return head.doc[start : head.i + 1].text


def _entity_of(token: Token) -> Span | None:
    """The named entity a token belongs to, or one of its compound modifiers does."""
    if token.ent_type_:
        return entity_at(token)
    return None


def _noun_phrase(head: Token) -> list[Token]:
    """Tokens of the subject's noun phrase up to the head (left modifiers and the head)."""
    return [t for t in head.doc[head.left_edge.i : head.i + 1] if t.dep_ != "punct"]


def _strip_det(text: str) -> str:
    """Drop a leading article and trailing possessive."""
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"[’']s?$", "", text)


def _institution_name(phrase: list[Token], country: str | None) -> str:
    """ "Russia's Foreign Ministry" -> "Russian Foreign Ministry"; "the Kremlin" -> "Kremlin"."""
    words = [t.text for t in phrase if t.dep_ not in {"det", "case"} and not is_country_word(t)]
    words = [w for w in words if w not in {"’s", "'s"}]
    name = " ".join(role_words(words)) or phrase[-1].text
    if country and not gazetteer.institution_of(name):
        return f"{adjective(country)} {name}"
    return name


def adjective(country: str) -> str:
    """The adjective a wire writer would put before an institution of `country`."""
    overrides = {"United States": "US", "United Kingdom": "British", "European Union": "EU"}
    if country in overrides:
        return overrides[country]
    for alias in gazetteer.aliases_of(country)[1:]:
        if " " not in alias and alias.lower().endswith(_ADJECTIVE_ENDINGS):
            return alias
    return country


def with_role(speaker: Speaker, role: str | None, affiliation: str | None) -> Speaker:
    """Fill in a role or affiliation the speaker's own mention provides."""
    return replace(
        speaker, role=speaker.role or role, affiliation=speaker.affiliation or affiliation
    )
