"""Direct quotations: quotes mapped onto the parse, classified, and tied to a reporting verb.

A quote is a statement of its own only when it is a clause (or opens a sentence); a quoted phrase
inside someone's sentence is left to the reported-speech pass. Split quotes ("...," he said.
"...") share one reporting verb and become one candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.pipeline.language.patterns import QUOTE_ONLY_VERBS, QUOTE_PARTICLE_VERBS
from bot.pipeline.statements.attribution import (
    according_source,
    clean_chars,
    doc_text,
    is_cue,
    subject_of,
)
from bot.pipeline.statements.quotes import Quote, find_quotes
from bot.pipeline.statements.speakers import Speaker
from bot.pipeline.types import StatementKind

_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
_OPENING_PUNCT = frozenset({":", ",", "—", "–", "-", "(", ".", "!", "?"})
_MAX_GAP = 250
_MARKS = "\"“”«»„'‘’"
# Words after which a quotation is the name of something ("titled", "dubbed"), never speech.
_NAMING_WORDS = frozenset({"titled", "entitled", "headlined", "dubbed", "named", "nicknamed"})
_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]{0,3}|[A-Z]\.[A-Z])\.")  # Ms. Gov. U.S.
_SENTENCE_END = re.compile(r"[.!?][\"”'’]*\s")
_TAIL_CUE_WITHIN = 8  # '"...?" Deputy Foreign Minister Anna Kovac said': subject, then the verb


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


@dataclass
class QuoteSpan:
    """A quote mapped onto tokens."""

    index: int
    quote: Quote
    tokens: list[Token]
    full: bool

    @property
    def start(self) -> int:
        return self.tokens[0].i

    @property
    def end(self) -> int:
        return self.tokens[-1].i + 1


def map_quotes(doc: Doc, body_start: int) -> list[QuoteSpan]:
    """Quotes of the body as token lists, each classified as a full quote or a fragment."""
    first_char = doc[body_start].idx if body_start < len(doc) else len(doc_text(doc))
    mapped: list[QuoteSpan] = []
    for quote in find_quotes(doc_text(doc)):
        if quote.start < first_char:
            continue
        tokens: list[Token] = []
        for start, end in quote.segments:
            span = doc.char_span(start, end, alignment_mode="contract")
            if span is not None:
                tokens.extend(span)
        if tokens:
            q = QuoteSpan(len(mapped), quote, tokens, False)
            q.full = _is_full(doc, q)
            mapped.append(q)
    return mapped


def _is_full(doc: Doc, q: QuoteSpan) -> bool:
    """A quote is a statement of its own, not a phrase inside someone's sentence."""
    if len(q.quote.segments) > 1:
        return True
    inside = {t.i for t in q.tokens}
    roots = [t for t in q.tokens if t.head.i not in inside or t.head.i == t.i]
    clause = any(
        r.pos_ in {"VERB", "AUX"}
        and any(c.dep_ in _CLAUSE_DEPS and c.i in inside for c in r.children)
        for r in roots
    )
    if any(_argument_of_other_verb(r, inside) for r in roots):
        return False  # '"A big truck" plowed through ...': the quote is part of another clause
    mark = q.start - 1
    if mark > 0 and doc[mark - 1].lower_ in _NAMING_WORDS:
        return False  # 'an op-ed titled "Europe must act now"': a title, not speech
    before = doc[mark - 1] if mark > 0 else None
    opens = before is None or before.is_sent_start or doc[mark].is_sent_start
    opens = opens or (before is not None and (before.text in _OPENING_PUNCT or quote_cue(before)))
    words = [t for t in q.tokens if not t.is_punct]
    capital = next((t.text[0].isupper() for t in words if t.text[0].isalpha()), False)
    return clause or (opens and capital and len(words) >= 2)


def _argument_of_other_verb(root: Token, inside: set[int]) -> bool:
    """A quote root that is the subject or object of a verb outside the quote, not a cue."""
    head = root.head
    if head.i in inside or head.i == root.i or is_cue(head):
        return False
    return root.dep_ in {"nsubj", "nsubjpass", "dobj"} and head.pos_ in {"VERB", "AUX"}


def quote_cue(token: Token) -> bool:
    """A verb that attributes quoted words: a reporting verb, or one that only introduces a
    quotation ("barked", "shot back")."""
    if is_cue(token):
        return True
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = token.lemma_.lower()
    particles = [c.lower_ for c in token.children if c.dep_ in {"prt", "advmod"}]
    if lemma in QUOTE_ONLY_VERBS:
        return not any(c.dep_ == "prt" for c in token.children)
    return any((lemma, p) in QUOTE_PARTICLE_VERBS for p in particles)


def _cue_for(doc: Doc, q: QuoteSpan, in_quote: list[int]) -> Token | None:
    """The reporting verb attributing a quote: in its sentences, outside any quote; a verb the
    quote hangs on in the parse wins over a merely nearer one. Failing that, a short tail
    sentence the parser split off after the closing mark ('"...?" Varga said of them.')."""
    heads = {t.head.i for t in q.tokens}
    ranked: list[tuple[int, int, Token]] = []
    for sent in {s.start: s for s in (q.tokens[0].sent, q.tokens[-1].sent)}.values():
        for tok in sent:
            if in_quote[tok.i] < 0 and (quote_cue(tok) or according_source(tok) is not None):
                distance = q.start - tok.i if tok.i < q.start else tok.i - q.end
                ranked.append((0 if tok.i in heads else 1, distance, tok))
    if ranked:
        return min(ranked, key=lambda r: (r[0], r[1]))[2]
    return _tail_cue(doc, q, in_quote)


def _tail_cue(doc: Doc, q: QuoteSpan, in_quote: list[int]) -> Token | None:
    """The cue of a sentence that starts right after the closing mark, in the same paragraph,
    and opens with the attribution itself: its subject and verb within a few words, and no
    reported clause of its own ("Varga said that ..." would be another statement)."""
    after = next((t for t in doc[q.end :] if not t.is_punct or t.is_sent_start), None)
    if after is None or not after.is_sent_start or in_quote[after.i] >= 0:
        return None
    if "\n" in doc_text(doc)[q.quote.end : after.idx]:
        return None
    for tok in doc[after.i : min(after.sent.end, after.i + _TAIL_CUE_WITHIN)]:
        if in_quote[tok.i] >= 0:
            return None
        if quote_cue(tok):
            has_clause = any(c.dep_ in {"ccomp", "xcomp"} for c in tok.children)
            return None if has_clause else tok
    return None


def _colon_cue(doc: Doc, q: QuoteSpan, in_quote: list[int]) -> Token | None:
    """ "She also said:" — a reporting verb ending the sentence just before the quote."""
    first = q.tokens[0].sent
    if first.start == 0:
        return None
    prev = doc[first.start - 1].sent
    tokens = [t for t in prev if not t.is_space]
    if not tokens or tokens[-1].text != ":":
        return None
    return next((t for t in reversed(tokens) if quote_cue(t) and in_quote[t.i] < 0), None)


def direct_candidates(doc: Doc, quotes: list[QuoteSpan], in_quote: list[int]) -> list[Candidate]:
    """Full quotes attributed to a reporting verb; split quotes joined into one statement."""
    found: list[Candidate] = []
    by_cue: dict[int, Candidate] = {}
    for q in quotes:
        if not q.full:
            if found and _resumes(doc, found[-1], q, quotes):
                _extend(doc, found[-1], q)  # '"Let us take this chance," X said, "to ..."'
            continue
        cue = _cue_for(doc, q, in_quote) or _colon_cue(doc, q, in_quote)
        if cue is None and (named := _colon_name(doc, q)) is not None:
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
        subject = _speaker_token(cue)
        if subject is not None and in_quote[subject.i] >= 0:
            continue  # a name inside the quoted words is never its speaker
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


def _colon_name(doc: Doc, q: QuoteSpan) -> Token | None:
    """The person of a live-blog line 'Turkish President X: "..."': a verbless name phrase
    ending in a colon right before the quote."""
    mark = q.start - 1
    if mark < 1 or doc[mark - 1].text != ":":
        return None
    sent = doc[mark - 1].sent
    lead = doc[sent.start : mark - 1]
    if any(t.pos_ in {"VERB", "AUX"} for t in lead):
        return None
    people = [e for e in lead.ents if e.label_ == "PERSON"]
    return people[-1].root if people else None


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
