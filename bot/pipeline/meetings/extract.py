"""Diplomatic meetings (talks, summits, visits, calls) in a parsed article, with calendar dates.

Each sentence's cue words are grouped into events (meeting_events), given a status from the
grammar (meeting_status), dated against the publication day (meeting_dates, dates), and given
participants, place and title (meeting_people, meeting_parts, meeting_stops, meeting_titles).
Mentions of one event are merged (meeting_mentions, merge).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from bot.pipeline.dates import DateSpan, vague_bounds
from bot.pipeline.language.cities import city_country
from bot.pipeline.language.gazetteer import capital_country, country_of
from bot.pipeline.meetings.dates import (
    Sentence,
    body_token,
    date_owners,
    event_date,
    lean,
    resolved,
    stale_report,
)
from bot.pipeline.meetings.events import DocIndex, Event, find_events, sentences
from bot.pipeline.meetings.mentions import (
    Mention,
    dedupe,
    in_the_trips_week,
    with_headlines,
    without_covered_trips,
)
from bot.pipeline.meetings.parts import (
    city_on_noun,
    on_the_margins,
    scope,
    setting_from,
    venue_of,
)
from bot.pipeline.meetings.people import People, participants_of
from bot.pipeline.meetings.relative import counted_from_events
from bot.pipeline.meetings.status import event_status, own_past
from bot.pipeline.meetings.stops import destinations, stops
from bot.pipeline.meetings.titles import proper_name, title_of
from bot.pipeline.meetings.travel import purpose_dates, travel_for
from bot.pipeline.types import Article, Meeting, MeetingStatus


def extract_meetings(doc: Doc, article: Article) -> list[Meeting]:
    """Upcoming and past meetings of the article, one per event; cancelled ones are left out."""
    published = article.published.date()
    people = People.of(doc)
    doc_index = DocIndex(doc)
    body: list[Mention] = []
    titles: list[Mention] = []
    for span, is_title, body_start in sentences(doc):
        sent = Sentence(span, is_title, body_start)
        found = _sentence_meetings(sent, published, people, doc_index)
        (titles if is_title else body).extend(found)
        people.note(doc_index.ents_in(span))
    body = counted_from_events(body, titles)
    kept = without_covered_trips(dedupe(in_the_trips_week(body, published)))
    return [_coarse_dated(found.meeting, published) for found in with_headlines(kept, titles)]


def _coarse_dated(meeting: Meeting, published: date) -> Meeting:
    """An upcoming meeting known only to its week or month gets that window, never a day.

    Done last, so the mention rules above still see it as undated (it merges with a dated
    mention of the same event, which then wins)."""
    if meeting.start is not None or meeting.status != "upcoming" or not meeting.date_text:
        return meeting
    bounds = vague_bounds(meeting.date_text, published)
    if bounds is None:
        return meeting
    start, end, precision = bounds
    return replace(meeting, start=start, end=end, precision=precision)


def _sentence_meetings(
    sent: Sentence, published: date, people: People, doc_index: DocIndex
) -> list[Mention]:
    events = find_events(sent.span, sent.is_title, doc_index)
    if not events:
        return []  # most sentences: no cue word, nothing to date
    owners = date_owners(events, sent)
    stale = stale_report(sent, owners, published)
    found: list[tuple[Event, Mention]] = []
    for index, event in enumerate(events):
        status = event_status(event)
        if status == "cancelled":
            continue
        spans = resolved(sent, published, lean(status, sent.is_title), owners, index, event.kind)
        if stale and not any(s.exact for s in spans):
            continue  # "Last year, Xi said he would visit next spring": only a calendar day holds
        inside = scope(event, events) - set(range(sent.span.start, body_token(sent)))
        split = stops(event, inside, spans)
        trip = _trip_stops(event, inside) if len(split) == 1 else ()
        for place, where, dated in split:
            parts = participants_of(event, where, people, place)
            venue = venue_of(event, where)
            parts = [p for p in parts if venue is None or p[0] not in venue]
            meeting = _build(event, status, published, place, parts, purpose_dates(event, dated))
            if meeting:
                # "the talks", and "the Geneva talks": a later mention that adds the place
                bare = not meeting.place or city_on_noun(event)
                anaphoric = _definite(event) and bare and not proper_name(event)
                anaphoric = anaphoric or _predicated(event)
                found.append((event, Mention(meeting, anaphoric, trip, _definite(event))))
    return _share_setting(travel_for(_framing_visits_folded(found)))


_FRAME_PREPOSITIONS = frozenset({"within", "during", "throughout"})


def _framing_visits_folded(found: list[tuple[Event, Mention]]) -> list[tuple[Event, Mention]]:
    """ "Within the visit to the U.S., she will hold meetings with ...": the visit that only
    frames another event of its sentence is that event (which keeps its place)."""
    result = list(found)
    for event, item in found:
        host = next((k for k, (o, _) in enumerate(result) if _frames(event, o)), None)
        if host is None:
            continue
        other, mention = result[host]
        place = mention.meeting.place or item.meeting.place
        result[host] = (other, replace(mention, meeting=replace(mention.meeting, place=place)))
        result = [pair for pair in result if pair[0] is not event]
    return result


def _frames(visit: Event, other: Event) -> bool:
    """The undated visit is the "within/during" frame of the other event's verb."""
    prep = visit.anchor.head
    if visit is other or visit.kind != "visit" or visit.anchor.dep_ != "pobj":
        return False
    if prep.dep_ != "prep" or prep.lower_ not in _FRAME_PREPOSITIONS:
        return False
    told = {t.i for r in visit.anchor.subtree if r.dep_ == "relcl" for t in r.subtree}
    if any(t.ent_type_ == "DATE" and t.i not in told for t in visit.anchor.subtree):
        return False  # "during his visit on Monday": the visit has a day of its own
    return prep.head in other.tokens or prep.head in list(other.anchor.ancestors)[:3]


def _trip_stops(event: Event, inside: set[int]) -> tuple[str, ...]:
    """The destinations of a trip to several places in order, then their countries."""
    names = [t.text for t in destinations(event, inside)]
    if len(names) < 2:
        return ()
    countries = [c for n in names if (c := country_of(n) or capital_country(n))]
    return tuple(dict.fromkeys([*names, *countries]))


def _share_setting(found: list[tuple[Event, Mention]]) -> list[Mention]:
    """ "meet on the margins of the NATO meeting in Brussels on March 3": one place, one date."""
    mentions = [m for _, m in found]
    for k, (event, item) in enumerate(found):
        for j, (other, host) in enumerate(found):
            if j == k or not on_the_margins(event, other):
                continue
            mentions[k] = replace(item, meeting=setting_from(item.meeting, host.meeting))
            date_after_host = _date_offset(item.meeting) > other.anchor.idx - other.sent.start_char
            mentions[j] = replace(
                host, meeting=setting_from(host.meeting, item.meeting, date_after_host)
            )
    return mentions


def _date_offset(meeting: Meeting) -> int:
    """Where the meeting's date expression sits in its sentence (-1 when it has none)."""
    return meeting.evidence.find(meeting.date_text) if meeting.date_text else -1


def _build(
    event: Event,
    status: str,
    published: date,
    place: str | None,
    parts: list[tuple[str, str]],
    spans: list[DateSpan],
) -> Meeting | None:
    exact = event_date(event, status, published, spans)
    chosen = exact or (spans[0] if spans else None)
    final = _final_status(status, published, chosen, own_past(event))
    if final is None:
        return None
    if event.kind == "visit" and place and not any(k == "country" for _, k in parts):
        country = country_of(place) or capital_country(place) or city_country(place)
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


def _final_status(
    status: str, published: date, span: DateSpan | None, own_past: bool
) -> MeetingStatus | None:
    """Grammar first, then the calendar: a date before publication is past whatever the verb.

    A date after publication is ahead whatever a framing verb says ("discussed preparations
    for the summit on June 14"), unless the event's own verb is past ("met on January 13").
    """
    if span is not None and span.start is not None:
        if span.start < published or (span.start == published and status == "past"):
            return "past"
        if status == "past" and (own_past or not _ahead_this_year(span, published)):
            return "past"
        return "upcoming"
    if span is not None and span.past_hint:
        return "past"
    ahead = span is not None and span.future_hint and not own_past
    if status == "past":
        return "upcoming" if ahead else "past"  # "welcomed plans to visit next week"
    return "upcoming" if status == "future" or (status == "present" and ahead) else None


def _ahead_this_year(span: DateSpan, published: date) -> bool:
    """A date told in the past is ahead only when no year turn could have put it there."""
    return span.start is not None and (
        span.start.year == published.year or str(span.start.year) in span.text
    )


def _predicated(event: Event) -> bool:
    """ "It will be her first visit to China", "That will be a conversation between the two
    presidents": said of an event named before, never a new one."""
    anchor = event.anchor
    if anchor.dep_ != "attr" or anchor.head.lemma_ != "be":
        return False
    return any(
        c.dep_ == "nsubj" and c.lower_ in {"it", "that", "this"} for c in anchor.head.children
    )


def _definite(event: Event) -> bool:
    """ "the meeting", "the talks": a noun that points back to an event named before."""
    return any(
        tok.pos_ == "NOUN"
        and (
            (c.dep_ == "det" and c.lower_ in {"the", "this", "that"})
            or (c.dep_ == "poss" and c.ent_type_ == "DATE")  # "Friday's session"
            or (c.dep_ == "poss" and c.ent_type_ == "PERSON")  # "Xi's first trip to the region"
        )
        for tok in event.tokens
        for c in tok.children
    )
