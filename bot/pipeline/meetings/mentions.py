"""One entry per event within an article: later mentions, "the talks" and headlines merge in."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.pipeline.language.gazetteer import capital_country, country_of
from bot.pipeline.meetings.merge import merge, participant_key, same_meeting
from bot.pipeline.types import Meeting


@dataclass(frozen=True)
class Mention:
    """A meeting as one sentence mentions it; `anaphoric` for "the talks", "Friday's session"."""

    meeting: Meeting
    anaphoric: bool = False
    trip_stops: tuple[str, ...] = ()  # a whole trip's destinations in order (then countries)
    definite: bool = False  # "the meeting, which will be held in Kyoto on ...": points back


def _overlap(a: Meeting, b: Meeting) -> bool:
    """Shared participants with one side's list inside the other's (a pair, not two pairs)."""
    keys_a = {participant_key(p) for p in a.participants}
    keys_b = {participant_key(p) for p in b.participants}
    return bool(keys_a & keys_b) and (keys_a <= keys_b or keys_b <= keys_a)


def _kinds_fit(a: Meeting, b: Meeting) -> bool:
    """A generic "meeting" or a "visit" may be the same event as talks or a summit."""
    return a.kind == b.kind or bool({a.kind, b.kind} & {"meeting", "visit"})


def _dates_fit(a: Meeting, b: Meeting) -> bool:
    return not (a.start and b.start and (a.start, a.end) != (b.start, b.end))


def _places_fit(a: Meeting, b: Meeting) -> bool:
    return not (a.place and b.place and a.place.casefold() != b.place.casefold())


def _places_nest(a: Meeting, b: Meeting) -> bool:
    """The same place, or a city and its country ("in Ankara" and "visit Turkey")."""
    if _places_fit(a, b) or not (a.place and b.place):
        return True
    pa, pb = a.place.casefold(), b.place.casefold()
    return pa == _country(b.place).casefold() or pb == _country(a.place).casefold()


# Kinds one event is told as in turn: "hold meetings with", "negotiate", "visit".
_LOOSE_KINDS = frozenset({"meeting", "talks", "visit"})


def _undated_repeat(earlier: Meeting, later: Meeting) -> bool:
    """ "will hold meetings with Turkey in Ankara on Wednesday to negotiate ...", then "the
    delegations will visit Turkey to discuss ...": a later mention without any date, of a kind
    that fits, among the same parties at the same place (or its country), is the same event.
    A mention that brings someone new is a part of the event ("during the visit he will also
    meet the president") and stays one of its own."""
    if later.date_text or later.start or not (earlier.start or earlier.date_text):
        return False
    pair = {earlier.kind, later.kind}
    if earlier.kind != later.kind and not (pair <= _LOOSE_KINDS or pair == {"meeting", "summit"}):
        return False  # "NATO plans a NATO-Russia Council session" is not the ministerial
    keys = {participant_key(p) for p in earlier.participants}
    new = {participant_key(p) for p in later.participants} - keys
    return not new and _overlap(earlier, later) and _places_nest(earlier, later)


def _places_differ(a: Meeting, b: Meeting) -> bool:
    return not _places_fit(a, b)


def _same_day(earlier: Meeting, later: Meeting, anaphoric: bool) -> bool:
    """Two mentions of one kind of event on the same days and at the same place are one event."""
    if not (later.start and earlier.start == later.start and _kinds_fit(earlier, later)):
        return False
    if (earlier.end or earlier.start) != (later.end or later.start):
        return False  # a trip from 15 to 18 March is not its first stop on 15-16 March
    shared = _overlap(earlier, later) or not earlier.participants or not later.participants
    return _places_fit(earlier, later) and (shared or anaphoric)


def _open_start(earlier: Meeting, later: Meeting) -> bool:
    """ "will visit Washington from the 23rd to the 26th" and "... from the 23rd to attend the
    summit": a "from" day without its end is the start of the same stay."""
    if not (earlier.start and earlier.start == later.start and earlier.kind == later.kind):
        return False
    single = [m for m in (earlier, later) if (m.end or m.start) == m.start]
    opened = [
        m
        for m in single
        if m.date_text.lower().startswith("from ")
        or f"from {m.date_text}".lower() in m.evidence.lower()
    ]
    return bool(opened) and _places_fit(earlier, later) and _overlap(earlier, later)


def _side_by_side(a: Meeting, b: Meeting) -> bool:
    """Two dated events of one sentence are two events ("meet on the margins of the summit")."""
    return a.evidence == b.evidence and a.start is not None and b.start is not None


def _trip_and_dated_stop(a: Mention, b: Mention) -> bool:
    """A trip and one of its dated stops stay apart (the trip then gives way to its stops)."""
    return bool((b.meeting.start and _a_stop_of(a, b)) or (a.meeting.start and _a_stop_of(b, a)))


def _antecedent(kept: list[Mention], item: Mention) -> int | None:
    meeting = item.meeting
    fits = [
        i
        for i, k in enumerate(kept)
        if k.meeting.status == meeting.status
        and not _side_by_side(k.meeting, meeting)
        and not _trip_and_dated_stop(k, item)
        and (
            same_meeting(k.meeting, meeting)
            or _same_day(k.meeting, meeting, item.anaphoric or item.definite)
            or _undated_repeat(k.meeting, meeting)
            or _open_start(k.meeting, meeting)
        )
    ]
    if fits:
        return fits[-1] if item.anaphoric else fits[0]
    if item.definite and not item.anaphoric:
        # "The summit will be held at ... in Johannesburg on 22 and 23 November" after "the G20
        # summit": a definite noun with its own place points back to an undated event of its kind
        same = [
            i
            for i, k in enumerate(kept)
            if k.meeting.status == meeting.status
            and k.meeting.kind == meeting.kind
            and not k.meeting.start
            and _places_nest(k.meeting, meeting)
        ]
        return same[-1] if same else None
    if not item.anaphoric:
        return None
    # "the talks" after "will travel to Beijing for a summit": the latest event it can be.
    loose = [
        i
        for i, k in enumerate(kept)
        if k.meeting.status == meeting.status and _dates_fit(k.meeting, meeting)
    ]
    same_kind = [i for i in loose if kept[i].meeting.kind == meeting.kind]
    candidates = same_kind or loose
    return candidates[-1] if candidates else None


def _longer_stay(merged: Meeting, later: Meeting) -> Meeting:
    """Of two mentions from the same first day, the one that tells the last day wins."""
    if (
        merged.start
        and merged.start == later.start
        and (later.end or later.start) > (merged.end or merged.start)
    ):
        return replace(merged, end=later.end, title=later.title, date_text=later.date_text)
    return merged


def _best_evidence(merged: Meeting, later: Meeting) -> Meeting:
    """The sentence that tells most of the merged event: its date and its place, if one does."""

    def told(m: Meeting) -> int:
        text = m.evidence
        return (bool(m.date_text) and m.date_text in text) + (
            bool(merged.place) and (merged.place or "") in text
        )

    return replace(merged, evidence=later.evidence) if told(later) > told(merged) else merged


def dedupe(found: list[Mention]) -> list[Mention]:
    """Merge every mention into the event it repeats; drop empty mentions with nothing to add."""
    kept: list[Mention] = []
    for item in found:
        index = _antecedent(kept, item)
        if index is not None:
            merged = _longer_stay(merge(kept[index].meeting, item.meeting), item.meeting)
            kept[index] = replace(kept[index], meeting=_best_evidence(merged, item.meeting))
        elif item.meeting.participants or item.meeting.place or item.meeting.start:
            kept.append(item)
    return kept


def _summarises(title: Meeting, body: Meeting) -> bool:
    """A headline names the body's event more loosely: kind, people and dates need only fit."""
    if title.status != body.status or not _kinds_fit(title, body):
        return False
    if not (_dates_fit(title, body) or _open_start(title, body)):
        return False
    shared = {participant_key(p) for p in title.participants} & {
        participant_key(p) for p in body.participants
    }
    same_place = bool(title.place and body.place and not _places_differ(title, body))
    return title.kind == body.kind or not title.participants or bool(shared) or same_place


def _lead_fits(title: Mention, body: Mention) -> bool:
    return title.meeting.status == body.meeting.status and _kinds_fit(title.meeting, body.meeting)


def with_headlines(body: list[Mention], titles: list[Mention]) -> list[Mention]:
    """Headline meetings merge into the first body meeting they summarise, else stand alone."""
    result = list(body)
    for item in titles:
        index = next(
            (i for i, b in enumerate(result) if _summarises(item.meeting, b.meeting)), None
        )
        if index is None and item.meeting.start is None:  # an undated headline tells the lead
            index = next((i for i, b in enumerate(result) if _lead_fits(item, b)), None)
        if index is None:
            result.append(item)
        else:
            merged = merge(result[index].meeting, item.meeting)
            result[index] = replace(result[index], meeting=_longer_stay(merged, item.meeting))
    return result


def _country(place: str) -> str:
    return country_of(place) or capital_country(place) or ""


def _a_stop_of(trip: Mention, stop: Mention) -> bool:
    """ "She will be in Cairo on 15 March" after "will travel to Cairo and Amman from 15 to 18"."""
    t, m = trip.meeting, stop.meeting
    if not trip.trip_stops or stop is trip or stop.trip_stops or not m.place:
        return False
    if t.status != m.status:
        return False
    first = trip.trip_stops[0].casefold()
    if t.start and not m.start and first in {m.place.casefold(), _country(m.place).casefold()}:
        return False  # "travel to China on Thursday ..., then Japan": China's own date
        return False
    if not {m.place.casefold(), _country(m.place).casefold()} & {
        s.casefold() for s in trip.trip_stops
    }:
        return False
    people = {participant_key(p) for p in t.participants} & {
        participant_key(p) for p in m.participants
    }
    within = not (t.start and m.start) or (t.start <= m.start <= (t.end or t.start))
    return bool(people) and within


def without_covered_trips(found: list[Mention]) -> list[Mention]:
    """A whole trip is left out when the article gives its stops one by one."""
    return [
        item
        for item in found
        if not (item.trip_stops and any(_a_stop_of(item, other) for other in found))
    ]


_BARE_WEEKDAY = re.compile(
    r"^(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:and|to|through)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))?$",
    re.IGNORECASE,
)


def in_the_trips_week(found: list[Mention], published: date) -> list[Mention]:
    """ "will tour West Africa next week ... in Abuja on Friday": that Friday is next week's."""
    monday = published + timedelta(days=7 - published.weekday())
    trips = [t for t in found if t.trip_stops and "next week" in t.meeting.date_text.lower()]
    result = []
    for item in found:
        m = item.meeting
        early = m.start is not None and m.start < monday and _BARE_WEEKDAY.match(m.date_text)
        if m.start is not None and early and any(_a_stop_of(trip, item) for trip in trips):
            week = timedelta(days=7)
            moved = replace(m, start=m.start + week, end=(m.end or m.start) + week)
            item = replace(item, meeting=moved)
        result.append(item)
    return result
