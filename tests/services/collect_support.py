"""Shared set-up for the collection tests: a Services over a test database and local feeds."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.pipeline.collect.fetch import FetchLimits
from bot.services import FETCH_LIMITS_KEY, Services
from storage.engine import session_scope
from storage.models import Article, ArticleSource, Source
from tests.feedserver import FeedServer, FixtureArticle, atom, load_articles, rss2

HOSTILE_TITLE = "<script>alert(1)</script>Arctic ministers & <b>envoys</b> to meet in Tromso"
NOW = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)
ARTICLES = load_articles()
BY_SLUG = {a.slug: a for a in ARTICLES}
# Timeouts well above what a loaded test machine needs to serve a local feed (at 0.5 s a slow
# answer became a failure now and then), and below the 5 s slow feed and the 10 s drip.
TEST_LIMITS = FetchLimits(
    request_timeout=2.0, total_timeout=4.0, max_body_bytes=2_000_000, max_decoded_bytes=4_000_000
)


class Clock:
    """An injectable clock the tests move forward."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make_services(engine: Engine, feeds: list[str], extractor: Any, clock: Clock) -> Services:
    services = Services(
        engine=engine,
        feeds=tuple(feeds),
        allow_private_sources=True,
        clock=clock,
        extractor=extractor,
        collect_interval_minutes=15,
    )
    services.state[FETCH_LIMITS_KEY] = TEST_LIMITS
    return services


def items(
    server: FeedServer, slugs: list[str], query: str = ""
) -> list[tuple[str, FixtureArticle]]:
    return [(server.url(f"/news/{s}.html{query}"), BY_SLUG[s]) for s in slugs]


def serve_good_feeds(server: FeedServer) -> dict[str, str]:
    """RSS 2.0 and Atom feeds with pages behind them, the same story in two feeds, odd bytes."""
    server.pages(ARTICLES)
    server.static("/rss.xml", rss2(items(server, ["cl01_vienna_talks", "cl02_ceasefire_call"])))
    server.static("/atom.xml", atom(items(server, ["cl03_un_council", "cl06_football"])))
    # The same wire story in two feeds: once with tracking parameters, once full-text.
    server.static("/dup-a.xml", rss2(items(server, ["cl04_trade_visit"], "?utm_source=a#x")))
    server.static("/dup-b.xml", rss2(items(server, ["cl04_trade_visit"]), full=True))
    bad_bytes = rss2(items(server, ["cl05_sanctions"])).encode().replace(b"Monday", b"Mon\xffday")
    server.static("/latin.xml", bad_bytes.replace(b"Hungary", b"Hun\xe9gary"))
    hostile = replace(BY_SLUG["cl07_arctic_council"], title=HOSTILE_TITLE)
    server.static("/script.xml", rss2([(server.url("/news/cl07_arctic_council.html"), hostile)]))
    return {name: server.url(f"/{name}") for name in (
        "rss.xml", "atom.xml", "dup-a.xml", "dup-b.xml", "latin.xml", "script.xml"
    )}  # fmt: skip


def serve_bad_feeds(server: FeedServer) -> dict[str, str]:
    """Every way a source can break: each must fail alone, with its error recorded."""
    server.static("/malformed.xml", b"<?xml version='1.0'?><rss><channel><item><title>x</ti")
    server.status("/500.xml", 500)
    server.slow("/slow.xml", 5)
    server.huge("/huge.xml", 20_000_000)
    server.redirect("/loop.xml", "/loop.xml")
    server.static("/page.html", "<html><body><h1>Our news</h1><p>Hi</p></body></html>", "text/html")
    server.gzip_bomb("/bomb.xml", 60_000_000)
    server.drip("/drip.xml", interval=0.1, count=100)
    names = ("malformed.xml", "500.xml", "slow.xml", "huge.xml", "loop.xml", "page.html")
    return {name: server.url(f"/{name}") for name in (*names, "bomb.xml", "drip.xml")}


def stored(engine: Engine) -> list[Article]:
    with session_scope(engine) as s:
        return list(s.exec(select(Article).order_by(Article.id)).all())  # type: ignore[arg-type]


def sources_by_url(engine: Engine) -> dict[str, Source]:
    with session_scope(engine) as s:
        return {src.url: src for src in s.exec(select(Source)).all()}


def links(engine: Engine) -> set[tuple[int, int]]:
    with session_scope(engine) as s:
        return {(r.article_id, r.source_id) for r in s.exec(select(ArticleSource)).all()}
