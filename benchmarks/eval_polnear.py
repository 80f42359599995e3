"""PolNeAR (real US election news, attribution-annotated): quote detection and speaker accuracy.

Read from the corpus folder at run time and never copied. brat standoff: `T` lines are spans
(Source, Cue, Content; a Content may be discontinuous, `a b;c d`), `E` lines tie them into one
attribution. One annotator's file per article (the first in name order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bot.pipeline.extractor import Extractor, article_text
from bot.pipeline.types import Article

try:  # imported as benchmarks.eval_polnear or, from a script in benchmarks/, as eval_polnear
    from benchmarks.scoring import (
        Item,
        Score,
        match,
        matched_pairs,
        named,
        same_speaker,
        textacy_quotes,
    )
except ModuleNotFoundError:
    from scoring import (  # type: ignore[no-redef]
        Item,
        Score,
        match,
        matched_pairs,
        named,
        same_speaker,
        textacy_quotes,  # type: ignore[no-redef]
    )

_QUOTES = ('"', "“", "”", "''")


@dataclass
class PolnearResult:
    """Counts gathered over the corpus."""

    rows: dict[str, Score] = field(default_factory=dict)
    speaker_hits: dict[str, list[int]] = field(default_factory=dict)
    articles: int = 0


def _quoted(content: str, before: str) -> bool:
    """A Content span that opens with, or follows, a quotation mark (NYT writes '' for ")."""
    head = content.strip()
    return head.startswith(_QUOTES) or any(q in before for q in _QUOTES)


def read_ann(text: str, ann: str) -> list[Item]:
    """Attributions of one .ann file as gold items (speaker = Source text as annotated)."""
    spans: dict[str, tuple[str, str]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            pieces = [tuple(int(x) for x in o.split()) for o in offsets.split(";")]
            content = " ".join(text[a:b] for a, b in pieces)
            before = text[max(0, pieces[0][0] - 2) : pieces[0][0]]
            kind = "direct" if _quoted(content, before) else "indirect"
            spans[parts[0]] = (label, content if label != "Content" else kind + "\t" + content)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    items = []
    for event in events:
        content = spans.get(event.get("Content", ""), ("", ""))[1]
        if "\t" not in content:
            continue
        kind, words = content.split("\t", 1)
        source = spans.get(event.get("Source", ""), ("", ""))[1]
        items.append(Item(source, kind, words))
    return items


def load(folder: Path) -> list[tuple[Article, list[Item]]]:
    """Articles (title on the first line) with the first annotator's attributions."""
    loaded = []
    for txt in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        raw = txt.read_text(encoding="utf-8")
        gold = read_ann(raw, anns[0].read_text(encoding="utf-8"))
        title, _, body = raw.partition("\n")
        article = Article(title.strip(), body.strip(), datetime(2016, 11, 1, tzinfo=UTC))
        loaded.append((article, gold))
    return loaded


def _speaker_accuracy(result: PolnearResult, name: str, gold: list[Item], pred: list[Item]) -> None:
    """Among content matches whose gold Source is a name, how often the speaker agrees."""
    hits = result.speaker_hits.setdefault(name, [0, 0])
    for gi, pi in matched_pairs(gold, pred, speakers=False):
        if named(gold[gi].speaker):
            hits[1] += 1
            hits[0] += same_speaker(gold[gi].speaker, pred[pi].speaker)


def evaluate_polnear(extractor: Extractor, folder: Path) -> PolnearResult:
    """Quote detection P/R (content only) and speaker accuracy, ours against textacy."""
    data = load(folder)
    result = PolnearResult(articles=len(data))
    docs = extractor.nlp.pipe((article_text(a) for a, _ in data), batch_size=16)
    for (article, gold), doc in zip(data, docs, strict=True):
        pred = [Item(s.speaker, s.kind, s.text) for s in extractor.facts(doc, article).statements]
        baseline = textacy_quotes(doc)
        gold_direct = [g for g in gold if g.kind == "direct"]
        gold_named = [g for g in gold if named(g.speaker)]
        rows = {
            "ours: all attributions": match(gold, pred, speakers=False),
            "ours: named sources (R)": match(gold_named, pred, speakers=False),
            "ours: direct quotes": match(
                gold_direct, [p for p in pred if p.kind == "direct"], False
            ),
            "textacy: direct quotes": match(gold_direct, baseline, speakers=False),
        }
        for key, score in rows.items():
            result.rows.setdefault(key, Score()).add(score)
        _speaker_accuracy(result, "ours", gold, pred)
        _speaker_accuracy(result, "textacy", gold_direct, baseline)
    return result


def print_polnear(result: PolnearResult) -> None:
    """Print the PolNeAR tables."""
    print(f"\nPolNeAR ({result.articles} articles): detection by content (Dice >= 0.5)")
    print(f"| {'measure':<24} | {'P':>5} | {'R':>5} | gold | pred |")
    print(f"|{'-' * 26}|{'-' * 7}|{'-' * 7}|------|------|")
    for name, score in result.rows.items():
        p, r, _ = score.row()
        shown = "    -" if name.endswith("(R)") else f"{p:5.2f}"  # recall-only row
        print(f"| {name:<24} | {shown} | {r:5.2f} | {score.gold:4} | {score.pred:4} |")
    print("\n| speaker accuracy (named Source) | correct | matched | accuracy |")
    print("|---------------------------------|---------|---------|----------|")
    for name, (ok, total) in result.speaker_hits.items():
        print(f"| {name:<31} | {ok:7} | {total:7} | {ok / total if total else 0:8.2f} |")
