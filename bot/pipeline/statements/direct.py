"""Direct quotations: quotes mapped onto the parse, classified, and tied to a reporting verb.

A quote is a statement of its own only when it is a clause (or opens a sentence); a quoted phrase
inside someone's sentence is left to the reported-speech pass. Split quotes ("...," he said.
"...") share one reporting verb and become one candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.pipeline.statements.attribution import (
    according_source,
    clean_chars,
    doc_text,
    subject_of,
)
from bot.pipeline.statements.quote_cues import (
    QuoteSpan,
    colon_cue,
    colon_name,
    cue_for,
    map_quotes,
    name_after,
    subject_outside,
)
from bot.pipeline.statements.speakers import Speaker
from bot.pipeline.types import StatementKind

__all__ = ["Candidate", "QuoteSpan", "direct_candidates", "map_quotes"]  # read by extract, reported

_MAX_GAP = 250
_MARKS = "\"“”«»„'‘’"
_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]{0,3}|[A-Z]\.[A-Z])\.")  # Ms. Gov. U.S.
_SENTENCE_END = re.compile(r"[.!?][\"”'’]*\s")


@dataclass
class Candidate:
    """A statement before its speaker is resolved."""

    position: int
    kind: StatementKind
    texts: list[str]
    sents: list[Span]
    cue: Token | None
    subject: Token | None
    speaker: Speaker | None = None
    quote_ids: list[int] = field(default_factory=list)


def direct_candidates(doc: Doc, quotes: list[QuoteSpan], in_quote: list[int]) -> list[Candidate]:
    """Full quotes attributed to a reporting verb; split quotes joined into one statement."""
    found: list[Candidate] = []
    by_cue: dict[int, Candidate] = {}
    for q in quotes:
        if not q.full:
            if found and _resumes(doc, found[-1], q, quotes):
                _extend(doc, found[-1], q)  # '"Let us take this chance," X said, "to ..."'
            continue
        cue = cue_for(doc, q, in_quote) or colon_cue(doc, q, in_quote)
        if cue is None and (named := colon_name(doc, q)) is not None:
            found.append(_named_quote(doc, q, named))  # '14:05 President X: "..."'
            continue
        previous = found[-1] if found else None
        carry = "" if cue or previous is None else _continues(doc, previous, q, quotes)
        if carry:
            cue = previous.cue if previous else None
        text = " ".join(clean_chars(doc_text(doc)[a:b]) for a, b in q.quote.segments).strip()
        if cue is None or not text:
            continue
        if carry == "next" and previous is not None:  # the speaker goes on: one statement
            _extend(doc, previous, q)
            continue
        if cue.i in by_cue and _adjacent(quotes, by_cue[cue.i].quote_ids[-1], q.index):
            _extend(doc, by_cue[cue.i], q)
            continue
        subject = _speaker_token(cue) or name_after(cue, q, in_quote)
        if subject is not None and in_quote[subject.i] >= 0:
            # a name inside the quoted words is never its speaker ('"Or Selm," Halas said',
            # both parsed as subjects): the cue's subject outside the quote, or nobody
            subject = subject_outside(cue, in_quote)
            if subject is None:
                continue
        cand = Candidate(q.start, "direct", [text], [q.tokens[0].sent], cue, subject)
        cand.quote_ids.append(q.index)
        by_cue[cue.i] = cand
        found.append(cand)
    return found


def _extend(doc: Doc, cand: Candidate, q: QuoteSpan) -> None:
    """Add a quote's words to the statement it continues."""
    text = " ".join(clean_chars(doc_text(doc)[a:b]) for a, b in q.quote.segments).strip()
    if text:
        cand.texts.append(text)
        cand.sents.append(q.tokens[-1].sent)
        cand.quote_ids.append(q.index)


def _adjacent(quotes: list[QuoteSpan], last: int, index: int) -> bool:
    """No other statement-like quote lies between two quotes: a quoted title or phrase in the
    attribution between them ('X said on the show "Face the Nation". "...') does not count."""
    return last < index and not any(q.full for q in quotes[last + 1 : index])


def _resumes(doc: Doc, previous: Candidate, q: QuoteSpan, quotes: list[QuoteSpan]) -> bool:
    """A lower-case fragment that finishes the sentence of the quote before it, across the
    attribution: '"Let us take this chance," X said, "to build a lasting peace."'."""
    cue = previous.cue
    if cue is None or previous.quote_ids[-1] != q.index - 1:
        return False
    last = quotes[previous.quote_ids[-1]]
    gap = doc_text(doc)[last.quote.end : q.quote.start]
    first = next((t for t in q.tokens if not t.is_punct and not t.is_space), None)
    return (
        first is not None
        and first.text[0].islower()
        and "\n" not in gap
        and last.end <= cue.i < q.start
        and gap.rstrip(_MARKS + " ").endswith(",")
        and (
            _ends_with_comma(doc_text(doc)[last.quote.start : last.quote.end])
            or _ends_with_comma(gap[:2])
        )
    )


def _ends_with_comma(text: str) -> bool:
    return text.rstrip(_MARKS + " ").endswith(",")


def _named_quote(doc: Doc, q: QuoteSpan, speaker: Token) -> Candidate:
    """A direct statement whose speaker is named without a reporting verb."""
    text = " ".join(clean_chars(doc_text(doc)[a:b]) for a, b in q.quote.segments).strip()
    cand = Candidate(q.start, "direct", [text], [q.tokens[0].sent], None, speaker)
    cand.quote_ids.append(q.index)
    return cand


def _speaker_token(cue: Token) -> Token | None:
    """Who a quote's cue names: the verb's subject, or the X of "according to X"."""
    return according_source(cue) or subject_of(cue)


def _continues(doc: Doc, previous: Candidate, q: QuoteSpan, quotes: list[QuoteSpan]) -> str:
    """Whether an unattributed quote carries on from the attributed one before it: "same"
    paragraph (a split quote), "next" paragraph opened by a quote (the wire convention for a
    speaker who keeps talking), or "" when it is someone else's or nobody's."""
    last = quotes[previous.quote_ids[-1]]
    if not _adjacent(quotes, last.index, q.index):
        return ""
    gap = doc_text(doc)[last.quote.end : q.quote.start]
    lines = [line for line in gap.split("\n") if line.strip(_MARKS + " ")]  # the opening mark
    if "\n" not in gap:
        sentence_ends = len(_SENTENCE_END.findall(_ABBREVIATION.sub("", gap)))
        return "same" if len(gap) <= _MAX_GAP and sentence_ends <= 1 else ""
    line_start = doc_text(doc).rfind("\n", 0, q.quote.start) + 1
    opens_paragraph = not doc_text(doc)[line_start : q.quote.start - 1].strip()
    tail_only = len(lines) <= 1 and len(gap.split("\n")[0]) <= _MAX_GAP
    line_end = doc_text(doc).find("\n", q.quote.end)
    after = doc_text(doc)[q.quote.end : line_end if line_end >= 0 else None]
    whole = not any(ch.isalpha() for ch in after)  # '"..." Vitter replied.' names its own
    return "next" if opens_paragraph and tail_only and whole else ""
