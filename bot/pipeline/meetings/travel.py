"""Travel to an event: "will fly to Bern on Monday to attend the conference on Tuesday".

The journey is not a visit of its own when its purpose names the event: the event keeps its own
day (not the travel day) and takes the journey's destination and travellers.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from bot.pipeline.dates import DateSpan
from bot.pipeline.meetings.events import Event
from bot.pipeline.meetings.mentions import Mention

# Setting out, not being there: "arrived in Kyiv on Thursday for talks on Friday" is a visit.
_JOURNEY = frozenset({"travel", "fly", "go", "head", "leave", "depart"})


def purpose_of(travel: Token, target: Token) -> bool:
    """Whether `target` is what the journey is for: "to attend <target>", "for <target>"."""
    if travel.lemma_.lower() not in _JOURNEY or target == travel:
        return False
    path = [target, *target.ancestors]
    if travel not in path:
        return False
    below = path[: path.index(travel)]
    if any(  # another clause with its own subject is no purpose: "..., where Xi will host"
        t.pos_ in {"VERB", "AUX"} and any(c.dep_.startswith("nsubj") for c in t.children)
        for t in below
    ):
        return False
    top = below[-1]
    return top.dep_ in {"advcl", "xcomp"} or (top.dep_ == "prep" and top.lower_ == "for")


def travel_for(found: list[tuple[Event, Mention]]) -> list[tuple[Event, Mention]]:
    """Drop a journey whose purpose is another event of the sentence; that event inherits it."""
    kept = list(found)
    for event, mention in found:
        if mention.meeting.status != "upcoming":
            continue  # a journey made is a visit under way
        targets = [
            k
            for k, (other, host) in enumerate(kept)
            if other is not event
            and other.anchor.pos_ == "NOUN"  # names the event, not "to meet Putin" on a stop
            and purpose_of(event.anchor, other.anchor)
            and host.meeting.status == "upcoming"
        ]
        if not targets:
            continue
        k = targets[0]
        other, host = kept[k]
        meeting = host.meeting
        travellers = [p for p in mention.meeting.participants if p not in meeting.participants]
        kept[k] = (
            other,
            replace(
                host,
                meeting=replace(
                    meeting,
                    place=meeting.place or mention.meeting.place,
                    participants=(*meeting.participants, *travellers),
                ),
            ),
        )
        kept = [(e, m) for e, m in kept if e is not event]
    return kept


def purpose_dates(event: Event, spans: list[DateSpan]) -> list[DateSpan]:
    """ "leaves for Accra on Thursday for the summit, which opens on Friday": the summit's day."""
    anchor = event.anchor
    goals = [t for t in event.tokens if t.pos_ == "NOUN" and purpose_of(anchor, t)]
    if not goals:
        return spans
    base = event.sent.start_char
    doc = event.sent.doc
    own = []
    for span in spans:
        chars = doc.char_span(base + span.begin, base + span.stop, alignment_mode="expand")
        if chars is not None and any(g in [chars.root, *chars.root.ancestors] for g in goals):
            own.append(span)
    return own or spans
