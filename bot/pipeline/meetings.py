"""Diplomatic meetings (talks, summits, visits, calls) in a parsed article, with calendar dates.

Each sentence's cue words are grouped into events (meeting_events), given a status from the
grammar (meeting_status), dated against the publication day (dates), and given participants,
place and title (meeting_parts, meeting_titles). Mentions of one event are merged (merge).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from bot.pipeline import meeting_cues as cues
from bot.pipeline.dates import DateSpan, Tense, find_dates
from bot.pipeline.gazetteer import capital_country, country_of
from bot.pipeline.meeting_events import Event, find_events, sentences
from bot.pipeline.meeting_parts import People, clause_head, participants_of, place_of, scope
from bot.pipeline.meeting_status import event_status
from bot.pipeline.meeting_titles import title_of
from bot.pipeline.merge import merge, same_meeting
from bot.pipeline.types import Article, Meeting, MeetingStatus

# "GENEVA, Jan 7 (Reuters) - ": the dateline's date is the filing day, not the meeting's.
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,}(?:,[^()\n]{0,30})?\s*(?:\([^)]*\))?\s*[-–—.]+\s+")


@dataclass
class _Sentence:
    span: Span
    is_title: bool
    body_start: int  # character offset (in the sentence) where the dateline ends


def extract_meetings(doc: Doc, article: Article) -> list[Meeting]:
    """Upcoming and past meetings of the article, one per event; cancelled ones are left out."""
    published = article.published.date()
    people = People()
    body: list[Meeting] = []
    titles: list[Meeting] = []
    for span, is_title in sentences(doc):
        dateline = _DATELINE.match(span.text)
        sent = _Sentence(span, is_title, dateline.end() if dateline else 0)
        (titles if is_title else body).extend(_sentence_meetings(sent, published, people))
        for ent in span.ents:
            if ent.label_ == "PERSON" and ent.start_char - span.start_char >= sent.body_start:
                people.add(ent.text.removesuffix("'s").removesuffix("’s"))
    return _dedupe(body + titles)


def _sentence_meetings(sent: _Sentence, published: date, people: People) -> list[Meeting]:
    events = find_events(sent.span, sent.is_title)
    owners = _date_owners(events, sent)
    found: list[Meeting] = []
    for index, event in enumerate(events):
        status = event_status(event)
        if status == "cancelled":
            continue
        tense: Tense = "future" if status == "future" else "past" if status == "past" else "unknown"
        spans = [
            s for s in find_dates(sent.span.text, published, tense) if owners.get(s.begin) == index
        ]
        inside = scope(event, events) - set(range(sent.span.start, _token_at(sent)))
        for place, where, dated in _stops(event, inside, spans):
            parts = participants_of(event, where, people, place)
            meeting = _build(event, status, published, place, parts, dated)
            if meeting:
                found.append(meeting)
    return found


def _token_at(sent: _Sentence) -> int:
    """Index of the first token after the dateline."""
    for tok in sent.span:
        if tok.idx - sent.span.start_char >= sent.body_start:
            return tok.i
    return sent.span.end


def _date_owners(events: list[Event], sent: _Sentence) -> dict[int, int]:
    """Which event each date expression (by offset) belongs to, following the parse upwards."""
    member: dict[int, int] = {}
    for index, event in enumerate(events):
        for tok in event.tokens:
            member.setdefault(tok.i, index)
    for index, event in enumerate(events):
        top = clause_head(event)
        for node in [event.anchor, *event.anchor.ancestors]:
            member.setdefault(node.i, index)
            if node == top:
                break
    owners: dict[int, int] = {}
    base = sent.span.start_char
    for span in find_dates(sent.span.text, date(2000, 1, 1)):
        if span.begin < sent.body_start:
            continue
        chars = sent.span.doc.char_span(base + span.begin, base + span.stop, "expand")
        if chars is None:
            continue
        owner = _climb(chars.root, member, events)
        if owner is not None:
            owners[span.begin] = owner
    return owners


def _climb(root: Token, member: dict[int, int], events: list[Event]) -> int | None:
    for node in [root, *root.ancestors]:
        if node.i in member:
            return member[node.i]
        if node.lemma_.lower() in cues.REPORTING_VERBS:
            return None
    if not events:
        return None
    return min(range(len(events)), key=lambda i: abs(events[i].anchor.i - root.i))


def _destinations(event: Event, inside: set[int]) -> list[Token]:
    """Places a visit goes to, in order ("to Kyiv ..., and to Moscow ...")."""
    anchor = event.anchor
    if event.kind != "visit" or anchor.pos_ not in {"VERB", "AUX"}:
        return []
    heads = [c for c in anchor.children if c.dep_ == "dobj"]
    preps = [c for c in anchor.subtree if c.dep_ in {"prep", "conj"} and c.lower_ in {"to", "in"}]
    heads += [o for p in preps if p.head == anchor or p.dep_ == "conj" for o in p.children]
    found = {t.i: t for h in heads for t in (h, *h.conjuncts) if t.i in inside}
    return [t for _, t in sorted(found.items()) if t.pos_ == "PROPN" or t.ent_type_ == "GPE"]


def _stops(
    event: Event, inside: set[int], spans: list[DateSpan]
) -> list[tuple[str | None, set[int], list[DateSpan]]]:
    """One (place, scope, dates) per stop when every stop of a trip has its own date."""
    place = place_of(event, inside)
    stops = _destinations(event, inside)
    if len(stops) < 2:
        return [(place, inside, spans)]
    base = event.sent.start_char
    bounds = [t.idx - base for t in stops] + [10**9]
    per_stop = [
        [s for s in spans if bounds[k] <= s.begin < bounds[k + 1]] for k in range(len(stops))
    ]
    if not all(any(s.exact for s in group) for group in per_stop):
        return [(None, inside, spans)]
    first = stops[0].i
    result = []
    for k, stop in enumerate(stops):
        end = stops[k + 1].i if k + 1 < len(stops) else event.sent.end
        where = {i for i in inside if i < first or stop.i <= i < end}
        result.append((_entity_text(stop), where, per_stop[k]))
    return result


def _entity_text(tok: Token) -> str:
    for ent in tok.sent.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    return tok.text


def _build(
    event: Event,
    status: str,
    published: date,
    place: str | None,
    parts: list[tuple[str, str]],
    spans: list[DateSpan],
) -> Meeting | None:
    exact = next((s for s in spans if s.exact), None)
    chosen = exact or (spans[0] if spans else None)
    final = _final_status(status, published, chosen)
    if final is None:
        return None
    if event.kind == "visit" and place and not any(k == "country" for _, k in parts):
        country = country_of(place) or capital_country(place)
        parts = [*parts, (country, "country")] if country else parts
    return Meeting(
        title=title_of(event, parts, place),
        kind=event.kind,
        participants=tuple(name for name, _ in parts),
        evidence=event.sent.text.strip(),
        status=final,
        place=place,
        start=exact.start if exact else None,
        end=exact.end if exact else None,
        date_text=chosen.text if chosen else "",
    )


def _final_status(status: str, published: date, span: DateSpan | None) -> MeetingStatus | None:
    """Grammar first, then the calendar: a date before publication is past whatever the verb."""
    if span is not None and span.start is not None:
        if span.start < published or (span.start == published and status == "past"):
            return "past"
        return "past" if status == "past" else "upcoming"
    if status == "past" or (span is not None and span.past_hint):
        return "past"
    return "upcoming" if status == "future" else None


def _dedupe(meetings: list[Meeting]) -> list[Meeting]:
    """One entry per event: later mentions merge into the first (body before headline)."""
    kept: list[Meeting] = []
    for meeting in meetings:
        for i, earlier in enumerate(kept):
            if earlier.status == meeting.status and same_meeting(earlier, meeting):
                kept[i] = merge(earlier, meeting)
                break
        else:
            if meeting.participants or meeting.place or meeting.start:
                kept.append(meeting)
    return kept
