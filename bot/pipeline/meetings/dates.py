"""When a meeting happens: which date expressions of a sentence belong to which event.

A date belongs to the event whose words it hangs on in the parse (not to the reporting clause,
not to another clause with its own subject), and is read in the tense of the verb it hangs on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Span, Token

from bot.pipeline.dates import DateSpan, Tense, find_dates, month_end
from bot.pipeline.meetings import cues
from bot.pipeline.meetings.events import Event
from bot.pipeline.meetings.parts import clause_head, fronted

# A plan reported this long before publication may have happened, moved or died since.
STALE_AFTER = timedelta(days=14)
_MOVED = re.compile(
    r"\b(?:postponed|delayed|moved|rescheduled|pushed back|shifted|deferred|brought forward)"
    r"(?:\s+\w+){0,4}?\s+(?:to|until|till|for)\s*$",
    re.IGNORECASE,
)
_MOVED_FROM = re.compile(
    r"\b(?:postponed|delayed|moved|rescheduled|pushed back|shifted|deferred|brought forward)"
    r"(?:\s+\w+){0,4}?\s+from\s*$",
    re.IGNORECASE,
)
_NUMBERS = {
    word: n
    for n, names in enumerate(
        [("one", "1"), ("two", "2"), ("three", "3"), ("four", "4"), ("five", "5")], 1
    )
    for word in names
}
_UNTIL = ("through", "until", "till", "to")
# "opens on Sunday and closes on Tuesday": the later day is the end.
_CLOSES = re.compile(
    r"\b(?:close|closes|end|ends|conclude|concludes|wraps? up)\s+(?:on\s+)?$", re.IGNORECASE
)
# The traveller going home: the day after these words ends the trip.
_RETURNING = re.compile(
    r"\b(?:return(?:s|ing)?|(?:fly|flies|flying|head(?:s|ing)?|go(?:es|ing)?)\s+(?:home|back))"
    r"(?:\s+(?:home|back))?(?:\s+to\s+[A-Z][\w-]*)?(?:\s+on)?\s*$"
)
_CORE_DEPS = frozenset({"ROOT", "nsubj", "nsubjpass", "dobj", "attr", "xcomp", "ccomp", "conj"})


@dataclass
class Sentence:
    span: Span
    is_title: bool
    body_start: int  # character offset (in the sentence) where the dateline ends


def body_token(sent: Sentence) -> int:
    """Index of the first token after the dateline."""
    for tok in sent.span:
        if tok.idx - sent.span.start_char >= sent.body_start:
            return tok.i
    return sent.span.end


def date_owners(events: list[Event], sent: Sentence) -> dict[int, int]:
    """Which event each date expression (by offset) belongs to, following the parse upwards."""
    member: dict[int, int] = {}
    for index, event in enumerate(events):
        for tok in event.tokens:
            member.setdefault(tok.i, index)
    # A verb's dates go first to its own arguments, then to events reached through phrases.
    for core in (True, False):
        for index, event in enumerate(events):
            if core == (event.anchor.dep_ in _CORE_DEPS):
                _claim(event, index, member)
    for index, event in enumerate(events):
        for i in fronted(event):  # "In Tashkent on 17-18 March, ... will co-chair the meeting"
            member.setdefault(i, index)
    owners: dict[int, int] = {}
    base = sent.span.start_char
    for span in find_dates(sent.span.text, date(2000, 1, 1)):
        if span.begin < sent.body_start:
            continue
        chars = sent.span.doc.char_span(
            base + span.begin, base + span.stop, alignment_mode="expand"
        )
        if chars is None:
            continue
        if _day_of_the_report(chars):
            continue
        owner = _climb(chars.root, member, events, sent.is_title)
        if owner is not None and chars.start <= events[owner].anchor.i < chars.end:
            # "On the eve of the summit, X will hold talks": not the summit's day, the talks'
            above = next(
                (t for t in chars.root.ancestors if not chars.start <= t.i < chars.end), None
            )
            owner = _climb(above, member, events, sent.is_title) if above is not None else None
            inside = owner is not None and chars.start <= events[owner].anchor.i < chars.end
            owner = None if inside else owner
        if owner is not None:
            owners[span.begin] = owner
    return _second_dates_to_the_noun_before(owners, events, sent)


def _day_of_the_report(chars: Span) -> bool:
    """ "said on Monday he would meet Abdullah": a day between a reporting verb and the subject
    of the clause it reports is the report's, however the parse hangs it on the clause."""
    for clause in chars.root.ancestors:
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in cues.REPORTING_VERBS:
            continue
        subject = next((c for c in clause.children if c.dep_.startswith("nsubj")), None)
        # "said that on Friday he would meet": after "that" the day is the clause's own
        that = any(c.dep_ == "mark" and c.i < chars.start for c in clause.children)
        between = subject is not None and clause.head.i < chars.start and chars.end <= subject.i
        return between and not that
    return False


def _second_dates_to_the_noun_before(
    owners: dict[int, int], events: list[Event], sent: Sentence
) -> dict[int, int]:
    """ "met on Monday, ahead of Xi's trip to Moscow on March 20": a second date the parse hangs
    on the verb belongs to the event noun it directly follows."""
    result = dict(owners)
    for begin, owner in owners.items():
        if list(owners.values()).count(owner) < 2 or begin == min(
            b for b, o in owners.items() if o == owner
        ):
            continue
        start = sent.span.start_char + begin
        chars = sent.span.doc.char_span(start, start + 1, alignment_mode="expand")
        if chars is None:
            continue
        first = chars[0]
        prep = (
            first.nbor(-1) if first.i > sent.span.start and first.nbor(-1).dep_ == "prep" else first
        )
        for index, event in enumerate(events):
            noun = event.anchor
            if index != owner and noun.pos_ == "NOUN" and noun.right_edge.i + 1 == prep.i:
                result[begin] = index
    return result


def _claim(event: Event, index: int, member: dict[int, int]) -> None:
    """The event owns the words up to its clause, not the clause it is only "ahead of"."""
    top = clause_head(event)
    for node in [event.anchor, *event.anchor.ancestors]:
        if node.lower_ in cues.CIRCUMSTANCE_WORDS:
            return  # "will brief reporters Thursday ahead of the summit": Thursday is the brief's
        member.setdefault(node.i, index)
        if node == top:
            return


def _own_clause(node: Token, member: dict[int, int]) -> bool:
    """ "Xi will leave Moscow on Wednesday; they agreed to meet later": another clause's date.

    A relative clause dates its head: the event's when it describes the event ("the summit,
    which opens on Friday"), nobody's when it describes a person ("Lavrov, who arrives Tuesday").
    """
    if node.pos_ not in {"VERB", "AUX"}:
        return False
    if node.dep_ == "relcl":
        return node.head.i not in member
    return any(c.dep_.startswith("nsubj") for c in node.children)


def _climb(root: Token, member: dict[int, int], events: list[Event], title: bool) -> int | None:
    for node in [root, *root.ancestors]:
        if node.i in member:
            return member[node.i]
        if node.lemma_.lower() in cues.REPORTING_VERBS:
            return _misattached(root, node, member)
        if _own_clause(node, member):
            return None
    if not events or not title:
        return None
    # Headline parses are loose: a date there belongs to the nearest event.
    return min(range(len(events)), key=lambda i: abs(events[i].anchor.i - root.i))


def _misattached(date_root: Token, reporter: Token, member: dict[int, int]) -> int | None:
    """ "Kishida will host Yoon on Friday, Kihara told reporters": a parse that hangs the date
    on the trailing reporting verb; it belongs to the reported clause just before it."""
    subject = next((c for c in reporter.children if c.dep_.startswith("nsubj")), None)
    if subject is None or not date_root.i < subject.i < reporter.i:
        return None
    for clause in reporter.children:
        if clause.dep_ == "ccomp" and clause.right_edge.i < date_root.i and clause.i in member:
            return member[clause.i]
    return None


def resolved(
    sent: Sentence,
    published: date,
    tense: Tense,
    owners: dict[int, int],
    index: int,
    kind: str = "",
) -> list[DateSpan]:
    """The event's date expressions, each read in the tense of the verb it hangs on.

    A visit also takes the day its traveller goes home ("before returning home the next day"),
    whichever event of the sentence the parse hangs that day on: the trip lasts until then."""
    by_tense = {t: find_dates(sent.span.text, published, t) for t in {tense, "past", "future"}}
    chosen: list[DateSpan] = []
    for span in by_tense[tense]:
        home = kind == "visit" and bool(_RETURNING.search(sent.span.text[: span.begin]))
        if owners.get(span.begin) == index or (home and chosen and span.begin in owners):
            own = _verb_tense(sent, span) or tense
            chosen.append(next(s for s in by_tense[own] if s.begin == span.begin))
    return chosen


def _verb_tense(sent: Sentence, span: DateSpan) -> Tense | None:
    """ "which began on Monday": past, whatever the sentence's main verb says."""
    base = sent.span.start_char
    chars = sent.span.doc.char_span(base + span.begin, base + span.stop, alignment_mode="expand")
    if chars is None:
        return None
    words = {"VERB", "AUX", "NOUN", "PROPN"}
    verb = next((t for t in chars.root.ancestors if t.pos_ in words), None)
    if verb is None or verb.pos_ in {"NOUN", "PROPN"}:
        return None  # "for talks on Friday": the date hangs on the event, read in its tense
    if verb.lemma_.lower() in cues.REPORTING_VERBS:
        return None  # a date of the reported clause that the parse hung on "told"
    if any(c.lower_ in cues.FUTURE_AUX for c in verb.children):
        return "future"
    return "past" if verb.tag_ == "VBD" else None


def stale_report(sent: Sentence, owners: dict[int, int], published: date) -> bool:
    """ "Last year, Biden said he would visit Kyiv": an old plan, unless the event has a date."""
    for span in find_dates(sent.span.text, published, "past"):
        if span.begin < sent.body_start or span.begin in owners:
            continue
        if span.start and span.start < published - STALE_AFTER:
            return True
        if span.past_hint and any(w in span.text.lower() for w in ("month", "year", "ago")):
            return True
        ended = month_end(span.text, published) if span.start is None else None
        if ended and ended < published - STALE_AFTER:
            return True
    return False


def lean(status: str, is_title: bool) -> Tense:
    """How to read a bare weekday: headlines in the present tense tell the recent past too."""
    if status in {"future", "past"}:
        return "future" if status == "future" else "past"
    return "nearest" if is_title else "unknown"


def _lasting(event: Event, span: DateSpan | None) -> DateSpan | None:
    """ "a two-day summit ... on Thursday" ends on Friday."""
    if span is None or span.start is None or span.end != span.start:
        return span
    anchor = event.anchor
    own = [t for t in event.tokens if t == anchor or t.head == anchor or t.head.head == anchor]
    for tok in own:  # not a trip around it: "a five-day trip, during which he will meet"
        for day in tok.children:
            count = [c for c in day.children if c.dep_ == "nummod"]
            if day.lower_ == "day" and day.dep_ in {"compound", "amod"} and count:
                days = _NUMBERS.get(count[0].lower_, 1)
                return replace(span, end=span.start + timedelta(days=days - 1))
    return span


def _with_end(event: Event, exact: list[DateSpan]) -> DateSpan | None:
    """The first dated expression, extended by a later "through Wednesday" / "until 22 May"."""
    if not exact:
        return None
    lead = [event.sent.text[: s.begin] for s in exact]  # the words before each expression
    moved = [s for s, text in zip(exact, lead, strict=True) if _MOVED.search(text)]
    first = moved[-1] if moved else exact[0]  # "postponed from Monday to Wednesday"
    if _MOVED_FROM.search(lead[exact.index(first)]) and first.end:
        return replace(first, start=first.end)  # one span "Monday until Thursday" after "from"
    for later, text in zip(exact[1:], lead[1:], strict=True):
        until = text.rstrip().lower().endswith(_UNTIL) or bool(_CLOSES.search(text))
        until = until or (event.kind == "visit" and bool(_RETURNING.search(text)))
        if later.start and first.end and later.start > first.end and until:
            return replace(first, end=later.start)
    return first


def event_date(
    event: Event, status: str, published: date, spans: list[DateSpan]
) -> DateSpan | None:
    """The event's calendar date: a future statement's future date, its end, its duration."""
    dated = [s for s in spans if s.exact]
    if status == "future" and any(s.start and s.start >= published for s in dated):
        dated = [s for s in dated if s.start and s.start >= published]  # not "which began Monday"
    return _lasting(event, _with_end(event, dated))
