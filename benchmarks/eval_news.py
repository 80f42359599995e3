"""Extraction quality on real published news: statements and upcoming meetings on news_dev.

Usage: python benchmarks/eval_news.py [DIR] [--half odd|even|all] [--verbose] [--save PRED.jsonl]
                                      [--pred PRED.jsonl]

DIR defaults to ../shared/data/news_dev (read in place, never copied into the repository). Each text
is copied to a temporary folder with its modification time set to the case's publication date,
and the real `diplobot preview --json` runs once over all of them, so the figures are exactly what
a user of `diplobot preview` (and the bot, which runs the same extractor) gets. The data set's
own scorer (DIR/score.py) decides what counts as found; this script adds the split into halves
(odd and even ids: tune on one, read the other only as a check) and the error counts by class.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "data" / "news_dev"
HALVES = ("all", "odd", "even")


def load_scorer(data_dir: Path) -> ModuleType:
    """Import the data set's scorer from where it lies, so our figures are the data set's own."""
    spec = importlib.util.spec_from_file_location("news_dev_score", data_dir / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"eval_news: no score.py in {data_dir}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_cases(data_dir: Path) -> list[dict[str, Any]]:
    with open(data_dir / "cases.jsonl", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def predict(data_dir: Path, cases: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Run the real `diplobot preview --json` over every text, dated by its publication day."""
    exe = Path(sys.executable).parent / "diplobot"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "bot"]
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for case in cases:
            dst = Path(tmp) / f"{case['id']}.txt"
            shutil.copy(data_dir / "texts" / f"{case['id']}.txt", dst)
            noon = datetime.fromisoformat(case["published"] + "T12:00:00+00:00").timestamp()
            os.utime(dst, (noon, noon))
            paths.append(str(dst))
        run = subprocess.run(
            [*command, "preview", "--json", *paths], capture_output=True, text=True, cwd=ROOT
        )
    if run.returncode not in (0, 1):
        raise SystemExit(f"eval_news: preview failed ({run.returncode}): {run.stderr[-500:]}")
    preds = {}
    for line in run.stdout.splitlines():
        if line.strip():
            item = json.loads(line)
            preds[Path(item["file"]).stem] = item
    lost = [case["id"] for case in cases if case["id"] not in preds]
    if lost:
        # A crashed preview must not read as an extractor that finds nothing.
        raise SystemExit(f"eval_news: no output for {', '.join(lost)}: {run.stderr[-500:]}")
    return preds


def in_half(case_id: str, half: str) -> bool:
    number = int("".join(ch for ch in case_id if ch.isdigit()) or 0)
    return half == "all" or (number % 2 == 1) == (half == "odd")


def statement_errors(
    scorer: ModuleType, cases: list[dict[str, Any]], preds: dict[str, dict[str, Any]]
) -> tuple[int, int]:
    """Missed gold statements split into 'not found at all' and 'found, wrong speaker'."""
    missed = wrong = 0
    for case in cases:
        stmts = preds.get(case["id"], {}).get("statements", [])
        for gold in case["quotes"]:
            content = [s for s in stmts if scorer.cue_in(s, gold, ("text", "evidence"))]
            if any(scorer.speaker_matches(s.get("speaker"), gold) for s in content):
                continue
            if content:
                wrong += 1
            else:
                missed += 1
    return missed, wrong


def rows(
    scorer: ModuleType, cases: list[dict[str, Any]], preds: dict[str, dict[str, Any]]
) -> tuple[list[str], list[str]]:
    statements, meetings = [], []
    for half in HALVES:
        part = [c for c in cases if in_half(c["id"], half)]
        full = scorer.score(part, preds, False, False)
        direct = scorer.score(part, preds, True, False)["quotes"]
        q, m = full["quotes"], full["meetings"]
        missed, wrong = statement_errors(scorer, part, preds)
        extra = q["pred"] - q["tp"]
        statements.append(
            f"| {half:<4} | {len(part):>8} | {q['gold']:>4} | {q['precision']:.2f}"
            f" | {q['recall']:.2f} | {q['f1']:.2f} | {direct['precision']:.2f} /"
            f" {direct['recall']:.2f} / {direct['f1']:.2f} | {q['kind_accuracy']:.2f}"
            f" | {missed:>6} | {wrong:>13} | {extra:>5} |"
        )
        meetings.append(
            f"| {half:<4} | {len(part):>8} | {m['gold']:>4} | {m['precision']:.2f}"
            f" | {m['recall']:.2f} | {m['f1']:.2f} | {m['date_exact']:.2f}"
            f" ({m['dated_matched']:>2}) |"
            f" {m['past_as_upcoming']:>16} |"
        )
    return statements, meetings


def print_tables(statements: list[str], meetings: list[str]) -> None:
    print("Statements (news_dev; speaker + cue as the data set's scorer counts them):\n")
    print(
        "| half | articles | gold |    P |    R |   F1 | direct P / R / F1  | kind "
        "| missed | wrong speaker | extra |"
    )
    print(
        "|------|----------|------|------|------|------|--------------------|------|--------|"
        "---------------|-------|"
    )
    print("\n".join(statements))
    print("\nUpcoming meetings (exact = start and end both right, over found dated meetings):\n")
    print("| half | articles | gold |    P |    R |   F1 | exact (n)  | past as upcoming |")
    print("|------|----------|------|------|------|------|------------|------------------|")
    print("\n".join(meetings))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--half", choices=HALVES, default="odd", help="half for --verbose")
    parser.add_argument("--verbose", action="store_true", help="print the scorer's error lines")
    parser.add_argument("--save", type=Path, help="write the predictions (JSON lines) here")
    parser.add_argument("--pred", type=Path, help="score these predictions instead of running")
    args = parser.parse_args(argv)
    if not (args.dir / "cases.jsonl").exists():
        print(f"eval_news: {args.dir} has no cases.jsonl", file=sys.stderr)
        return 2
    scorer = load_scorer(args.dir)
    cases = load_cases(args.dir)
    if args.pred:
        with open(args.pred, encoding="utf-8") as lines:
            items = [json.loads(line) for line in lines if line.strip()]
        preds = {scorer.case_id(item): item for item in items}
    else:
        preds = predict(args.dir, cases)
    if args.save:
        kept = [preds[c["id"]] for c in cases if c["id"] in preds]
        args.save.write_text("".join(json.dumps(item) + "\n" for item in kept))
    print_tables(*rows(scorer, cases, preds))
    if args.verbose:
        print(f"\nErrors on the {args.half} half:")
        scorer.score([c for c in cases if in_half(c["id"], args.half)], preds, False, True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
