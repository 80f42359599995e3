"""Scoring shared by the statement evaluations: matching predicted to gold statements.

A predicted statement matches a gold one when the speakers agree (same surname or head word,
tolerant of transliteration) and the contents overlap: token Dice coefficient >= THRESHOLD over
lower-cased word tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from spacy.tokens import Doc

THRESHOLD = 0.5
_WORD = re.compile(r"\w+")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "his", "her"})


@dataclass(frozen=True)
class Item:
    """One statement reduced to what the evaluation compares."""

    speaker: str
    kind: str
    text: str


@dataclass
class Score:
    """Counts for precision and recall."""

    tp_pred: int = 0
    tp_gold: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.tp_pred += other.tp_pred
        self.tp_gold += other.tp_gold
        self.pred += other.pred
        self.gold += other.gold

    def row(self) -> tuple[float, float, float]:
        p = self.tp_pred / self.pred if self.pred else 0.0
        r = self.tp_gold / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return _WORD.findall(text.casefold())


def dice(a: str, b: str) -> float:
    """Token Dice coefficient (bag of words) between two texts."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    return 2 * common / (len(wa) + len(wb))


def same_speaker(gold: str, pred: str) -> bool:
    """Surname (last word) equal or one transliteration apart, or one name inside the other."""
    g, p = words(gold), words(pred)
    if not g or not p:
        return False
    if g[-1] in {p[0], p[-1]} or set(g) <= set(p) or set(p) <= set(g):  # "Mr. Lou" ~ "Lou Jiwei"
        return True
    return SequenceMatcher(None, g[-1], p[-1]).ratio() >= 0.8


def match(gold: Sequence[Item], pred: Sequence[Item], speakers: bool = True) -> Score:
    """Precision/recall counts of a one-to-one matching."""
    found = matched_pairs(gold, pred, speakers)
    return Score(len(found), len(found), len(pred), len(gold))


def matched_pairs(
    gold: Sequence[Item], pred: Sequence[Item], speakers: bool = True
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by content overlap, speaker agreement required if asked."""
    pairs = sorted(
        (
            (dice(g.text, p.text), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
            if not speakers or same_speaker(g.speaker, p.speaker)
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    found: list[tuple[int, int]] = []
    for overlap, gi, pi in pairs:
        if overlap >= THRESHOLD and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            found.append((gi, pi))
    return found


def textacy_quotes(doc: Doc) -> list[Item]:
    """The baseline: textacy's direct quotations on the same parsed document."""
    from textacy.extract.triples import direct_quotations

    found: list[Item] = []
    try:
        for triple in direct_quotations(doc):
            speaker = " ".join(t.text for t in triple.speaker)
            found.append(Item(speaker, "direct", triple.content.text.strip("\"“”' ")))
    except (IndexError, ValueError, AttributeError):
        pass  # textacy raises on some unbalanced quotes; count that as nothing found
    return found


def named(source: str) -> bool:
    """A PolNeAR Source that is a name (capitalised words, not a pronoun or a description)."""
    tokens = source.split()
    if not tokens or tokens[0].casefold() in _PRONOUNS:
        return False
    capitals = [t for t in tokens if t[:1].isupper() and t.casefold() not in {"the", "a", "an"}]
    return bool(capitals) and len(tokens) <= 4
