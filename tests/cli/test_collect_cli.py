"""`diplobot collect` as a subprocess against local feeds, and killed mid-pass (crash safety)."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.migrate import upgrade
from storage.models import Article, ArticleSource, CollectionRun, StatementRow
from tests.cli.conftest import clean_environ
from tests.feedserver import FeedServer, load_articles, rss2, serve_feeds

server = pytest.fixture(serve_feeds, name="server")
ARTICLES = load_articles()


def _serve(server: FeedServer) -> str:
    server.pages(ARTICLES)
    server.static("/all.xml", rss2([(server.url(f"/news/{a.slug}.html"), a) for a in ARTICLES]))
    return server.url("/all.xml")


async def _start_collect(cwd: Path, db_url: str, feed: str) -> asyncio.subprocess.Process:
    env = clean_environ(DATABASE_URL=db_url, FEEDS=feed, ALLOW_PRIVATE_SOURCES="true")
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "collect",
        cwd=cwd, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


def _engine(db_url: str) -> Engine:
    return create_engine(db_url)


def _count(engine: Engine) -> int:
    with Session(engine) as s:
        return len(s.exec(select(Article.id)).all())


async def test_collect_prints_a_summary(tmp_path: Path, server: FeedServer) -> None:
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    proc = await _start_collect(tmp_path, db_url, _serve(server))
    out, err = await asyncio.wait_for(proc.communicate(), timeout=180)
    assert proc.returncode == 0, err.decode()
    text = out.decode()
    assert "sources polled   1" in text and f"new articles     {len(ARTICLES)}" in text
    assert "statements" in text and "meetings" in text and "[#" not in text  # no bar off a TTY


async def test_killed_mid_pass_leaves_whole_articles_and_next_pass_completes(
    tmp_path: Path, server: FeedServer
) -> None:
    db_url = f"sqlite:///{tmp_path / 'crash.db'}"
    upgrade(db_url)
    feed = _serve(server)
    server.delay_prefix = ("/news/", 0.6)  # pages trickle in, so the pass is caught half-way
    engine = _engine(db_url)
    proc = await _start_collect(tmp_path, db_url, feed)
    while _count(engine) == 0:  # kill as soon as the first articles are stored
        assert proc.returncode is None, "the pass ended before it could be killed"
        await asyncio.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    await proc.wait()

    with Session(engine) as s:
        half = s.exec(select(Article)).all()
        assert 0 < len(half) < len(ARTICLES)  # killed in the middle, as intended
        missing = len(ARTICLES) - len(half)
        _assert_whole(s)
        run = s.exec(select(CollectionRun)).one()
        assert run.finished_at is None

    server.delay_prefix = None
    proc = await _start_collect(tmp_path, db_url, feed)
    out, err = await asyncio.wait_for(proc.communicate(), timeout=180)
    assert proc.returncode == 0, err.decode()
    assert f"new articles     {missing}" in out.decode()
    with Session(engine) as s:
        rows = s.exec(select(Article)).all()
        assert sorted(a.url for a in rows) == sorted(
            server.url(f"/news/{a.slug}.html") for a in ARTICLES
        )
        _assert_whole(s)
        assert all(a.extracted for a in rows if a.relevant)
        assert s.exec(select(CollectionRun).where(CollectionRun.finished_at.is_not(None))).one()  # type: ignore[union-attr]
    engine.dispose()


def _assert_whole(s: Session) -> None:
    """Every stored article has its text and its source link; facts only for extracted ones."""
    linked = {link.article_id for link in s.exec(select(ArticleSource)).all()}
    extracted = {a.id for a in s.exec(select(Article)).all() if a.extracted}
    for article in s.exec(select(Article)).all():
        assert article.text and article.title and article.id in linked
    assert {st.article_id for st in s.exec(select(StatementRow)).all()} <= extracted
