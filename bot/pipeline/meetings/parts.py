"""Who meets, where, and under what title: participants, place and a short human title."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from bot.pipeline.language.cities import city_country
from bot.pipeline.language.gazetteer import capital_country, country_of
from bot.pipeline.meetings import cues
from bot.pipeline.meetings.events import Event
from bot.pipeline.types import Meeting

_PERSONISH = frozenset({"compound", "amod", "nmod", "poss", "appos"})
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


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


def fronted(event: Event) -> set[int]:
    """ "In Tashkent on 17-18 March, the ministers will meet": phrases put before the subject.

    They set the scene for the main clause's events, not for a reporting verb ("On Monday,
    Lavrov said ...") nor for an event inside a reported clause.
    """
    root = event.sent.root
    path = [event.anchor, *event.anchor.ancestors]
    if root not in path or any(n.lemma_.lower() in cues.REPORTING_VERBS for n in path):
        return set()
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), root)
    phrases = [c for c in root.lefts if c.dep_ in {"prep", "npadvmod"} and c.i < subject.i]
    tokens = {t.i for c in phrases for t in c.subtree}
    return set() if event.anchor.i in tokens else tokens


def _background(event: Event, head: Token) -> bool:
    """The event is only the background of its clause ("ahead of the summit", "after talks")."""
    for node in event.anchor.ancestors:
        if node == head:
            return False
        if node.lower_ in cues.CIRCUMSTANCE_WORDS:
            return True
    return False


def scope(event: Event, others: list[Event]) -> set[int]:
    """Token indexes of the event's clause, minus other events of the sentence it does not hold."""
    head = clause_head(event)
    ancestors = {a.i for a in event.anchor.ancestors}
    removed: set[int] = set()
    for other in others:
        if other is not event and other.anchor.i not in ancestors:
            removed |= {t.i for t in other.anchor.subtree}
    if event.is_title:
        head = event.sent.root  # headlines are short and their parses loose: all of it
    if event.anchor.dep_ == "conj" and event.anchor.head.lemma_.lower() in cues.NOUN_KINDS:
        head = event.anchor  # "a Council meeting in Brussels and a meeting in Vienna"
    if _background(event, head):
        head = event.anchor  # "met in Beijing, ahead of Xi's trip to Moscow": the trip's own words
    own = {t.i for t in head.subtree} | {t.i for t in event.anchor.subtree} | fronted(event)
    for tok in event.sent:  # "..., informed the Ministry of Foreign Affairs": the source
        source = tok.lemma_.lower() in cues.REPORTING_VERBS or tok.lower_ == "according"
        if tok.i in own and source and tok.i not in ancestors:
            removed |= {t.i for t in tok.subtree}
    return own - removed


def _own_place(event: Event, inside: set[int]) -> Token | None:
    """ "for the APEC summit in Gyeongju": a place on the event's own noun comes first."""
    for cue in event.tokens:
        if cue.pos_ not in {"NOUN", "PROPN"}:
            continue
        for prep in cue.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in inside and (found := _named_place(obj)):
                        return found
        if city := _city_modifier(cue):
            return city
    return None


def city_on_noun(event: Event) -> bool:
    """Whether the event's place is a city named on its noun ("the Geneva talks")."""
    return any(t.pos_ in {"NOUN", "PROPN"} and _city_modifier(t) for t in event.tokens)


def _city_modifier(cue: Token) -> Token | None:
    """ "the Geneva talks", "the Sochi summit": a city named on the noun is where it happens
    (a country there names a party: "the US talks", "the Iran summit"; "the Oslo Forum" is a
    name, not a forum in Oslo)."""
    if not cue.text[:1].islower():
        return None
    for word in cue.lefts:
        if word.dep_ != "compound" or word.pos_ != "PROPN":
            continue  # the tagger's label varies for a city here (GPE, NORP, even PERSON)
        name = full_name(word)
        if not country_of(name) and (capital_country(name) or city_country(name)):
            return word
    return None


def _place_token(event: Event, inside: set[int]) -> Token | None:
    if own := _own_place(event, inside):
        return own
    sent = event.sent
    for tok in sent:
        if tok.i not in inside or tok.dep_ != "pobj" or tok.head.lower_ not in {"in", "at", "to"}:
            continue
        if tok.head.lower_ == "to" and event.kind != "visit":
            continue
        if found := _named_place(tok):
            return found
    if event.kind == "visit":
        for tok in event.tokens:
            if tok.lemma_.lower() not in {"visit", "tour"}:
                continue
            for child in tok.children:
                found = _destination(child) if child.dep_ == "dobj" else None
                if found is not None and child.i in inside:
                    return found
    return None


def _destination(tok: Token) -> Token | None:
    """What a visit visits: a place, or a known city the tagger took for a person ("Sochi")."""
    if found := _named_place(tok):
        return found
    return tok if tok.pos_ == "PROPN" and city_country(full_name(tok)) else None


def _named_place(tok: Token) -> Token | None:
    """The place a word names: "Geneva", or "Damascus" in "Syria's capital Damascus"."""
    if _placey(tok):
        return tok
    if tok.lemma_.lower() in cues.PLACE_NOUNS:
        return next((c for c in tok.children if c.dep_ == "appos" and _placey(c)), None)
    return None


def _is_place_name(text: str) -> bool:
    return bool(capital_country(text) or country_of(text))


def _where_clause_place(event: Event) -> Token | None:
    """ "to Riyadh on Sunday, where he will attend a meeting": Riyadh."""
    for node in [event.anchor, *event.anchor.ancestors]:
        if node.dep_ == "relcl" and any(c.lower_ == "where" for c in node.children):
            # The parse may hang the clause on the date after the place ("Riyadh on Sunday").
            before = [t for t in event.sent if t.i < node.left_edge.i and _placey(t)]
            return before[-1] if before else None
    return None


def _placey(tok: Token) -> bool:
    if tok.ent_type_ in {"GPE", "LOC", "FAC"} or _is_place_name(full_name(tok)):
        return True
    # a city the tagger missed, never a person's or an organisation's name ("Jackson")
    return tok.pos_ == "PROPN" and not tok.ent_type_ and bool(city_country(full_name(tok)))


def full_name(tok: Token) -> str:
    """The name a proper noun ends: "Abu Dhabi" for "Dhabi"."""
    words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return " ".join(t.text for t in [*words, tok])


def _venue_city(tok: Token) -> Token:
    """ "at the Nasrec Expo Centre in Johannesburg": a venue the text puts in a city is that city
    (a reader plans by the city; the venue is in the evidence)."""
    if tok.ent_type_ == "GPE":
        return tok
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for city in prep.children:
                if city.dep_ == "pobj" and city.ent_type_ == "GPE" and not country_of(city.text):
                    return city
    return tok


def venue_of(event: Event, inside: set[int]) -> str | None:
    """The venue the text puts in a city ("the Nasrec Expo Centre"): a place, not a party."""
    for tok in event.sent:
        if tok.i not in inside or tok.dep_ != "pobj" or tok.head.lower_ != "at":
            continue
        if _venue_city(tok) is not tok:  # "at the X Centre in Kazan"
            return next((e.text for e in event.ents if e.start <= tok.i < e.end), tok.text)
    return None


def place_of(event: Event, inside: set[int]) -> str | None:
    """The city, country or venue where the text says the event happens."""
    tok = _place_token(event, inside) or _where_clause_place(event)
    if tok is None:
        return None
    tok = _venue_city(tok)
    for ent in event.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text.removeprefix("the ")
    left = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return " ".join(t.text for t in [*left, tok])


_MARGINS = frozenset({"margin", "margins", "sideline", "sidelines", "fringe", "fringes"})


def on_the_margins(event: Event, host: Event) -> bool:
    """ "will meet on the sidelines of the summit": an event held during another one."""
    for tok in event.tokens:
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"on", "at", "in"}:
                continue
            for edge in prep.children:
                if edge.lower_ in _MARGINS and any(
                    t in host.tokens for of in edge.children for t in of.children
                ):
                    return True
    return False


def setting_from(meeting: Meeting, host: Meeting, with_date: bool = True) -> Meeting:
    """The place (and date) an event lacks, taken from the event it is held during or hosts.

    A bilateral "on Monday on the sidelines of the summit" does not date the summit.
    """
    if meeting.status != host.status:
        return meeting
    if with_date and meeting.start is None and (host.start is not None or not meeting.date_text):
        meeting = replace(meeting, start=host.start, end=host.end, date_text=host.date_text)
    if meeting.place is None and host.place is not None:
        meeting = replace(meeting, place=host.place)
    return meeting
