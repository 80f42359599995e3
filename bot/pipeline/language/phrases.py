"""Reading the noun phrase around a speaker: titles, qualifiers, owners and institution names.

Helpers for speakers.py: they look at one phrase of the parse and never at the article's history.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from bot.pipeline.language import gazetteer
from bot.pipeline.language.entities import entity_at
from bot.pipeline.language.patterns import ROLE_NOUNS, TITLE_WORDS
from bot.pipeline.language.roles import is_country_word, role_words

_AGE = re.compile(r"^\d+-year-old$")
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "poss"})
_ADJECTIVE_ENDINGS = ("ian", "an", "ese", "ish", "i", "ch", "ic", "ean", "ine", "ss")
# Words that make a different office of a role noun ("Prime Minister" is not "the minister").
_RANK_QUALIFIERS = frozenset({"prime", "vice", "deputy", "under", "assistant"})
# Description nouns that name an office written differently in titles.
_ROLE_SYNONYMS = {"premier": ("premier", "prime minister")}
_GENERIC_ROLES = frozenset({"leader", "chief", "head", "official", "diplomat", "veteran"})


def unknown_modifier(head: Token) -> bool:
    """A proper-noun modifier of a description that is neither a country nor an organisation."""
    for child in head.children:
        if child.dep_ in {"compound", "amod", "nmod"} and child.pos_ == "PROPN":
            text = child.text
            known = gazetteer.country_of(text) or gazetteer.canonical_org(text)
            if not known and not gazetteer.institution_of(text) and text.lower() not in TITLE_WORDS:
                return True
    return False


def owner(head: Token) -> Token | None:
    """X in "the press service of X" when X is itself a named institution or organisation."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is not None and (pobj.ent_type_ in {"ORG", "FAC"} or pobj.pos_ == "PROPN"):
            return pobj
    return None


def introduces_someone(head: Token) -> bool:
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


def is_age(head: Token) -> bool:
    """ "the 78-year-old": one token or three ("78", "-", "year", "-", "old")."""
    if _AGE.match(head.text):
        return True
    doc = head.doc
    return head.lower_ == "old" and head.i >= 2 and doc[head.i - 2].lower_ in {"year", "years"}


def role_test(head: Token) -> object:
    """Predicate: does a speaker's role fit the description ("the minister" is no Prime
    Minister, "the president" no Vice President, unless the description says so)?"""
    lemma = head.lemma_.lower()
    if lemma in _GENERIC_ROLES:
        return lambda s: True
    said = {t.lower_ for t in head.subtree}

    names = _ROLE_SYNONYMS.get(lemma, (lemma,))

    def fits(speaker: object) -> bool:
        role = (getattr(speaker, "role", None) or "").lower()
        words = set(role.replace("-", " ").split()) - set(" ".join(names).split())
        if (said & _RANK_QUALIFIERS) - words:
            return False  # "the deputy foreign minister" is not the Foreign Minister
        return any(n in role for n in names) and not (words & _RANK_QUALIFIERS) - said

    return fits


def person_inside(head: Token) -> Token | None:
    """The root of a PERSON entity inside a title's own phrase ("President of Ukraine X")."""
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children):
        return None  # "a spokeswoman for Janney": Janney is the employer
    for token in head.subtree:
        if token.i > head.i and token.ent_type_ == "PERSON" and token.dep_ != "compound":
            return token  # "The Minister of Foreign Affairs of Kazakhstan Murat Nurtleu"
        if token.lower_ in TITLE_WORDS:
            continue  # "of Foreign Affairs": still the title
        if token.i > head.i and token.pos_ == "PROPN" and token.dep_ not in _MODIFIER_DEPS:
            has_name = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)
            return token if has_name else None  # "of Armenia Ruben Rubinyan", not "for Janney"
        if token.i > head.i and token.pos_ in {"VERB", "AUX"}:
            return None
    return None


def proper_chain(head: Token) -> str:
    """The head with its compound modifiers ("Downing Street"), as written."""
    start = head.i
    while (
        start > 0
        and head.doc[start - 1].dep_ == "compound"
        and head.doc[start - 1].head.i >= head.i - 1
    ):
        start -= 1
    return head.doc[start : head.i + 1].text


def entity_of(token: Token) -> Span | None:
    """The named entity a token belongs to, or one of its compound modifiers does."""
    if token.ent_type_:
        return entity_at(token)
    return None


def noun_phrase(head: Token) -> list[Token]:
    """Tokens of the subject's noun phrase up to the head (left modifiers and the head)."""
    return [t for t in head.doc[head.left_edge.i : head.i + 1] if t.dep_ != "punct"]


def strip_det(text: str) -> str:
    """Drop a leading article and trailing possessive."""
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"[’']s?$", "", text)


def institution_name(phrase: list[Token], country: str | None) -> str:
    """ "Russia's Foreign Ministry" -> "Russian Foreign Ministry"; "the Kremlin" -> "Kremlin"."""
    words = [t.text for t in phrase if t.dep_ not in {"det", "case"} and not is_country_word(t)]
    words = role_words([w for w in words if w not in {"’s", "'s"}])
    while len(words) > 1 and words[0].islower() and any(w[:1].isupper() for w in words[1:]):
        words.pop(0)  # "the nonpartisan Congressional Budget Office": a qualifier, not the name
    name = " ".join(words) or phrase[-1].text
    if country and not gazetteer.institution_of(name):
        return f"{adjective(country)} {name}"
    return name


def adjective(country: str) -> str:
    """The adjective a wire writer would put before an institution of `country`."""
    overrides = {"United States": "US", "United Kingdom": "British", "European Union": "EU"}
    if country in overrides:
        return overrides[country]
    aliases = gazetteer.aliases_of(country)[1:]
    first = country.split()[0]
    for alias in aliases:  # "South Korean", never "Korean", for South Korea
        if " " in country and alias.split()[0] == first and alias.endswith(_ADJECTIVE_ENDINGS):
            return alias
    for alias in aliases:
        if " " not in alias and alias.lower().endswith(_ADJECTIVE_ENDINGS):
            return alias
    return country


def appositions(head: Token) -> list[Token]:
    """Appositions naming the subject; for a role noun also one the parser hung on the role's
    own complement ("The spokesman for the UN Secretary-General, Stephane Dujarric,")."""
    found = [c for c in head.children if c.dep_ == "appos"]
    if head.lemma_.lower() in ROLE_NOUNS and not found:
        found = [t for t in head.subtree if t.i > head.i and _set_off_person(t)]
    return found


def _set_off_person(token: Token) -> bool:
    """A person's name between commas (an apposition, however the parser attached it)."""
    if token.ent_type_ != "PERSON" or token.dep_ not in {"appos", "pobj"}:
        return False
    first = token.left_edge.i
    return first > 0 and token.doc[first - 1].text == ","


def introduced_unnamed(head: Token) -> bool:
    """An earlier "a/an <noun>" or bare "<noun>" of the same word: "the official" is that one."""
    lemma = head.lemma_.lower()
    for token in head.doc[: head.i]:
        if token.lemma_.lower() == lemma and token.dep_ in {"nsubj", "nsubjpass", "pobj"}:
            dets = {c.lower_ for c in token.children if c.dep_ in {"det", "poss"}}
            if not dets or dets & {"a", "an", "another", "one"}:
                return True
    return False
