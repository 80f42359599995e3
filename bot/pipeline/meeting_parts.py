"""Who meets, where, and under what title: participants, place and a short human title."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from bot.pipeline import meeting_cues as cues
from bot.pipeline.gazetteer import canonical_org, capital_country, country_of, institution_of
from bot.pipeline.meeting_events import Event

_PERSONISH = frozenset({"compound", "amod", "nmod", "poss", "appos"})
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


@dataclass
class People:
    """Persons named so far in the article, most recent last, to resolve "he" and surnames."""

    names: list[str] = field(default_factory=list)

    def resolve(self, name: str) -> str:
        """The fullest earlier form of a name ("Scholz" -> "Olaf Scholz")."""
        last = name.split()[-1]
        for known in reversed(self.names):
            if known.split()[-1] == last and len(known) >= len(name):
                return known
        return name

    def add(self, name: str) -> None:
        """Remember a person as the most recently mentioned one."""
        full = self.resolve(name)
        if full in self.names:
            self.names.remove(full)
        self.names.append(full)

    def recent(self, count: int, exclude: set[str]) -> list[str]:
        """The `count` most recently named persons not already in `exclude`."""
        return [n for n in reversed(self.names) if n not in exclude][:count]


def clause_head(event: Event) -> Token:
    """The verb whose clause holds the event's subject ("ministers are slated to meet")."""
    node = event.anchor
    while node.pos_ not in {"VERB", "AUX"} and node.head != node:
        if node.head.lemma_.lower() in cues.REPORTING_VERBS:
            return node
        node = node.head
    while node.dep_ in {"xcomp", "acomp", "advcl"} and node.head != node:
        head = node.head
        if head.lemma_.lower() in cues.REPORTING_VERBS | cues.MOTION_VERBS:
            break
        if head.lemma_.lower() not in cues.FUTURE_LEMMAS | {"be"} and node.dep_ != "acomp":
            break
        node = head
    return node


def scope(event: Event, others: list[Event]) -> set[int]:
    """Token indexes of the event's clause, minus other events of the sentence it does not hold."""
    head = clause_head(event)
    ancestors = {a.i for a in event.anchor.ancestors}
    removed: set[int] = set()
    for other in others:
        if other is not event and other.anchor.i not in ancestors:
            removed |= {t.i for t in other.anchor.subtree}
    own = {t.i for t in head.subtree} | {t.i for t in event.anchor.subtree}
    return own - removed


def _modifies_person(ent: Span) -> bool:
    """ "Ukrainian" in "Ukrainian President Volodymyr Zelensky" describes the person."""
    node = ent.root
    for _ in range(4):
        if node.dep_ not in _PERSONISH or node.head == node:
            return False
        node = node.head
        if node.ent_type_ == "PERSON" and node.i not in range(ent.start, ent.end):
            return True
    return False


def canonical(ent: Span) -> tuple[str, str] | None:
    """(name, type) of a named entity: type is person, country, org, city or place."""
    text = ent.text.removesuffix("'s").removesuffix("’s").strip()
    if text.lower().startswith("the "):
        text = text[4:]
    country = country_of(text)
    if country:
        return country, "country"
    if capital_country(text):
        return text, "city"
    org = canonical_org(text) or institution_of(text)
    if org:
        return org, "country" if country_of(org) else "org"
    kinds = {"PERSON": "person", "ORG": "org", "GPE": "city", "LOC": "place", "FAC": "place"}
    if ent.label_ in kinds and text[:1].isupper():
        return text, kinds[ent.label_]
    return None


def _place_token(event: Event, inside: set[int]) -> Token | None:
    sent = event.sent
    for tok in sent:
        if tok.i not in inside or tok.dep_ != "pobj" or tok.head.lower_ not in {"in", "at", "to"}:
            continue
        if tok.head.lower_ == "to" and event.kind != "visit":
            continue
        if tok.ent_type_ in {"GPE", "LOC", "FAC"} or _is_place_name(tok.text):
            return tok
    if event.kind == "visit":
        for tok in event.tokens:
            for child in tok.children:
                if child.dep_ == "dobj" and child.i in inside and child.pos_ == "PROPN":
                    return child
    return None


def _is_place_name(text: str) -> bool:
    return bool(capital_country(text) or country_of(text))


def place_of(event: Event, inside: set[int]) -> str | None:
    """The city, country or venue where the text says the event happens."""
    tok = _place_token(event, inside)
    if tok is None:
        return None
    for ent in event.sent.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text.removeprefix("the ")
    left = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return " ".join(t.text for t in [*left, tok])


def participants_of(
    event: Event, inside: set[int], people: People, place: str | None
) -> list[tuple[str, str]]:
    """Named people, countries and organisations in the event's clause, plus resolved pronouns."""
    found: list[tuple[str, str]] = []
    for ent in event.sent.ents:
        if ent.root.i not in inside or ent.label_ not in _NAMED or _modifies_person(ent):
            continue
        named = canonical(ent)
        if named is None:
            continue
        name, kind = named
        if kind == "city" and event.kind == "visit" and place and name in place:
            name, kind = capital_country(name) or name, "country"
        if kind in {"city", "place"}:
            continue
        found.append((people.resolve(name) if kind == "person" else name, kind))
    found += [(n, "person") for n in _coreferent(event, inside, people, {n for n, _ in found})]
    return list(dict.fromkeys(found))


def _coreferent(event: Event, inside: set[int], people: People, named: set[str]) -> list[str]:
    """ "the two leaders" -> the two people named before; "he" -> the last one."""
    text = event.sent.text.lower()
    if any(phrase in text for phrase in cues.PAIR_PHRASES):
        return people.recent(2, named)
    has_person = any(kind for kind in named if kind in people.names)
    pronoun = any(
        t.i in inside and t.lower_ in {"he", "she"} and t.dep_.startswith("nsubj")
        for t in event.sent
    )
    return people.recent(1, named) if pronoun and not has_person else []
