"""Subjects the parser gets wrong: a dateline taken for the subject, a name split from its long
title, conjoined subjects. Read by the speaker resolver; pure functions over the parse."""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.language.patterns import DATELINE
from bot.pipeline.language.phrases import entity_of
from bot.pipeline.statements.attribution import doc_text

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def subject_or_conjunct(root: Token) -> Token | None:
    """The root itself when it is a subject or a conjunct of one ("A and B held talks")."""
    if root.dep_ in SUBJECT_DEPS:
        return root
    if root.dep_ == "appos":
        root = root.head  # "A and his counterpart B held talks": B names the conjunct
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return root if first is not root and first.dep_ in SUBJECT_DEPS else None


def dateline(head: Token) -> bool:
    """The place of a wire dateline opening a paragraph ("LONDON (Reuters) -", "MOSCOW, Dec 1
    (TASS) -"), which the parser may take for the subject of the sentence after it."""
    if head.i > 0 and not (head.doc[head.i - 1].is_space or head.is_sent_start):
        return False
    return DATELINE.match(doc_text(head.doc)[head.idx : head.idx + 160]) is not None


def later_subject(head: Token) -> Token | None:
    """Another subject of the same verb after `head`."""
    return next((c for c in head.head.children if c.dep_ in SUBJECT_DEPS and c.i > head.i), None)


def split_subject(head: Token) -> Token | None:
    """The name the parser made a second subject after a long title: "Secretary General of the
    six-nation bloc Tariq al-Mansouri said" (title and name adjacent, nothing between)."""
    for sibling in head.head.children:
        if sibling.i > head.i and sibling.dep_ in SUBJECT_DEPS and sibling.ent_type_ == "PERSON":
            ent = entity_of(sibling)
            start = min(sibling.left_edge.i, ent.start if ent is not None else sibling.i)
            return sibling if start == head.right_edge.i + 1 else None
    return None
