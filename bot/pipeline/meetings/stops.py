"""Several dated parts of one cue: one visit per stop of a trip, one meeting per partner.

"will visit Pristina on Thursday and Belgrade on Friday" and "will hold talks with Widodo on
Monday and with Modi on Wednesday" are two events each: split when every part has its own date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Token

from bot.pipeline.dates import MONTHS, WEEKDAYS, DateSpan
from bot.pipeline.language.gazetteer import capital_country, country_of
from bot.pipeline.meetings.events import Event
from bot.pipeline.meetings.parts import full_name, place_of

_PLACES = frozenset({"GPE", "LOC", "FAC"})


def destinations(event: Event, inside: set[int]) -> list[Token]:
    """Places a visit goes to, in order ("to Kyiv ..., and to Moscow ...")."""
    anchor = event.anchor
    if event.kind == "visit" and anchor.pos_ == "NOUN":  # "state visits to Vietnam and Malaysia"
        tos = [o for p in anchor.children if p.lower_ == "to" for o in p.children]
        found = [t for o in tos for t in (o, *o.conjuncts) if t.i in inside]
        return [t for t in found if t.ent_type_ in _PLACES or _named_place(t)]
    if event.kind != "visit" or anchor.pos_ not in {"VERB", "AUX"}:
        return []
    heads = [c for c in anchor.children if c.dep_ == "dobj"]  # "visit Kyiv", "tour Kenya"
    preps = [c for c in anchor.subtree if c.dep_ in {"prep", "conj"} and c.lower_ in {"to", "in"}]
    objects = [o for p in preps if p.head == anchor or p.dep_ == "conj" for o in p.children]
    # A misparse often hangs the second stop on the first stop's date ("Thursday and Belgrade").
    heads += objects + [
        t
        for t in anchor.subtree
        if t.dep_ == "conj" and (t.ent_type_ in _PLACES or _named_place(t))
    ]
    # "visit Oslo on June 3, Riga on June 6": a bare second stop hangs on the verb
    heads += [c for c in anchor.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN"]
    # "in Dakar": a proper noun after "to" or "in" is a place, whatever NER thinks of it
    gone_to = {
        o.i
        for o in objects
        if o.dep_ == "pobj"
        and o.pos_ == "PROPN"
        and o.ent_type_ in {"", "PERSON", "ORG"}
        and o.lower_ not in MONTHS.keys() | WEEKDAYS.keys()
    }
    by_index = {t.i: t for h in heads for t in (h, *h.conjuncts) if t.i in inside}
    return [
        t
        for _, t in sorted(by_index.items())
        if t.ent_type_ in _PLACES or _named_place(t) or t.i in gone_to
    ]


def _partners(event: Event, inside: set[int]) -> list[Token]:
    """Who a meeting is with, in order, when several "with" phrases follow one cue."""
    cue = {t.i for t in event.tokens}
    withs = [t for t in event.sent if t.i in inside and t.lower_ == "with"]
    withs = [w for w in withs if w.head.i in cue or w.dep_ == "conj" or w.head == event.anchor.head]
    found = [o for w in withs for o in w.children if o.dep_ == "pobj"]
    if found or event.anchor.pos_ != "VERB":
        return found
    # "will meet Vucic in Belgrade on Tuesday and Kurti in Pristina on Wednesday"
    objects = [c for c in event.anchor.children if c.dep_ == "dobj"]
    return [t for o in objects for t in (o, *o.conjuncts) if t.i in inside]


def _named_place(tok: Token) -> bool:
    name = full_name(tok)
    return tok.pos_ == "PROPN" and bool(country_of(name) or capital_country(name))


def stops(
    event: Event, inside: set[int], spans: list[DateSpan]
) -> list[tuple[str | None, set[int], list[DateSpan]]]:
    """One (place, scope, dates) per stop or partner when every one has its own date."""
    place = place_of(event, inside)
    stops = destinations(event, inside)
    by_partner = len(stops) < 2
    if by_partner:
        stops = _partners(event, inside)
    if len(stops) < 2:
        return [(place, inside, spans)]
    base = event.sent.start_char
    bounds = [t.idx - base for t in stops] + [10**9]
    per_stop = [
        [s for s in spans if bounds[k] <= s.begin < bounds[k + 1]] for k in range(len(stops))
    ]
    if not all(any(s.exact for s in group) for group in per_stop):
        return [(place if by_partner else None, inside, spans)]
    first = stops[0].i
    result = []
    for k, stop in enumerate(_in_sequence(per_stop)):
        end = stops[k + 1].i if k + 1 < len(stops) else event.sent.end
        where = {i for i in inside if i < first or stops[k].i <= i < end}
        own = (place_of(event, where) or place) if by_partner else _entity_text(stops[k])
        result.append((own, where, stop))
    return result


def _in_sequence(per_stop: list[list[DateSpan]]) -> list[list[DateSpan]]:
    """ "on Tuesday and ... on Wednesday" in a Wednesday article: the stops follow each other,
    so a weekday that would fall before the previous stop is the next week's."""
    result: list[list[DateSpan]] = []
    last: date | None = None
    for group in per_stop:
        moved = []
        for span in group:
            weekday = any(w in span.text.lower().split() for w in WEEKDAYS)
            if weekday and span.start and span.end and last and span.start < last:
                week = timedelta(days=7)
                span = replace(span, start=span.start + week, end=span.end + week)
            moved.append(span)
        starts = [s.start for s in moved if s.start]
        last = max(starts) if starts else last
        result.append(moved)
    return result


def _entity_text(tok: Token) -> str:
    for ent in tok.sent.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    return tok.text
