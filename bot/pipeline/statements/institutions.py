"""Institutions named with a common noun: "Brazil's foreign ministry", "the Armenian government".

Wire copy often names a government body in lower case after the clause ("..., the Chilean foreign
ministry said"). The country written in the phrase makes it a definite speaker, canonicalised the
way a wire writer would title it ("Brazilian Foreign Ministry"); without a country the phrase is
left to the description resolver, which needs an earlier mention.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.language import gazetteer
from bot.pipeline.language.patterns import INSTITUTION_NOUNS, OUTLET_WORDS, OUTLETS, UNNAMED_SOURCES
from bot.pipeline.language.phrases import adjective, noun_phrase, proper_chain
from bot.pipeline.language.roles import affiliation_of, is_country_word

# Institution heads that speak for a state only with a country attached; "the army" or "the
# court" of a named country are actors in the news, not the voice of its government.
_STATE_VOICES = INSTITUTION_NOUNS - {"army", "military", "court", "command", "headquarters"}
_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
_OWN_WORDS = frozenset({"own"})
# Words that make an "agency" or "service" a newsroom ("news agency", "TV service"); "press"
# alone does not ("the Elysee press service" speaks for the presidency).
_OUTLET_MARKS = OUTLET_WORDS - {"press"}


def is_state_voice(head: Token) -> bool:
    """A singular institution noun that can speak for a government."""
    return head.lemma_.lower() in _STATE_VOICES and head.tag_ in {"NN", "NNP"}


def indefinite(head: Token) -> bool:
    """ "a ministry", "another official": someone new and unnamed."""
    return any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in head.children)


def possessive_pronoun(head: Token) -> Token | None:
    """The "her" of "her ministry said": the minister's own ministry."""
    return next(
        (c for c in head.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS), None
    )


def national_institution(head: Token) -> tuple[str, str] | None:
    """(canonical name, country) for "Brazil's foreign ministry", "the Danish embassy in
    Nairobi", "the UK mission"; None when the phrase names no country or is an outlet."""
    if not is_state_voice(head) or indefinite(head):
        return None
    phrase = noun_phrase(head)
    country = affiliation_of(phrase) or _of_country(head)
    if country is None:
        return None
    if any(t.lower_ in _OUTLET_MARKS for t in phrase):
        return None  # "the Chinese news agency": a relaying outlet
    words = [
        t.text + ("'s" if t.dep_ == "poss" else "")  # "the Japanese prime minister's office"
        for t in phrase
        if t.dep_ not in {"det", "case", "punct"}
        and not (t.dep_ == "poss" and t.pos_ == "PRON")
        and not is_country_word(t)
        and t.lower_ not in _OWN_WORDS
    ]
    if not words:
        return None
    return _title(country, words), country


def _of_country(head: Token) -> str | None:
    """The country of "the foreign ministry of Poland" (a country, not "of foreign affairs")."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is not None and (country := gazetteer.country_of(proper_chain(pobj))):
            return country if pobj.pos_ == "PROPN" else None
    return None


def ministry_of_role(role: str | None, affiliation: str | None) -> str | None:
    """A minister's ministry: "Foreign Minister" of Poland -> "Polish Foreign Ministry"."""
    if role is None or affiliation is None:
        return None
    words = role.split()
    if "Minister" not in words or "Prime" in words:
        return None
    kept = [w for w in words[: words.index("Minister")] if w.lower() not in {"deputy", "first"}]
    return _title(affiliation, [*kept, "Ministry"])


def _title(country: str, words: list[str]) -> str:
    """ "Brazil", ["foreign", "ministry"] -> "Brazilian Foreign Ministry"."""
    name = " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in words)
    if any(gazetteer.institution_of(w) for w in words):
        return name  # "Elysee Press Service" already says whose it is
    return f"{adjective(country)} {name}"


def chief_diplomat_of(head: Token) -> str | None:
    """The country of "the head of the Polish diplomacy" (its foreign minister), else None."""
    if head.lemma_.lower() not in {"head", "chief"}:
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is not None and pobj.lemma_.lower() == "diplomacy":
            return affiliation_of(noun_phrase(pobj))
    return None


def is_foreign_minister(speaker: object) -> bool:
    """A speaker whose role is the country's top diplomat."""
    role = (getattr(speaker, "role", None) or "").lower()
    return "foreign" in role or "secretary of state" in role or "external affairs" in role


def unnamed_or_outlet(head: Token, text: str) -> bool:
    """ "the agency said", "Trend Agency said"; an agency the gazetteer knows (IAEA) speaks."""
    if head.lemma_.lower() not in UNNAMED_SOURCES:
        return False
    words = text.casefold().split()
    return gazetteer.canonical_org(text) is None or any(w in OUTLETS for w in words)


def is_body(noun: str) -> object:
    """Predicate: an organisation whose known name says it is an agency, an organisation or an
    alliance ("IAEA" is the International Atomic Energy Agency); never a news agency."""

    def test(speaker: object) -> bool:
        forms = gazetteer.aliases_of(getattr(speaker, "name", ""))  # known organisations only
        return any(noun in form.lower().replace("organisation", "organization") for form in forms)

    return test
