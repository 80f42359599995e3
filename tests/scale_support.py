"""Several diplobot processes on one PostgreSQL database: a backlog to share, roles to start,
and the checks that no unit of work was done twice. Used by the e2e tests and bench_scale.py.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import signal
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage import articles, sources
from storage.engine import make_engine, session_scope
from storage.models import Article, MeetingArticle, MeetingRow, StatementRow
from tests.fakebot import FakeBotServer

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def seed_backlog(url: str, count: int) -> int:
    """`count` relevant, unextracted articles (our fixtures, repeated under new URLs)."""
    texts = sorted(ARTICLES.glob("*.txt"))
    engine = make_engine(url)
    with session_scope(engine) as s:
        source, _new = sources.add_source(session=s, url="https://wire.example/feed")
        source.enabled = False  # the articles are there already; nothing to poll
        s.flush()
        for i in range(count):
            title, _, body = texts[i % len(texts)].read_text(encoding="utf-8").partition("\n\n")
            copy = f"{title.strip()} ({i})"  # its own story: a repeat is not the same content
            articles.store_article(
                session=s,
                source_id=int(source.id or 0),
                url=f"https://wire.example/{i}",
                title=copy,
                text=body,
                published=datetime(2026, 3, 6, 9, tzinfo=UTC),
                content_hash=hashlib.sha256(copy.encode()).hexdigest(),
                relevant=True,
            )
    engine.dispose()
    return count


def work_done(url: str) -> dict[str, int]:
    """Articles waiting, and copies that would mean a unit of work was done twice."""
    engine = make_engine(url)
    with Session(engine) as s:
        waiting = s.exec(
            select(func.count())
            .select_from(Article)
            .where(col(Article.relevant).is_(True), col(Article.extracted).is_(False))
        ).one()
        claimed = s.exec(
            select(func.count()).select_from(Article).where(col(Article.claimed_by).is_not(None))
        ).one()
        statements = Counter(
            s.exec(select(StatementRow.article_id, StatementRow.speaker, StatementRow.text))
        )
        meetings = Counter(s.exec(select(MeetingRow.key)))
        links = s.exec(select(func.count()).select_from(MeetingArticle)).one()
    engine.dispose()
    return {
        "waiting": int(waiting),
        "claimed": int(claimed),
        "statements": sum(statements.values()),
        "duplicate_statements": sum(n - 1 for n in statements.values()),
        "meetings": sum(meetings.values()),
        "duplicate_meetings": sum(n - 1 for n in meetings.values()),
        "meeting_links": int(links),
    }


async def start_role(
    fake: FakeBotServer,
    url: str,
    workdir: Path,
    name: str,
    command: str,
    *,
    rate: float = 30,
    **env: str,
) -> asyncio.subprocess.Process:
    """`diplobot COMMAND` as a process against the fake Bot API; output in workdir/NAME.log."""
    full_env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "DATABASE_URL": url,
        "FEEDS": "",
        "COLLECT_INTERVAL_MINUTES": "1440",
        "TELEGRAM_MAX_RATE": str(rate),
        "TELEGRAM_CHAT_RATE": "20",
        "WORKER_IDLE_SECONDS": "0.5",
        "LOG_LEVEL": "INFO",
        **env,
    }
    log = (workdir / f"{name}.log").open("ab")
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", command, cwd=workdir, env=full_env, stdout=log, stderr=log
    )


async def stop_role(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()
