"""Find meeting events in a parsed sentence and decide from the grammar whether they are ahead.

An event is a group of cue words that describe one occurrence ("will travel to Kyiv for talks"
is one visit; "talks, followed by a NATO-Russia Council meeting" are two). Its status comes from
the governing verb's tense, aspect and modality, read from the dependency parse.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from bot.pipeline.meetings import cues
from bot.pipeline.meetings.kinds import cue_form, cue_lemma, noun_kind, verb_kind
from bot.pipeline.types import MeetingKind

# "GENEVA, Jan 7 (Reuters) - ": the dateline's date is the filing day, not the meeting's.
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,}(?:,[^()\n]{0,30})?\s*(?:\([^)]*\))?\s*[-–—.]+\s+")
# "Lagos, June 2 (NAN) X will ...": a dated dateline needs no dash; its date is never the event's.
_DATELINE_DATED = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s+(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
    r"|Nov|Dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.?)(?:,?\s+\d{4})?\s*(?:\([^)]*\)\s*[-–—:]*|[-–—:]+)\s*"
)
# A page's date stamp before the text ("date 2019-12-01 Cairo:", "Updated: 03.12.2026 14:05"),
# and the place that may follow it: the publication's date, never the event's.
_STAMP = re.compile(
    r"^\s*(?:(?:date|updated|published|posted)\s*:?\s*)?"
    r"(?:(?:19|20)\d\d-\d\d-\d\d|[0-3]?\d[./][01]?\d[./](?:19|20)\d\d)"
    r"(?:[ T]\d{1,2}:\d\d(?::\d\d)?)?\s*(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s*:\s*)?",
    re.IGNORECASE,
)
# "Monday, 1 December 2025 ...", "Dec 1, 2025 | ...": a written date with its year glued before the
# first sentence (no comma after it, a capital next) is the page's date, never the event's; further
# down (a timeline: "June 16, 2015 Trump joins the race") it is the event's own.
_WRITTEN_STAMP = re.compile(
    r"^\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?"
    r"|[0-3]?\d(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?)"
    r"\s+(?:19|20)\d\d(?:,?\s+\d{1,2}:\d\d(?:\s*[AaPp]\.?[Mm]\.?)?)?(?!\s*,)\s*[-–—|•:]?\s*"
    r"(?=[A-Z\"“‘])"
)
_DATELINE_ALONE = re.compile(r"[A-Z][A-Z .'’-]{2,},?[^()\n]{0,30}(?:\([^)]*\))?\s*[-–—.]*")
# A scraped page's list of other stories ("Related readings:", "Read also:"), up to a blank line.
_RELATED_LABEL = re.compile(
    r"^\s*(?:related(?:\s+\w+)?|(?:read|see)\s+(?:also|more)|also\s+read|more\s+on\s+this"
    r"(?:\s+\w+)?|recommended|you\s+may\s+also\s+like)\s*:?\s*$",
    re.IGNORECASE,
)

Status = Literal["future", "past", "present", "cancelled", "unknown"]


@dataclass
class Event:
    """Cue tokens of one event in one sentence; `anchor` is the one highest in the parse."""

    sent: Span
    anchor: Token
    kind: MeetingKind
    tokens: list[Token] = field(default_factory=list)
    is_title: bool = False
    ents: list[Span] = field(default_factory=list)  # the sentence's named entities


class DocIndex:
    """What the meetings layer reads of every sentence, found once per doc: `span.ents` rebuilds
    all of the doc's entities per call, and most words of a sentence are no cue."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.ents = list(doc.ents)
        self._starts = [ent.start for ent in self.ents]
        self._cues = _cue_positions(doc)

    def ents_in(self, span: Span) -> list[Span]:
        """What `span.ents` gives: the entities from the span's start up to the first one that
        runs past its end."""
        found = []
        for ent in self.ents[bisect_left(self._starts, span.start) :]:
            if ent.end > span.end:
                break
            found.append(ent)
        return found

    def cue_words(self, span: Span) -> list[Token]:
        """The span's words that may name a meeting (`noun_kind` or `verb_kind` decide)."""
        first, last = bisect_left(self._cues, span.start), bisect_left(self._cues, span.end)
        return [self.doc[i] for i in self._cues[first:last]]


def _cue_positions(doc: Doc) -> list[int]:
    """Indices of the words whose lemma or form is a cue's: each distinct string checked once."""
    strings = doc.vocab.strings
    if not len(doc):
        return []
    lemmas, forms = doc.to_array([LEMMA, LOWER]).T.tolist()
    lemma_ids = {h for h in set(lemmas) if cue_lemma(strings[h].lower())}
    form_ids = {h for h in set(forms) if cue_form(strings[h])}
    return [
        i
        for i, (lemma, form) in enumerate(zip(lemmas, forms, strict=True))
        if lemma in lemma_ids or form in form_ids
    ]


def _line_sentences(doc: Doc, text: str) -> Iterator[tuple[Span, bool]]:
    """Sentences, cut again at line breaks (a headline is never part of the body's sentence)."""
    title_end = text.find("\n\n")
    for sent in doc.sents:
        start = sent.start
        if "\n" in text[sent.start_char : sent.end_char]:  # else no word of it holds one
            for tok in sent:
                if "\n" in tok.text and tok.is_space:
                    if tok.i > start:
                        yield doc[start : tok.i], title_end >= 0 and tok.idx <= title_end
                    start = tok.i + 1
        if start < sent.end:
            span = doc[start : sent.end]
            yield span, title_end >= 0 and span.start_char < title_end


def furniture(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines that are other stories' headlines, not the article's text.

    The lines under a "Related readings:" label up to a blank line, and any line that opens
    with the whole of an earlier short line (a headline glued to the next: "X to meet Y
    next week Z meets W")."""
    ranges: list[tuple[int, int]] = []
    short: list[str] = []
    in_block = False
    offset = 0
    for line in text.splitlines(keepends=True):
        words = line.strip()
        end = offset + len(line)
        if not words:
            in_block = False
        elif in_block or any(_glued(words, s) for s in short):
            ranges.append((offset, end))
        elif _RELATED_LABEL.match(words):
            in_block = True
            ranges.append((offset, end))
        elif 4 <= len(words.split()) <= 16:
            short.append(words)
        offset = end
    return ranges


def _glued(line: str, headline: str) -> bool:
    """The line is the headline again, alone or with another capitalised headline after it."""
    rest = line[len(headline) :].lstrip() if line.startswith(headline) else None
    return rest is not None and (not rest or rest[:1].isupper())


def sentences(doc: Doc) -> Iterator[tuple[Span, bool, int]]:
    """(sentence, is headline, where its dateline ends): dateline fragments join their sentence."""
    text = doc.text  # spaCy joins every word's text each time it is asked; slices are cheap
    skipped = furniture(text)
    pending: int | None = None
    body_seen = False  # a written date stamp heads the text; later, "June 16, 2015 X met Y" dates Y
    for span, is_title in _line_sentences(doc, text):
        if any(a <= span.start_char < b for a, b in skipped):
            continue
        if pending is not None:
            span, pending = doc[pending : span.end], None
        words = text[span.start_char : span.end_char]  # == span.text
        if not is_title and _DATELINE_ALONE.fullmatch(words.strip()):
            pending = span.start
            continue
        stamp = _STAMP.match(words) or (None if body_seen else _WRITTEN_STAMP.match(words))
        body_seen = body_seen or not is_title
        skip = stamp.end() if stamp else 0
        rest = words[skip:]
        dateline = None if is_title else _DATELINE.match(rest) or _DATELINE_DATED.match(rest)
        yield span, is_title, skip + (dateline.end() if dateline else 0)
    if pending is not None:
        yield doc[pending:], False, len(doc[pending:].text)


def _joins(child: Token, parent: Token) -> bool:
    """Whether cue `child` describes the same event as cue `parent` ("travel ... for talks")."""
    if _relative_to(child, parent) or _co_arguments(child, parent) or _on_the_trip(child, parent):
        return True
    if child.head == parent:
        if child.dep_ in {"dobj", "nsubj", "nsubjpass", "compound", "attr", "appos"}:
            return True
        if child.dep_ == "npadvmod" and _apposed(child):
            return True  # "will sit down at the Council, the first such meeting since 2019"
        return child.dep_ in {"xcomp", "advcl"} and any(c.dep_ == "aux" for c in child.children)
    prep = child.head
    return (
        prep.head == parent
        and prep.dep_ == "prep"
        and prep.lower_ in {"for", "of", "during", "at", "on"}
        and child.dep_ == "pobj"
        and not dated_purpose_of_past_trip(child, parent)
    )


def _apposed(noun: Token) -> bool:
    return any(c.lower_ == "such" or c.ent_type_ == "ORDINAL" for c in noun.children)


def dated_purpose_of_past_trip(child: Token, trip: Token) -> bool:
    """ "arrived in Kyiv on Thursday for talks on Friday": the talks are their own event."""
    past_trip = trip.lemma_.lower() in cues.MOTION_VERBS and trip.tag_ == "VBD"
    return past_trip and any(t.ent_type_ == "DATE" for t in child.subtree)


def _relative_to(child: Token, parent: Token) -> bool:
    """ "will go to Beijing, where he is going to meet Wang Yi": a relative clause on the trip."""
    for node in [child, *child.ancestors][:4]:
        if node == parent:
            return False
        if node.dep_ == "relcl":
            if node.head.dep_.startswith("nsubj") or node.head.ent_type_ == "PERSON":
                return False  # "Lavrov, who arrives on Tuesday, will meet ...": his own clause
            if _dated_apart(node):
                return False  # "to Riyadh on Sunday, where he will attend a meeting on Monday"
            if _where_on_trip(node, parent):
                return True
            return parent == node.head or parent in list(node.head.ancestors)[:3]
    return False


def _dated_apart(clause: Token) -> bool:
    """A relative clause and the sentence around it each carry a date of their own."""
    inside = {t.i for t in clause.subtree}
    dates = [t for t in clause.sent if t.ent_type_ == "DATE" and t.ent_iob_ == "B"]
    return any(t.i in inside for t in dates) and any(t.i not in inside for t in dates)


def _where_on_trip(clause: Token, parent: Token) -> bool:
    """ "will end her trip in Bishkek on 19 March, where she will hold talks": one stop."""
    trip_word = parent.lemma_.lower() in cues.MOTION_VERBS | {"trip", "visit", "tour", "be"}
    where = any(c.lower_ == "where" for c in clause.children)
    governor = parent if parent.pos_ in {"VERB", "AUX"} else parent.head
    return trip_word and where and governor in [clause.head, *clause.head.ancestors]


def _on_the_trip(child: Token, parent: Token) -> bool:
    """ "will travel to Kyiv and meet Zelensky on Friday": a meeting that is part of the trip."""
    trip = parent.lemma_.lower() in cues.MOTION_VERBS | {"visit"} and parent.pos_ == "VERB"
    own_clause = any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in child.children)
    return trip and child.dep_ == "conj" and child.head == parent and not own_clause


def _co_arguments(child: Token, parent: Token) -> bool:
    """ "The Security Council will hold a meeting": subject and object of one light verb."""
    if child.head != parent.head or child.head.pos_ not in {"VERB", "AUX"}:
        return False
    return {child.dep_, parent.dep_} in ({"nsubj", "dobj"}, {"nsubjpass", "dobj"})


def find_events(sent: Span, is_title: bool, index: DocIndex | None = None) -> list[Event]:
    """Group the sentence's cue words into events, one per occurrence."""
    cued: list[tuple[Token, MeetingKind]] = []
    for tok in index.cue_words(sent) if index else sent:
        kind = noun_kind(tok) or verb_kind(tok)
        if kind:
            cued.append((tok, kind))
    events: list[Event] = []
    owner: dict[int, Event] = {}
    ents: list[Span] | None = None
    # Parents first, so that a child cue joins its parent's event.
    for tok, kind in sorted(cued, key=lambda pair: len(list(pair[0].ancestors))):
        parent = next((owner[p.i] for p, _ in cued if p.i in owner and _joins(tok, p)), None)
        if parent is None:
            if ents is None:
                ents = index.ents_in(sent) if index else list(sent.ents)
            parent = Event(sent, tok, kind, [tok], is_title, ents)
            events.append(parent)
        else:
            parent.tokens.append(tok)
            parent.kind = _stronger(parent, tok, kind)
        owner[tok.i] = parent
    for event in events:
        if event.kind in {"talks", "meeting"} and _by_phone_event(event):
            event.kind = "call"  # "talks by phone", "a telephone conversation"
    return sorted(events, key=lambda e: e.anchor.i)


def _by_phone_event(event: Event) -> bool:
    """ "talks by phone" is a call; "talks by video link" stay talks (delegations at screens)."""
    phone = {"phone", "telephone"}
    if any(
        c.lower_ in phone and c.dep_ in {"compound", "amod"}
        for t in event.tokens
        for c in t.children
    ):
        return True  # "telephone talks"
    return any(
        c.dep_ == "prep"
        and c.lower_ in {"by", "on", "over"}
        and any(t.lower_ in {"phone", "telephone"} for t in c.subtree)
        for tok in event.tokens
        for c in tok.children
    )


def _stronger(event: Event, tok: Token, kind: MeetingKind) -> MeetingKind:
    anchor_lemma = event.anchor.lemma_.lower()
    if event.anchor.pos_ in {"VERB", "AUX"} and anchor_lemma not in cues.WEAK_VERBS:
        return event.kind
    if event.kind == "visit" and event.anchor.pos_ in {"VERB", "AUX"}:
        return event.kind
    if event.anchor.pos_ in {"VERB", "AUX"}:
        return kind
    return kind if cues.KIND_RANK[kind] > cues.KIND_RANK[event.kind] else event.kind
