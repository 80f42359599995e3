"""Who said what: direct quotations and reported speech attributed to named speakers.

Quotes are found by a character scanner (quotes.py), mapped onto the parse, and attributed
through the reporting verb outside them; reported speech is the clausal complement of a
reporting verb, "according to X", or "as X noted". Speakers are resolved by speakers.py; a
statement whose speaker cannot be named is dropped rather than guessed.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from bot.pipeline.language.patterns import DATELINE
from bot.pipeline.statements.attribution import audience_of, doc_text
from bot.pipeline.statements.direct import Candidate, direct_candidates, map_quotes
from bot.pipeline.statements.reported import indirect_candidates
from bot.pipeline.statements.speakers import Speaker, SpeakerResolver
from bot.pipeline.types import Article, Statement

_JOIN = " … "
_LEDE_WORDS = 12
_QUOTED_WORDS = 4
_QUOTED = re.compile(r"[\"“«]([^\"“”«»]+)(?:[\"”»]|$)")
_CONTINUING = frozenset({"add", "continue"})
# Participles that continue the statement they hang on: "said ..., noting that ...".
_ADDING = frozenset(
    {"add", "note", "stress", "emphasize", "emphasise", "say", "underline", "underscore",
     "point", "warn", "insist", "explain", "reiterate", "recall", "highlight", "state"}
)  # fmt: skip
_HOST_CLIMB = 3  # "..., he added": the last speaker goes on
# Page furniture a scraper leaves before the text: "date 2023-06-06", "ADVERTISEMENT".
_FURNITURE = re.compile(r"(?:(?:date\s+\d{4}-\d{2}-\d{2}|ADVERTISEMENT)\s+)+")
# After such furniture, a place and a colon or a double hyphen: "Cairo:", "BRUSSELS --".
_SHORT_DATELINE = re.compile(r"[A-Z][A-Za-z.'-]{1,20}(?: [A-Z][A-Za-z.'-]{1,20})?\s*(?::|--)\s+")
_TRAILING_TAG = re.compile(r"\[[^\]\n]{1,40}\]\s*$")
_CLOSERS = "\"'”’»"
_CUE_PHRASES = {
    "according": "according to",
    "in": "in the words of",
    "made": "made clear",
    "makes": "makes clear",
}


def extract_statements(doc: Doc, article: Article) -> list[Statement]:
    """Statements in a parsed article; the headline (when parsed with the body) is never used."""
    body_start = _body_start(doc, article)
    dateline_end = _dateline_end(doc, body_start)
    quotes = map_quotes(doc, body_start)
    in_quote = [-1] * len(doc)
    for q in quotes:
        for tok in q.tokens:
            in_quote[tok.i] = q.index
    direct = direct_candidates(doc, quotes, in_quote)
    used = {c.cue.i for c in direct if c.cue is not None}
    indirect = indirect_candidates(doc, quotes, in_quote, body_start, used)
    candidates = _join_additions(sorted(direct + indirect, key=lambda c: c.position))
    for cand in candidates:
        if cand.subject is not None and cand.subject.i < dateline_end:
            cand.subject = _subject_after(cand.cue, dateline_end)
        elif cand.subject is not None and (end := _paragraph_dateline_end(cand.subject)):
            cand.subject = _subject_after(cand.cue, end)
    return _resolve(doc, candidates, _dateline_pieces(doc, body_start, dateline_end))


def _join_additions(candidates: list[Candidate]) -> list[Candidate]:
    """ "X said ..., adding / noting / stressing that ...": one statement, the participle's clause
    joined to the statement it hangs on (dropped when that statement's clause already holds it)."""
    by_cue = {c.cue.i: c for c in candidates if c.cue is not None and c.kind == "indirect"}
    kept = []
    for cand in candidates:
        host = _host(cand, by_cue)
        if host is not None:
            if not any(cand.texts[0] in text for text in host.texts):
                host.texts.append(cand.texts[0])
            continue
        kept.append(cand)
    return kept


def _host(cand: Candidate, by_cue: dict[int, Candidate]) -> Candidate | None:
    """The statement a participle addition ("..., noting that ...") continues, if any."""
    cue = cand.cue
    if cue is None or cand.kind != "indirect" or cue.tag_ != "VBG" or cue.lemma_ not in _ADDING:
        return None
    head = cue
    for _ in range(_HOST_CLIMB):
        if head.head.i == head.i or head.dep_ not in {"advcl", "xcomp", "conj", "ccomp"}:
            return None
        head = head.head
        host = by_cue.get(head.i)
        if host is not None and host is not cand:
            return host
    return None


def _subject_after(cue: Token | None, dateline_end: int) -> Token | None:
    """ "BRUSSELS (Wire) -- Kallas told ...": the parser may make the dateline's place the
    subject; the cue's other subject after the dateline speaks, never the place."""
    if cue is None:
        return None
    subjects = [c for c in cue.children if c.dep_ == "nsubj"]
    subjects += [a for c in subjects for a in c.children if a.dep_ == "appos"]
    return next((c for c in subjects if c.i >= dateline_end), None)


def _body_start(doc: Doc, article: Article) -> int:
    """Index of the first body token when the doc starts with the article's title.

    A "title" that is a whole sentence (a scraped text whose first line is the lede, "X will
    visit Y next week, the ministry said.") is body: its attribution is the article's first."""
    title = article.title.strip()
    if not title or not doc_text(doc).startswith(title) or _is_lede(title):
        return 0
    span = doc.char_span(0, len(title), alignment_mode="expand")
    return span.end if span is not None else 0


def _is_lede(title: str) -> bool:
    """A first line that reads as a sentence: long and closed by a full stop (headlines are not)."""
    line = _TRAILING_TAG.sub("", title).rstrip(_CLOSERS)  # "... said Monday.[Video]"
    long_words = [w for w in line.split() if len(w) >= 4 and w[:1].isalpha()]
    if long_words and sum(w[:1].isupper() for w in long_words) >= 0.9 * len(long_words):
        return False  # "Kellner Says He Will Not Meet The Premier.": a title-case headline
    return len(line.split()) >= _LEDE_WORDS and line.endswith(".")


def _paragraph_dateline_end(subject: Token) -> int:
    """ "Deck line.\n\nSALEM, Ore. - ..., X promised ...": a dateline opening a later paragraph
    that the parser made the subject (its head the place's last word): the index after it, else
    0."""
    first = subject.left_edge
    doc = subject.doc
    if first.i == 0 or not doc[first.i - 1].is_space or "\n" not in doc[first.i - 1].text:
        return 0
    match = DATELINE.match(doc_text(doc)[first.idx : first.idx + 160])
    if match is None or first.idx + match.end() <= subject.idx:
        return 0
    span = doc.char_span(first.idx, first.idx + match.end(), alignment_mode="expand")
    return span.end if span is not None else 0


def _dateline_end(doc: Doc, body_start: int) -> int:
    """Index of the first token after a wire dateline at the start of the body (else the start)."""
    first = body_start
    while first < len(doc) and doc[first].is_space:
        first += 1  # the paragraph break after the title
    if first >= len(doc):
        return body_start
    start_char = doc[first].idx
    head = doc_text(doc)[start_char : start_char + 160]
    furniture = _FURNITURE.match(head)
    skip = furniture.end() if furniture else 0
    rest = head[skip:]
    match = DATELINE.match(rest) or (_SHORT_DATELINE.match(rest) if skip else None)
    end = skip + (match.end() if match else 0)
    if end == 0:
        return body_start
    span = doc.char_span(start_char, start_char + end, alignment_mode="expand")
    return span.end if span is not None else body_start


def _dateline_pieces(doc: Doc, body_start: int, dateline_end: int) -> list[str]:
    """The dateline's text and its tails ("March 4 (Wire) -"), longest first: a clause the
    parser glued to the dateline starts with one of them."""
    if dateline_end <= body_start or dateline_end >= len(doc):
        return []
    text, end = doc_text(doc), doc[dateline_end].idx
    pieces = [text[doc[i].idx : end].strip() for i in range(body_start, dateline_end)]
    return [p for p in pieces if p]


def _resolve(doc: Doc, candidates: list[Candidate], dateline: list[str]) -> list[Statement]:
    """Resolve speakers in document order (so pronouns see earlier speakers) and build output."""
    resolver = SpeakerResolver(doc)
    statements: list[Statement] = []
    seen: set[tuple[str, str]] = set()
    for cand in candidates:
        if cand.subject is None:
            continue
        continues = cand.cue is not None and cand.cue.lemma_ in _CONTINUING
        speaker = resolver.resolve(cand.subject, continues)
        if speaker is None:
            continue
        resolver.remember(cand.subject.i, speaker)
        text = _balanced(_JOIN.join(cand.texts))
        if cand.kind == "indirect":
            text = next((text[len(p) :].lstrip() for p in dateline if text.startswith(p)), text)
        key = (speaker.name, text.casefold())
        if key in seen:
            continue
        seen.add(key)
        statements.append(_statement(doc, cand, speaker, text))
    return statements


def _statement(doc: Doc, cand: Candidate, speaker: Speaker, text: str) -> Statement:
    """Assemble the public Statement from a resolved candidate."""
    cue = cand.cue
    audience = audience_of(cue) if cue is not None else None
    sents = sorted(
        {s.start: s for s in [*cand.sents, *([cue.sent] if cue else [])]}.values(),
        key=lambda s: s.start,
    )
    evidence = doc_text(doc)[sents[0].start_char : sents[-1].end_char].strip()
    cue_text = "said" if cue is None else _CUE_PHRASES.get(cue.lower_, cue.text)
    return Statement(
        speaker=speaker.name,
        kind="direct" if cand.kind == "direct" or _quotes_words(text) else "indirect",
        text=text,
        evidence=evidence,
        cue_verb=cue_text,
        role=speaker.role,
        affiliation=speaker.affiliation,
        audience=_audience_text(audience),
        speaker_type=speaker.type,
    )


def _balanced(text: str) -> str:
    """Close a quotation the clause cut before its closing mark ('he had "thanked X')."""
    if text.count('"') % 2:
        return text + '"'
    return text + "”" if text.count("“") > text.count("”") else text


def _quotes_words(text: str) -> bool:
    """Reported speech that quotes the speaker's own words at length ('he will "travel to the
    capital later this week"') is direct; a quoted phrase of three words or fewer is not."""
    quoted = [len(m.group(1).split()) for m in _QUOTED.finditer(text)]
    return bool(quoted) and max(quoted) >= _QUOTED_WORDS and 2 * sum(quoted) >= len(text.split())


def _audience_text(token: Token | None) -> str | None:
    """The audience's noun phrase as written."""
    if token is None:
        return None
    doc = token.doc
    return doc_text(doc)[token.left_edge.idx : token.right_edge.idx + len(token.right_edge)]
