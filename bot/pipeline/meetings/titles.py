"""Short human titles: "US–Russia talks", "Blinken visit to Kyiv", "NATO–Russia Council"."""

from __future__ import annotations

import re

from spacy.tokens import Token

from bot.pipeline.language.cities import city_country
from bot.pipeline.language.gazetteer import capital_country, country_of
from bot.pipeline.meetings import cues
from bot.pipeline.meetings.events import Event

_NAME_KINDS = frozenset({"council", "conference", "summit", "meeting"})
_DASH = re.compile(r"(?<=[A-Z0-9a-z])\s*-\s*(?=[A-Z])")


def _proper_name(tok: Token) -> str | None:
    """The capitalised words right before a cue noun, if they name it ("Munich Security ...")."""
    words: list[Token] = []
    node = tok.i - 1
    lefts = {t.i for t in tok.subtree}
    while node >= tok.sent.start and node in lefts:
        word = tok.doc[node]
        if word.text == ")" and node - 2 in lefts and tok.doc[node - 2].text == "(":
            node -= 3  # "an African Union (AU) summit": the short form in brackets is skipped
            continue
        proper = word.text[:1].isupper() or word.text[:1].isdigit() or word.text == "-"
        if not proper or word.ent_type_ == "DATE" or word.lower_ in {"the", "a", "an"}:
            break
        words.insert(0, word)
        node -= 1
    while words and words[0].text == "-":
        words.pop(0)
    if not words or not any(w.pos_ == "PROPN" or w.ent_type_ for w in words):
        return None
    if len(words) == 1 and tok.text[:1].islower() and _only_a_city(words[0]):
        return None  # "the Sochi summit" is a summit in Sochi; "the Oslo Forum" is a name
    text = "".join(w.text_with_ws for w in words) + tok.text
    noun = tok.text if tok.text[:1].isupper() else tok.lower_
    return _DASH.sub("–", text[: -len(tok.text)] + noun)


def _only_a_city(word: Token) -> bool:
    return not country_of(word.text) and bool(capital_country(word.text) or city_country(word.text))


def _short(name: str, kind: str) -> str:
    if kind == "person":
        words = name.split()
        family_first = len(words) == 2 and words[0].lower() in cues.FAMILY_NAME_FIRST
        return words[0] if family_first else words[-1]
    return cues.SHORT_NAMES.get(name, name)


def proper_name(event: Event) -> str | None:
    """The event's own name, if the text gives one ("NATO–Russia Council", "Arab League summit")."""
    if event.kind not in _NAME_KINDS:
        return None
    rank = {
        t.i: cues.KIND_RANK.get(cues.NOUN_KINDS.get(t.lemma_.lower(), "meeting"), 0)
        for t in event.tokens
    }
    for tok in sorted(event.tokens, key=lambda t: -rank[t.i]):
        if tok.pos_ in {"NOUN", "PROPN"} and (name := _proper_name(tok)):
            return name
    return None


def _visit_title(event: Event, participants: list[tuple[str, str]], place: str | None) -> str:
    """ "Blinken visit to Kyiv": the visitor is named before the verb, or is the resolved "he"."""
    before = event.sent.doc[event.sent.start : event.anchor.i].text
    hosts = {country_of(place or ""), capital_country(place or ""), place}
    guests = [_short(n, k) for n, k in participants if n not in hosts]
    visitor = next((g for g in guests if g in before), "")
    persons = [_short(n, k) for n, k in participants if k == "person"]
    words = before.lower().split()
    titled = any(  # "the chancellor", "the prime minister"
        a == "the" and (b in cues.PERSON_NOUNS or c in cues.PERSON_NOUNS)
        for a, b, c in zip(words, [*words[1:], ""], [*words[2:], "", ""], strict=False)
    )
    if not visitor and ({"he", "she"} & set(words) or titled) and persons:
        visitor = persons[0]  # coreferents come first: "she", "the chancellor"
    if place:
        return f"{visitor} visit to {place}" if visitor else f"Visit to {place}"
    return f"{visitor} trip" if visitor else "Visit"


def title_of(event: Event, participants: list[tuple[str, str]], place: str | None) -> str:
    """A short description built from the event's own name, kind, participants and place."""
    if name := proper_name(event):
        return name
    if event.kind == "visit":
        return _visit_title(event, participants, place)
    people = [p for p in participants if p[1] == "person"]
    others = [p for p in participants if p[1] != "person"]
    chosen = people if len(people) >= 2 else others if len(others) >= 2 else participants
    names = list(dict.fromkeys(_short(n, k) for n, k in chosen))
    label = cues.KIND_LABELS[event.kind]
    if names and len(names) == 1 and place and place not in names[0]:
        return f"{names[0]} {label} in {place}"  # "Yang meeting in Kyoto": whose, and where
    if names:
        return f"{'–'.join(names[:3])} {label}"
    return f"{label.capitalize()} in {place}" if place else label.capitalize()
