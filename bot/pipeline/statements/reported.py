"""Reported speech: the clause a reporting verb governs, "according to X", and "as X noted".

Guards against verbs that report nothing (negated, modal, "declined to say", comparisons) live in
attribution.py; a clause that is itself someone else's reported statement is left to that one.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from bot.pipeline.language.patterns import APPEAL_VERBS, INDIRECT_VERBS
from bot.pipeline.statements.acts import ACT_VERBS, act_bounds
from bot.pipeline.statements.attribution import (
    according_source,
    blocked,
    clean_text,
    complement,
    is_cue,
    subject_of,
)
from bot.pipeline.statements.direct import Candidate, QuoteSpan

_MIN_CLAUSE_TOKENS = 3
_CONNECTIVES = frozenset({"also", "however", "meanwhile", "moreover", "furthermore", "besides"})
# Cues that in "As X <verb>s ..., <clause>" mark a time or cause, not the clause's source.
_NOT_AS_CUES = frozenset({"hint", "signal", "suggest", "predict", "promise", "urge", "call"})
_CUE_LEMMAS = frozenset(
    get_string_id(w) for w in INDIRECT_VERBS | APPEAL_VERBS | ACT_VERBS | {"make"}
)
_STANCES = frozenset({"view", "position", "point"})  # "X's view is that ..."
_CUE_WORDS = frozenset(get_string_id(w) for w in ("according", "in", *_STANCES))
_MAKE = get_string_id("make")  # "made it clear that ..."
_CLEAR = frozenset({"clear", "plain"})
_CLAUSAL_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj"})
_NAME_PHRASE_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_MAX_CLIMB = 4


def indirect_candidates(
    doc: Doc, quotes: list[QuoteSpan], in_quote: list[int], body_start: int, used: set[int]
) -> list[Candidate]:
    """Reported speech: complements of reporting verbs, "according to X", "as X noted"."""
    full = {q.index for q in quotes if q.full}
    found: list[Candidate] = []
    for tok in (doc[i] for i in _cue_positions(doc, body_start)):
        if in_quote[tok.i] >= 0 and in_quote[tok.i] in full:
            continue
        if tok.lower_ in {"according", "in"}:
            found.extend(_according(doc, tok, in_quote, full))
        elif is_cue(tok, INDIRECT_VERBS | APPEAL_VERBS) and not blocked(tok):
            found.extend(_reported(doc, tok, in_quote, full, used))
        elif is_cue(tok, ACT_VERBS) and not blocked(tok):
            found.extend(_act(doc, tok, in_quote, full))
        elif tok.lemma_ == "make" and tok.pos_ == "VERB" and not blocked(tok):
            found.extend(_made_clear(doc, tok, in_quote, full))
        elif tok.lower_ in _STANCES:
            found.extend(_stance_is(doc, tok, in_quote, full))
    return found


def _stance_is(doc: Doc, noun: Token, in_quote: list[int], full: set[int]) -> list[Candidate]:
    """ "X's view / position / point is that <clause>": the clause is X's statement (a named
    owner only; "the view is that ..." and "the point is that ..." report no one)."""
    if noun.i + 1 >= len(doc) or noun.dep_ not in {"nsubj", "appos"}:
        return []
    be = doc[noun.i + 1]  # "view is" (a dateline the parser glued on makes the noun an appos)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if be.lemma_ != "be" or owner is None or owner.pos_ != "PROPN":
        return []
    clause = next((c for c in be.children if c.dep_ == "ccomp" and c.i > be.i), None)
    if clause is None or not _opens_with_that(clause) or in_quote[noun.i] >= 0:
        return []
    return _that_clause(doc, clause, noun, owner, in_quote, full)


def _made_clear(doc: Doc, verb: Token, in_quote: list[int], full: set[int]) -> list[Candidate]:
    """ "X made it clear that <clause>" / "made clear that <clause>": the clause is the content."""
    clear = next((c for c in verb.children if c.lower_ in _CLEAR and c.i > verb.i), None)
    if clear is None or in_quote[verb.i] >= 0:
        return []
    clauses = [c for c in (*clear.children, *verb.children) if c.dep_ in {"ccomp", "advcl"}]
    clause = next((c for c in clauses if c.i > clear.i and _opens_with_that(c)), None)
    subject = subject_of(verb)
    if clause is None or subject is None or in_quote[subject.i] >= 0:
        return []
    return _that_clause(doc, clause, verb, subject, in_quote, full)


def _that_clause(
    doc: Doc, clause: Token, cue: Token, speaker: Token, in_quote: list[int], full: set[int]
) -> list[Candidate]:
    """The clause after its "that" as the speaker's indirect statement, unless it is too short
    or runs into a quotation that is a statement of its own."""
    span = doc[clause.left_edge.i + 1 : clause.right_edge.i + 1]
    if len(span) < _MIN_CLAUSE_TOKENS or any(in_quote[t.i] in full for t in span):
        return []
    text = clean_text(span)
    return [Candidate(cue.i, "indirect", [text], [cue.sent], cue, speaker)] if text else []


def _opens_with_that(clause: Token) -> bool:
    """A clause introduced by "that" (the content of "made it clear that ...")."""
    first = clause.left_edge
    return first.lower_ == "that" and first.dep_ == "mark"


def _cue_positions(doc: Doc, body_start: int) -> list[int]:
    """Tokens that may open reported speech, read from arrays (no Token object per word)."""
    if body_start >= len(doc):
        return []
    arr = doc.to_array([LEMMA, LOWER]).tolist()
    return [
        i
        for i in range(body_start, len(arr))
        if arr[i][0] in _CUE_LEMMAS or arr[i][1] in _CUE_WORDS
    ]


def _reported(
    doc: Doc, verb: Token, in_quote: list[int], full: set[int], used: set[int]
) -> list[Candidate]:
    """The complement of one reporting verb as an indirect statement."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if "as" in marks and _time_clause(verb):
        pass  # "As Obama announces that he is ready, ...": his own clause is the content
    elif verb.dep_ == "advcl" and "as" in marks:
        return _as_noted(doc, verb, in_quote, full)
    elif marks & {"as", "than"}:
        return _as_fronted(doc, verb, in_quote, full)
    if verb.dep_ == "parataxis" and not any(c.dep_ == "ccomp" for c in verb.children):
        return _parenthetical(doc, verb, in_quote, full)
    bounds = complement(verb)
    if bounds is None and act_bounds(verb) is not None:
        return _act(doc, verb, in_quote, full)
    if bounds is None:
        return _trailing(doc, verb, in_quote, full)
    if bounds[1] - bounds[0] < _MIN_CLAUSE_TOKENS:
        return []
    span = doc[bounds[0] : bounds[1]]
    if any(in_quote[t.i] in full for t in span):
        return []  # the words are quoted: the direct statement covers them
    root = span.root
    if _inner_speaks(root):
        return []  # "the White House said [Biden warned that ...]": the inner one speaks
    text = clean_text(span)
    subject = subject_of(verb)
    if subject is not None and in_quote[subject.i] >= 0:
        return []
    cand = Candidate(verb.i, "indirect", [text], [verb.sent], verb, subject)
    return [cand] if text else []


def _inner_speaks(root: Token) -> bool:
    """A reported clause that is itself a statement ("said [Biden warned that ...]"); one the
    inner verb cannot report ("said [he believes ...]", "said [he did not think ...]") stays."""
    if not is_cue(root, INDIRECT_VERBS | APPEAL_VERBS) or blocked(root):
        return False
    return complement(root) is not None and subject_of(root) is not None


def _act(doc: Doc, verb: Token, in_quote: list[int], full: set[int]) -> list[Candidate]:
    """ "Cavusoglu congratulated his counterpart on the appointment": the act is the content."""
    if in_quote[verb.i] >= 0 or _beside_report(verb):
        return []
    bounds = act_bounds(verb)
    subject = subject_of(verb)
    if bounds is None or subject is None or in_quote[subject.i] >= 0:
        return []
    span = doc[bounds[0] : bounds[1]]
    if any(in_quote[t.i] in full for t in span):
        return []  # the words are quoted: the direct statement covers them
    text = clean_text(span)
    return [Candidate(verb.i, "indirect", [text], [verb.sent], verb, subject)] if text else []


def _beside_report(verb: Token) -> bool:
    """An act inside another statement's clause ("adding Ankara demands X") or conjoined with
    a reporting verb ("hailed the talks and said that ...") is part of that statement."""
    if verb.dep_ in {"ccomp", "xcomp", "conj"} and is_cue(verb.head, INDIRECT_VERBS):
        return True
    return any(c.dep_ == "conj" and is_cue(c, INDIRECT_VERBS) for c in verb.children)


def _parenthetical(doc: Doc, verb: Token, in_quote: list[int], full: set[int]) -> list[Candidate]:
    """ "The talks, Lavrov said, were useful": the clause around the parenthetical is content."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    inner = {t.i for t in verb.subtree}
    edges = {min(inner) - 1, max(inner) + 1}
    tokens = [
        t
        for t in verb.head.subtree
        if t.i not in inner and not (t.i in edges and t.is_punct) and t.dep_ != "cc"
    ]
    while tokens and (tokens[0].lower_ in _CONNECTIVES or tokens[0].is_punct):
        tokens.pop(0)  # "Also, the minister said, the sides will ...": the writer's link word
    if subject is None or len(tokens) < _MIN_CLAUSE_TOKENS:
        return []
    if any(in_quote[t.i] in full for t in tokens):
        return []
    pieces = [
        t.text + (t.whitespace_ if nxt.i == t.i + 1 else " ")
        for t, nxt in zip(tokens, [*tokens[1:], tokens[-1]], strict=True)
    ]
    text = "".join(pieces).strip().rstrip(".,;:")
    return [Candidate(verb.i, "indirect", [text], [verb.sent], verb, subject)]


def _as_noted(doc: Doc, verb: Token, in_quote: list[int], full: set[int]) -> list[Candidate]:
    """ "As noted by X, <clause>": the clause the adverbial hangs on is the content."""
    head = verb.head
    first = verb.left_edge
    if not (first.is_sent_start or (first.i > 0 and doc[first.i - 1].text in {",", "—", "("})):
        return []  # "as angry as he suggested": a comparison, not an attribution
    own = [c for c in verb.children if c.dep_ in {"nsubj", "agent"}]
    if not own:
        return []  # "as mentioned above": nobody in particular
    if verb.lemma_.lower() in _NOT_AS_CUES:
        return []  # "as he hinted at": a time clause
    skip = {t.i for t in verb.subtree}
    tokens = [t for t in head.subtree if t.i not in skip]
    return _clause_candidate(doc, tokens, verb, subject_of(verb), in_quote, full)


def _time_clause(verb: Token) -> bool:
    """ "As X announces that ...": an "as" clause with its own complement tells when, not who;
    a complement after the clause's comma is the main clause the parser hung on the cue."""
    comma = next((t for t in verb.doc[verb.i : verb.sent.end] if t.text == ","), None)
    limit = comma.i if comma is not None else verb.sent.end
    return any(c.dep_ == "ccomp" and c.i < limit for c in verb.children)


def _as_fronted(doc: Doc, verb: Token, in_quote: list[int], full: set[int]) -> list[Candidate]:
    """ "As Peskov told journalists, <clause>" parsed with the cue as the root: the clause is
    what follows the comma after the cue's own phrase."""
    sent = verb.sent
    if verb.dep_ != "ROOT" or sent[0].lower_ != "as" or verb.left_edge.i != sent.start:
        return []  # "as angry as he suggested": a comparison
    comma = next((t for t in doc[verb.i : sent.end] if t.text == ","), None)
    if comma is None or verb.lemma_.lower() in _NOT_AS_CUES:
        return []
    tokens = [t for t in doc[comma.i + 1 : sent.end] if not t.is_space]
    return _clause_candidate(doc, tokens, verb, subject_of(verb), in_quote, full)


def _trailing(doc: Doc, verb: Token, in_quote: list[int], full: set[int]) -> list[Candidate]:
    """ "<clause>, ministry spokesperson X told a weekly briefing.": a cue the parser joined to
    the clause as a conjunct; its subject sits right before it, after the clause's comma."""
    subject = subject_of(verb)
    if subject is None or subject.i != verb.i - 1 or verb.dep_ not in {"conj", "ROOT"}:
        return []
    if any(c.dep_ in _CLAUSAL_DEPS for c in verb.children):
        return []  # "said he would ...": the verb has its own content
    start = subject.left_edge.i  # "her ministry", "the bloc's secretary general"
    while start > verb.sent.start and doc[start - 1].pos_ in _NAME_PHRASE_POS:
        start -= 1
    if start <= verb.sent.start or doc[start - 1].text != ",":
        return []
    tokens = list(doc[verb.sent.start : start - 1])
    if not any(t.pos_ in {"VERB", "AUX"} and t.dep_ == "ROOT" for t in tokens):
        return []
    return _clause_candidate(doc, tokens, verb, subject, in_quote, full)


def _words_source(tok: Token) -> Token | None:
    """The X of "in X's words" / "in the words of X" (the cue is "in")."""
    if tok.lower_ != "in":
        return None
    words = next((c for c in tok.children if c.dep_ == "pobj" and c.lower_ == "words"), None)
    if words is None:
        return None
    poss = next((c for c in words.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    of = next((c for c in words.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None


def _according(doc: Doc, tok: Token, in_quote: list[int], full: set[int]) -> list[Candidate]:
    """ "According to X, <clause>", "<clause>, according to X", "In her words, <clause>"."""
    pobj = according_source(tok) or _words_source(tok)
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
) -> list[Candidate]:
    """The contiguous run of `tokens` next to the cue phrase, as one indirect statement."""
    before = [t for t in tokens if t.i < cue.i]
    after = [t for t in tokens if t.i > cue.i]
    run = after if len(after) >= len(before) else before
    if len(run) < _MIN_CLAUSE_TOKENS or any(in_quote[t.i] in full for t in run):
        return []
    text = clean_text(doc[run[0].i : run[-1].i + 1])
    return [Candidate(cue.i, "indirect", [text], [cue.sent], cue, subject)] if text else []
