"""Dependency-parse helpers: the subject of a reporting verb, its complement, and its guards.

Shared by the direct-quote and reported-speech passes so both read the parse the same way.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.pipeline.language.patterns import (
    APPEAL_VERBS,
    AUDIENCE_DEPS,
    DOCUMENT_NOUNS,
    HYPOTHETICAL_MARKERS,
    NEGATING_HEADS,
    QUESTION_WORDS,
    REPORTING_VERBS,
)

_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep", "ccomp"})
_TRIM = frozenset({",", ".", ";", ":", "—", "–", "-", '"', "“", "”", "'", "‘", "’", "«", "»"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»"})
_MAX_CLIMB = 4
_QUOTING = frozenset({"quote", "cite"})
_SAYING = frozenset(
    {"say", "tell", "write", "add", "warn", "state", "declare"}
)  # "Y quoted/cited X as saying", "X was quoted as saying"
_TEXT_KEY = "diplobot_text"
_HEDGES = frozenset({"only", "merely", "simply", "just", "also"})
_AUDIENCE_VERBS = frozenset({"tell", "inform", "assure", "brief"})
_ISSUING = frozenset({"release", "issue", "publish", "post", "send", "circulate", "distribute"})


def doc_text(doc: Doc) -> str:
    """The document's text, computed once (spaCy rebuilds `Doc.text` on every access)."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return cached


def is_cue(token: Token, verbs: frozenset[str] = REPORTING_VERBS) -> bool:
    """A verb (not a noun "statement" or an adjective) whose lemma reports speech."""
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in verbs


def according_source(token: Token) -> Token | None:
    """The X of "according to X" (or of "according to a statement from X")."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is not None and source.lemma_.lower() in DOCUMENT_NOUNS:
        return document_owner(source, pronoun=True)
    return source


def document_owner(subject: Token, pronoun: bool = False) -> Token | None:
    """X of "a statement from / released by X", "X's statement", "a Foreign Ministry statement":
    the body that issued the text ("his statement" only when `pronoun`)."""
    if subject.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    for child in subject.children:
        if child.dep_ == "poss" and (pronoun or child.pos_ != "PRON"):
            return child
        if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
        if child.dep_ == "acl" and child.lemma_ in _ISSUING:  # "a statement released by X"
            agent = next((g for g in child.children if g.dep_ == "agent"), None)
            if agent is not None:
                return next((g for g in agent.children if g.dep_ == "pobj"), None)
    named = [c for c in subject.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return named[-1] if named else None  # "a Foreign Ministry statement"


def subject_of(verb: Token) -> Token | None:
    """Who performs a reporting verb: its subject, passive agent, or that of the verb it hangs on.

    "X was quoted as saying" and "Lavrov, who said" are followed to X and Lavrov; a passive
    subject is the speaker only for "quoted" (in "X was told that", X is the audience).
    """
    current = verb
    for _ in range(_MAX_CLIMB):
        if current.lemma_ in _QUOTING and current.i != verb.i and verb.lemma_ in _SAYING:
            quoted = next((c for c in current.children if c.dep_ == "dobj"), None)
            if quoted is not None:
                return quoted  # "agencies quoted Lavrov as saying": Lavrov speaks
        for child in current.children:
            if child.dep_ == "nsubj" and child.tag_ in {"WP", "WDT"} and current.dep_ == "relcl":
                return current.head  # "Zhao Lijian, who said ...": the pronoun's antecedent
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and current.lemma_ in _QUOTING):
                return document_owner(child) or child
            if child.dep_ == "agent" and (current.i == verb.i or current.lemma_ in _QUOTING):
                # "was quoted by", a reduced passive "as noted by"; never the agent of another
                # verb the cue is conjoined to ("was joined by Franken and joked")
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ == "conj" and current.head.dep_ == "ccomp" and is_cue(current.head.head):
            current = current.head.head  # "told X that ... and stressed that": misattached conj
            continue
        if current.dep_ not in _CLIMB_DEPS or current.head.i == current.i:
            break
        if current.dep_ == "ccomp" and not is_cue(current.head):
            return None  # a reported clause's own verb never borrows the reporter's subject
        if current.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in current.head.children):
            return None  # "pushed Democrats to say": the object, not the subject, speaks
        nxt = current.head
        if current.tag_ == "VBG" and nxt.dep_ == "ccomp" and is_cue(nxt.head):
            nxt = nxt.head  # "told X that Y had ..., adding": the teller adds, not Y
        current = nxt
    return _inverted_object(verb) or _left_subject(verb)


def _inverted_object(verb: Token) -> Token | None:
    """ "<clause>, told the Armenian Foreign Ministry.": with the content before the verb and no
    subject, the noun after it is the speaker (machine-translated word order)."""
    deps = {c.dep_ for c in verb.children}
    if deps & {"nsubj", "nsubjpass"} or not any(
        c.dep_ == "ccomp" and c.i < verb.i for c in verb.children
    ):
        return None
    return next((c for c in verb.children if c.dep_ in {"dobj", "attr"} and c.i > verb.i), None)


def _left_subject(verb: Token) -> Token | None:
    """The noun just before a verb the parser failed to give a subject ("the 79-year-old told")."""
    if verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    if prev.pos_ in {"NOUN", "PROPN", "PRON"} or prev.lower_ == "old":
        return prev
    return None


def blocked(verb: Token) -> bool:
    """Reporting verbs that report nothing: negated, modal, conditional, or "declined to say"."""
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in {"aux", "mark"} and child.lower_ in HYPOTHETICAL_MARKERS:
            return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in NEGATING_HEADS:
        return True
    deps = {c.dep_ for c in verb.children}
    if verb.tag_ == "VB" and "aux" not in deps and not deps & {"nsubj", "nsubjpass"}:
        return True  # bare infinitive or imperative: "have her staff tell Clinton ..."
    if any(c.dep_ == "neg" for c in verb.head.children) and verb.dep_ == "xcomp":
        return True
    sent = verb.sent
    return sent[-1].text == "?" or (len(sent) > 1 and sent[-2].text == "?")


def complement(verb: Token) -> tuple[int, int] | None:
    """Token range of what a verb reports: its clausal complement, or object + infinitive."""
    comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is not None:
        if comp.left_edge.lower_ in QUESTION_WORDS:
            return None
        start = comp.left_edge.i
        if verb.doc[start].lower_ in _HEDGES and verb.doc[start + 1].lower_ == "that":
            start += 1  # "said only that ...": the hedge is the reporter's, not the content
        first = verb.doc[start]
        if verb.lemma_ in _AUDIENCE_VERBS and first.dep_ == "compound" and first.i == verb.i + 1:
            start += 1  # "told reporters Hungary would ...": the audience glued to the subject
        that = verb.doc[start]
        if that.lower_ == "that" and (that.dep_ == "mark" or that.tag_ in {"IN", "WDT"}):
            start += 1  # the complementizer, also when parsed as a relative pronoun
        end = comp.right_edge.i + 1
        for conj in (c for c in comp.children if c.dep_ == "conj" and is_cue(c)):
            cc = [c.i for c in comp.children if c.dep_ == "cc" and c.i < conj.i]
            cut = max(cc) if cc else conj.left_edge.i
            if _open_quotes(list(verb.doc[start:cut])):
                continue  # 'he "met X and stressed Y"': the second verb is inside his words
            end = min(end, cut)  # "... and stressed that ..."
        return start, end
    if verb.lemma_.lower() in APPEAL_VERBS:
        return _appeal(verb)
    return _misparsed_that_clause(verb)


def _misparsed_that_clause(verb: Token) -> tuple[int, int] | None:
    """ "told a briefing that Beijing opposed ...", "assured his counterpart that ...", "told X in
    a phone call that ...": the clause misparsed as a relative clause of the object."""
    if verb.lemma_ not in _AUDIENCE_VERBS:
        return None
    objects = [c for c in verb.children if c.dep_ in AUDIENCE_DEPS]
    preps = [c for c in verb.children if c.dep_ == "prep"]
    objects += [g for prep in preps for g in prep.children if g.dep_ == "pobj"]
    for obj in (o for o in objects if o.i > verb.i):
        for clause in (c for c in obj.children if c.dep_ in {"relcl", "acl"}):
            first = clause.left_edge
            has_subject = any(c.dep_ == "nsubj" and c.i != first.i for c in clause.children)
            if first.lower_ == "that" and first.i > obj.i and has_subject:
                return first.i + 1, clause.right_edge.i + 1
    return None


def _appeal(verb: Token) -> tuple[int, int] | None:
    """ "urged Russia to pull back", "called on all parties to ...", "called for a summit"."""
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubj"} and c.i > verb.i), None)
    called_on = False
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"on", "for"}):
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is None:
            continue
        if prep.lower_ == "for" and verb.lemma_ == "call":
            return pobj.left_edge.i, pobj.right_edge.i + 1
        obj, called_on = pobj, True
        xcomp = xcomp or next((c for c in pobj.children if c.dep_ in {"acl", "relcl"}), None)
    if verb.lemma_ == "call" and not called_on:
        return None  # "called the meeting useful", "a PAC called X": naming, not an appeal
    if obj is None or xcomp is None:
        return None
    return obj.left_edge.i, xcomp.right_edge.i + 1


def audience_of(verb: Token) -> Token | None:
    """The addressee of "told reporters" / "told RIA-Novosti" (not a pronoun)."""
    for child in verb.children:
        if child.dep_ in AUDIENCE_DEPS and child.pos_ != "PRON" and verb.lemma_ in _AUDIENCE_VERBS:
            return child
    return None


def clean_text(span: Span) -> str:
    """Span text without the punctuation and quote marks that hang on its edges."""
    tokens = list(span)
    while tokens and (tokens[0].text in _TRIM or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].text in _TRIM or tokens[-1].is_space):
        if tokens[-1].text in _QUOTE_MARKS and _open_quotes(tokens[:-1]):
            break  # keep the mark that closes a quoted phrase inside the clause
        tokens.pop()
    if not tokens:
        return ""
    return doc_text(span.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]


def _open_quotes(tokens: list[Token]) -> bool:
    """An odd number of quotation marks: a quoted phrase is still open."""
    return sum(1 for t in tokens if t.text in _QUOTE_MARKS) % 2 == 1


def clean_chars(text: str) -> str:
    """Quoted words without surrounding whitespace, trailing commas or stray marks."""
    return text.strip().strip("".join(_TRIM - {"."})).strip()
