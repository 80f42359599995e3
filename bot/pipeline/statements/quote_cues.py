"""Quotes on the parse: mapped onto tokens, judged statement or phrase, and their cues.

The cue of a quote is the verb that attributes it: in its own sentences, in a short tail
sentence the parser split off after the closing mark, or ending the sentence before it with a
colon; its speaker is that verb's subject, never a word inside the quoted words.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from bot.pipeline.language.patterns import QUOTE_ONLY_VERBS, QUOTE_PARTICLE_VERBS
from bot.pipeline.statements.attribution import according_source, doc_text, is_cue
from bot.pipeline.statements.quotes import Quote, find_quotes

_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
_OPENING_PUNCT = frozenset({":", ",", "—", "–", "-", "(", ".", "!", "?"})
# Words after which a quotation is the name of something ("titled", "dubbed"), never speech.
_NAMING_WORDS = frozenset({"titled", "entitled", "headlined", "dubbed", "named", "nicknamed"})
_TAIL_CUE_WITHIN = 8  # '"...?" Deputy Foreign Minister Anna Kovac said': subject, then the verb


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


def cue_for(doc: Doc, q: QuoteSpan, in_quote: list[int]) -> Token | None:
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


def colon_cue(doc: Doc, q: QuoteSpan, in_quote: list[int]) -> Token | None:
    """ "She also said:" — a reporting verb ending the sentence just before the quote."""
    first = q.tokens[0].sent
    if first.start == 0:
        return None
    prev = doc[first.start - 1].sent
    tokens = [t for t in prev if not t.is_space]
    if not tokens or tokens[-1].text != ":":
        return None
    return next((t for t in reversed(tokens) if quote_cue(t) and in_quote[t.i] < 0), None)


def colon_name(doc: Doc, q: QuoteSpan) -> Token | None:
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


def name_after(cue: Token, q: QuoteSpan, in_quote: list[int]) -> Token | None:
    """'"...," said Robin Maynard, half joking.': a verb after the quote followed at once by a
    name is inverted attribution, whatever clause the parser built of the name."""
    doc = cue.doc
    if cue.i < q.end or cue.i + 1 >= len(doc):
        return None
    last = None
    for tok in doc[cue.i + 1 : cue.i + 6]:
        if tok.pos_ != "PROPN" or in_quote[tok.i] >= 0:
            break
        last = tok
    if last is None or last.dep_ in {"poss", "compound"} or last.i + 1 >= len(doc):
        return None  # "said White House spokesman X", "said Biden's envoy": not the name
    follower = doc[last.i + 1]
    return None if follower.pos_ in {"NOUN", "PROPN", "PART"} else last


def subject_outside(cue: Token, in_quote: list[int]) -> Token | None:
    """The subject of a cue that lies outside every quote, the nearest to the verb."""
    outside = [c for c in cue.children if c.dep_ == "nsubj" and in_quote[c.i] < 0]
    return min(outside, key=lambda c: abs(c.i - cue.i)) if outside else None
