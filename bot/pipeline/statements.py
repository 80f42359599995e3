"""Who said what: direct quotations and reported speech attributed to named speakers.

Quotes are found by a character scanner (quotes.py), mapped onto the parse, and attributed
through the reporting verb outside them; reported speech is the clausal complement of a
reporting verb, "according to X", or "as X noted". Speakers are resolved by speakers.py; a
statement whose speaker cannot be named is dropped rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.pipeline.attribution import (
    audience_of,
    blocked,
    clean_chars,
    clean_text,
    complement,
    doc_text,
    is_cue,
    subject_of,
)
from bot.pipeline.patterns import APPEAL_VERBS, DOCUMENT_NOUNS, INDIRECT_VERBS, REPORTING_VERBS
from bot.pipeline.quotes import Quote, find_quotes
from bot.pipeline.speakers import Speaker, SpeakerResolver
from bot.pipeline.types import Article, Statement, StatementKind

_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
_OPENING_PUNCT = frozenset({":", ",", "—", "–", "-", "("})
_MIN_CLAUSE_TOKENS = 3
_JOIN = " … "
_MAX_GAP = 250
_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]{0,3}|[A-Z]\.[A-Z])\.")  # Ms. Gov. U.S.
_SENTENCE_END = re.compile(r"[.!?][\"”'’]*\s")
_MAX_CLIMB = 4


@dataclass
class _Candidate:
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
class _QuoteSpan:
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


def extract_statements(doc: Doc, article: Article) -> list[Statement]:
    """Statements in a parsed article; the headline (when parsed with the body) is never used."""
    body_start = _body_start(doc, article)
    quotes = _map_quotes(doc, body_start)
    in_quote = [-1] * len(doc)
    for q in quotes:
        for tok in q.tokens:
            in_quote[tok.i] = q.index
    direct = _direct(doc, quotes, in_quote)
    used = {c.cue.i for c in direct if c.cue is not None}
    indirect = _indirect(doc, quotes, in_quote, body_start, used)
    candidates = sorted(direct + indirect, key=lambda c: c.position)
    return _resolve(doc, candidates)


def _body_start(doc: Doc, article: Article) -> int:
    """Index of the first body token when the doc starts with the article's title."""
    title = article.title.strip()
    if not title or not doc_text(doc).startswith(title):
        return 0
    span = doc.char_span(0, len(title), alignment_mode="expand")
    return span.end if span is not None else 0


def _map_quotes(doc: Doc, body_start: int) -> list[_QuoteSpan]:
    """Quotes of the body as token lists, each classified as a full quote or a fragment."""
    first_char = doc[body_start].idx if body_start < len(doc) else len(doc_text(doc))
    mapped: list[_QuoteSpan] = []
    for quote in find_quotes(doc_text(doc)):
        if quote.start < first_char:
            continue
        tokens: list[Token] = []
        for start, end in quote.segments:
            span = doc.char_span(start, end, alignment_mode="contract")
            if span is not None:
                tokens.extend(span)
        if tokens:
            q = _QuoteSpan(len(mapped), quote, tokens, False)
            q.full = _is_full(doc, q)
            mapped.append(q)
    return mapped


def _is_full(doc: Doc, q: _QuoteSpan) -> bool:
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
    mark = q.start - 1
    before = doc[mark - 1] if mark > 0 else None
    opens = before is None or before.is_sent_start or doc[mark].is_sent_start
    opens = opens or (before is not None and (before.text in _OPENING_PUNCT or is_cue(before)))
    words = [t for t in q.tokens if not t.is_punct]
    return clause or (opens and len(words) >= 2)


def _cue_for(doc: Doc, q: _QuoteSpan, in_quote: list[int]) -> Token | None:
    """The reporting verb attributing a quote: in its sentences, outside any quote; a verb the
    quote hangs on in the parse wins over a merely nearer one."""
    heads = {t.head.i for t in q.tokens}
    ranked: list[tuple[int, int, Token]] = []
    for sent in {s.start: s for s in (q.tokens[0].sent, q.tokens[-1].sent)}.values():
        for tok in sent:
            if in_quote[tok.i] < 0 and is_cue(tok):
                distance = q.start - tok.i if tok.i < q.start else tok.i - q.end
                ranked.append((0 if tok.i in heads else 1, distance, tok))
    return min(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


def _colon_cue(doc: Doc, q: _QuoteSpan, in_quote: list[int]) -> Token | None:
    """ "She also said:" — a reporting verb ending the sentence just before the quote."""
    first = q.tokens[0].sent
    if first.start == 0:
        return None
    prev = doc[first.start - 1].sent
    tokens = [t for t in prev if not t.is_space]
    if not tokens or tokens[-1].text != ":":
        return None
    return next((t for t in reversed(tokens) if is_cue(t) and in_quote[t.i] < 0), None)


def _direct(doc: Doc, quotes: list[_QuoteSpan], in_quote: list[int]) -> list[_Candidate]:
    """Full quotes attributed to a reporting verb; split quotes joined into one statement."""
    found: list[_Candidate] = []
    by_cue: dict[int, _Candidate] = {}
    for q in (q for q in quotes if q.full):
        cue = _cue_for(doc, q, in_quote) or _colon_cue(doc, q, in_quote)
        previous = found[-1] if found else None
        carry = "" if cue or previous is None else _continues(doc, previous, q, quotes)
        if carry:
            cue = previous.cue if previous else None
        text = " ".join(clean_chars(doc_text(doc)[a:b]) for a, b in q.quote.segments).strip()
        if cue is None or not text:
            continue
        if carry != "next" and cue.i in by_cue and by_cue[cue.i].quote_ids[-1] == q.index - 1:
            by_cue[cue.i].texts.append(text)
            by_cue[cue.i].sents.append(q.tokens[-1].sent)
            by_cue[cue.i].quote_ids.append(q.index)
            continue
        subject = previous.subject if carry == "next" and previous else subject_of(cue)
        if subject is not None and in_quote[subject.i] >= 0:
            continue  # a name inside the quoted words is never its speaker
        cand = _Candidate(q.start, "direct", [text], [q.tokens[0].sent], cue, subject)
        cand.quote_ids.append(q.index)
        if carry != "next":
            by_cue[cue.i] = cand
        found.append(cand)
    return found


def _continues(doc: Doc, previous: _Candidate, q: _QuoteSpan, quotes: list[_QuoteSpan]) -> str:
    """Whether an unattributed quote carries on from the attributed one before it: "same"
    paragraph (a split quote), "next" paragraph opened by a quote (the wire convention for a
    speaker who keeps talking), or "" when it is someone else's or nobody's."""
    last = quotes[previous.quote_ids[-1]]
    if last.index != q.index - 1:
        return ""
    gap = doc_text(doc)[last.quote.end : q.quote.start]
    lines = [line for line in gap.split("\n") if line.strip()]
    if "\n" not in gap:
        sentence_ends = len(_SENTENCE_END.findall(_ABBREVIATION.sub("", gap)))
        return "same" if len(gap) <= _MAX_GAP and sentence_ends <= 1 else ""
    line_start = doc_text(doc).rfind("\n", 0, q.quote.start) + 1
    opens_paragraph = not doc_text(doc)[line_start : q.quote.start - 1].strip()
    tail_only = len(lines) <= 1 and len(gap.split("\n")[0]) <= _MAX_GAP
    return "next" if opens_paragraph and tail_only else ""


def _indirect(
    doc: Doc, quotes: list[_QuoteSpan], in_quote: list[int], body_start: int, used: set[int]
) -> list[_Candidate]:
    """Reported speech: complements of reporting verbs, "according to X", "as X noted"."""
    full = {q.index for q in quotes if q.full}
    found: list[_Candidate] = []
    for tok in doc[body_start:]:
        if in_quote[tok.i] >= 0 and in_quote[tok.i] in full:
            continue
        if tok.lower_ == "according":
            found.extend(_according(doc, tok, in_quote, full))
        elif is_cue(tok, INDIRECT_VERBS | APPEAL_VERBS) and not blocked(tok):
            found.extend(_reported(doc, tok, in_quote, full, used))
    return found


def _reported(
    doc: Doc, verb: Token, in_quote: list[int], full: set[int], used: set[int]
) -> list[_Candidate]:
    """The complement of one reporting verb as an indirect statement."""
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return _as_noted(doc, verb, in_quote, full)
    if any(c.dep_ == "mark" and c.lower_ in {"as", "than"} for c in verb.children):
        return []
    bounds = complement(verb)
    if bounds is None or bounds[1] - bounds[0] < _MIN_CLAUSE_TOKENS:
        return []
    span = doc[bounds[0] : bounds[1]]
    if any(in_quote[t.i] in full for t in span):
        return []  # the words are quoted: the direct statement covers them
    root = span.root
    if is_cue(root, REPORTING_VERBS) and complement(root) and subject_of(root) is not None:
        return []  # "the White House said [Biden warned that ...]": the inner one speaks
    text = clean_text(span)
    subject = subject_of(verb)
    if subject is not None and in_quote[subject.i] >= 0:
        return []
    cand = _Candidate(verb.i, "indirect", [text], [verb.sent], verb, subject)
    return [cand] if text else []


def _as_noted(doc: Doc, verb: Token, in_quote: list[int], full: set[int]) -> list[_Candidate]:
    """ "As noted by X, <clause>": the clause the adverbial hangs on is the content."""
    head = verb.head
    first = verb.left_edge
    if not (first.is_sent_start or (first.i > 0 and doc[first.i - 1].text in {",", "—", "("})):
        return []  # "as angry as he suggested": a comparison, not an attribution
    skip = {t.i for t in verb.subtree}
    tokens = [t for t in head.subtree if t.i not in skip]
    return _clause_candidate(doc, tokens, verb, subject_of(verb), in_quote, full)


def _according(doc: Doc, tok: Token, in_quote: list[int], full: set[int]) -> list[_Candidate]:
    """ "According to X, <clause>" or "<clause>, according to X"."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return []
    if pobj.lemma_.lower() in DOCUMENT_NOUNS:
        prep = next((c for c in pobj.children if c.dep_ in {"prep", "poss"}), None)
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), prep) if prep else None
        if pobj is None:
            return []
    head = tok.head
    for _ in range(_MAX_CLIMB):
        if head.dep_ in {"ROOT", "ccomp", "conj"}:
            break
        head = head.head
    if head.pos_ not in {"VERB", "AUX"}:
        return []  # "according to X" inside a noun phrase: no clause to report
    skip = {t.i for t in tok.subtree}
    tokens = [t for t in head.subtree if t.i not in skip]
    return _clause_candidate(doc, tokens, tok, pobj, in_quote, full)


def _clause_candidate(
    doc: Doc,
    tokens: list[Token],
    cue: Token,
    subject: Token | None,
    in_quote: list[int],
    full: set[int],
) -> list[_Candidate]:
    """The contiguous run of `tokens` next to the cue phrase, as one indirect statement."""
    before = [t for t in tokens if t.i < cue.i]
    after = [t for t in tokens if t.i > cue.i]
    run = after if len(after) >= len(before) else before
    if len(run) < _MIN_CLAUSE_TOKENS or any(in_quote[t.i] in full for t in run):
        return []
    text = clean_text(doc[run[0].i : run[-1].i + 1])
    return [_Candidate(cue.i, "indirect", [text], [cue.sent], cue, subject)] if text else []


def _resolve(doc: Doc, candidates: list[_Candidate]) -> list[Statement]:
    """Resolve speakers in document order (so pronouns see earlier speakers) and build output."""
    resolver = SpeakerResolver(doc)
    statements: list[Statement] = []
    seen: set[tuple[str, str]] = set()
    for cand in candidates:
        if cand.subject is None:
            continue
        speaker = resolver.resolve(cand.subject)
        if speaker is None:
            continue
        resolver.remember(cand.subject.i, speaker)
        text = _JOIN.join(cand.texts)
        key = (speaker.name, text.casefold())
        if key in seen:
            continue
        seen.add(key)
        statements.append(_statement(doc, cand, speaker, text))
    return statements


def _statement(doc: Doc, cand: _Candidate, speaker: Speaker, text: str) -> Statement:
    """Assemble the public Statement from a resolved candidate."""
    cue = cand.cue
    audience = audience_of(cue) if cue is not None else None
    sents = sorted(
        {s.start: s for s in [*cand.sents, *([cue.sent] if cue else [])]}.values(),
        key=lambda s: s.start,
    )
    evidence = doc_text(doc)[sents[0].start_char : sents[-1].end_char].strip()
    cue_text = (
        "according to"
        if cue is not None and cue.lower_ == "according"
        else (cue.text if cue is not None else "said")
    )
    return Statement(
        speaker=speaker.name,
        kind=cand.kind,
        text=text,
        evidence=evidence,
        cue_verb=cue_text,
        role=speaker.role,
        affiliation=speaker.affiliation,
        audience=_audience_text(audience),
        speaker_type=speaker.type,
    )


def _audience_text(token: Token | None) -> str | None:
    """The audience's noun phrase as written."""
    if token is None:
        return None
    doc = token.doc
    return doc_text(doc)[token.left_edge.idx : token.right_edge.idx + len(token.right_edge)]
