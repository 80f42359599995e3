"""Scale-out benchmark: a backlog of articles and of due digests drained by 1 and by 2 workers.

Real `diplobot worker` processes on one PostgreSQL database (a fresh schema per run, from
TEST_POSTGRES_URL) and a fake Bot API in this process (TELEGRAM_MAX_RATE=1000, so pacing is not
the limit). Each run waits until every worker has loaded spaCy (its heartbeat row appears), then
stores the article backlog and times it drained; then makes the digests due and times them from
the first outbox row scheduled to the last one sent. Duplicate work is counted three ways:
articles extracted by more than one worker (the workers' recorded passes), statements stored
beyond what one worker stores from the same backlog (an article stored twice would add all of its
statements again), and chats that got more than one digest. Meetings are shown, not compared:
which reports merge into one event may depend on the order the articles are stored in. The
projection for 4 and 8 workers multiplies the per-worker rate measured with 2 workers, which
assumes a core per worker and a database that keeps up.

    .venv/bin/python benchmarks/bench_scale.py [--articles 160] [--digests 1500] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from storage.engine import make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import CollectionRun, Delivery, WorkerBeat  # noqa: E402
from tests.e2e.digest_procs import digests_per_chat, finished, seed  # noqa: E402
from tests.fakebot import FakeBotServer  # noqa: E402
from tests.scale_support import seed_backlog, start_role, stop_role, work_done  # noqa: E402

BASE = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def fresh_schema() -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(BASE)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    url = make_url(BASE).update_query_dict({"options": f"-csearch_path={schema}"})
    rendered = url.render_as_string(hide_password=False)
    upgrade(rendered)
    return rendered, schema


def drop_schema(schema: str) -> None:
    admin = make_engine(BASE)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def query(url: str, fn):  # type: ignore[no-untyped-def]
    engine = make_engine(url)
    try:
        with Session(engine) as s:
            return fn(s)
    finally:
        engine.dispose()


def beats(url: str) -> int:
    return int(query(url, lambda s: s.exec(select(func.count()).select_from(WorkerBeat)).one()))


def extracted_by_runs(url: str) -> int:
    runs = query(url, lambda s: list(s.exec(select(CollectionRun.summary))))
    return sum(int(r.get("extracted", 0)) for r in runs)


def digest_span(url: str) -> float:
    first, last = query(
        url,
        lambda s: s.exec(select(func.min(Delivery.created_at), func.max(Delivery.sent_at))).one(),
    )
    return (last - first).total_seconds()


async def one_run(workers: int, n_articles: int, n_digests: int) -> dict[str, float]:
    url, schema = fresh_schema()
    fake = FakeBotServer()
    await fake.start()
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    procs = [
        await start_role(fake, url, work, f"w{i}", "worker", rate=1000, WORKER_DISPATCH_SECONDS="1")
        for i in range(workers)
    ]
    try:
        await fake.wait_until(lambda: beats(url) >= workers, within=300)
        seed_backlog(url, n_articles)
        start = time.perf_counter()
        await fake.wait_until(lambda: work_done(url)["waiting"] == 0, within=1800)
        articles_s = time.perf_counter() - start
        await asyncio.sleep(1.5)  # the last passes record their summaries
        chats = seed(url, fake, n_digests)
        await fake.wait_until(lambda: finished(url, len(chats)), within=1800)
        await asyncio.sleep(1.0)
    finally:
        for p in procs:
            await stop_role(p)
        await fake.stop()
    done = work_done(url)
    per_chat = digests_per_chat(fake)
    result = {
        "articles_per_s": n_articles / articles_s,
        "digests_per_s": n_digests / digest_span(url),
        "dup_extractions": extracted_by_runs(url) - n_articles,
        "statements": done["statements"],
        "meetings": done["meetings"],
        "dup_digests": sum(n - 1 for n in per_chat.values()),
        "missing_digests": n_digests - len(per_chat),
    }
    drop_schema(schema)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=160)
    parser.add_argument("--digests", type=int, default=1500)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}; backlog {args.articles} articles, {args.digests} digests")
    print(
        "workers  articles/s  digests/s  dup extractions  statements (extra)  meetings  "
        "dup digests  missing"
    )
    results: dict[int, dict[str, float]] = {}
    for n in args.workers:
        r = asyncio.run(one_run(n, args.articles, args.digests))
        results[n] = r
        # Facts stored twice would show as more statements than one worker stores.
        extra = r["statements"] - results[min(results)]["statements"]
        print(
            f"{n:>7}  {r['articles_per_s']:>10.2f}  {r['digests_per_s']:>9.1f}  "
            f"{r['dup_extractions']:>15}  {r['statements']:>10} ({extra:>+4})  "
            f"{r['meetings']:>8}  {r['dup_digests']:>11}  {r['missing_digests']:>7}"
        )
    top = max(results)
    per_worker_a = results[top]["articles_per_s"] / top
    per_worker_d = results[top]["digests_per_s"] / top
    base = results[min(results)]
    print(
        f"baseline (1 worker): {base['articles_per_s']:.2f} articles/s, "
        f"{base['digests_per_s']:.1f} digests/s; per worker with {top}: "
        f"{per_worker_a:.2f} articles/s ({1000 / per_worker_a:.0f} ms each), "
        f"{per_worker_d:.1f} digests/s"
    )
    for n in (4, 8):
        print(
            f"projected {n} workers (a core each): {n * per_worker_a:.1f} articles/s, "
            f"{n * per_worker_d:.0f} digests/s"
        )


if __name__ == "__main__":
    main()
