"""A collection pass against a real local server: good sources stored once, bad ones recorded.

Runs the real extractor (spaCy model loaded once per session) on our own fixture articles.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.pipeline.extractor import Extractor
from bot.services import collect_once
from handlers.collect_job import notify_disabled
from storage.engine import session_scope
from storage.models import CollectionRun, MeetingArticle, StatementRow
from storage.sources import MAX_CONSECUTIVE_FAILURES
from tests.feedserver import FeedServer, rss2, serve_feeds
from tests.services.collect_support import (
    BY_SLUG,
    HOSTILE_TITLE,
    TEST_LIMITS,
    Clock,
    items,
    links,
    make_services,
    serve_bad_feeds,
    serve_good_feeds,
    sources_by_url,
    stored,
)

server = pytest.fixture(serve_feeds, name="server")
INTERVAL = timedelta(minutes=15)


async def test_mixed_sources_pass(engine: Engine, server: FeedServer, extractor: Extractor) -> None:
    good, bad = serve_good_feeds(server), serve_bad_feeds(server)
    clock = Clock()
    services = make_services(engine, [*good.values(), *bad.values()], extractor, clock)

    summary = await collect_once(services)

    assert summary.sources_polled == len(good) + len(bad)
    assert summary.failed == len(bad) and len(summary.errors) == len(bad)
    rows = stored(engine)
    urls = sorted(r.url for r in rows)
    assert urls == sorted({server.url(f"/news/{slug}.html") for slug in BY_SLUG})
    assert summary.new_articles == len(rows) == len(BY_SLUG)
    by_slug = {r.url.rsplit("/", 1)[1].removesuffix(".html"): r for r in rows}
    # Full text came from the pages (the feeds only carry teasers), as plain paragraphs.
    vienna = by_slug["cl01_vienna_talks"]
    assert BY_SLUG["cl01_vienna_talks"].paragraphs[3] in vienna.text and not vienna.summary_only
    assert by_slug["cl07_arctic_council"].title == "Arctic ministers & envoys to meet in Tromso"
    assert "<" not in by_slug["cl07_arctic_council"].title and "<" in HOSTILE_TITLE
    # Non-diplomacy is stored as such and never parsed; diplomacy is extracted.
    assert not by_slug["cl06_football"].relevant and not by_slug["cl06_football"].extracted
    assert all(r.extracted for r in rows if r.relevant)
    assert summary.relevant == sum(r.relevant for r in rows) >= 5
    # The same story from two feeds: one article, both sources linked.
    srcs = sources_by_url(engine)
    trade = by_slug["cl04_trade_visit"].id
    assert {(trade, srcs[good["dup-a.xml"]].id), (trade, srcs[good["dup-b.xml"]].id)} <= links(
        engine
    )
    _assert_bad_sources_recorded(srcs, bad, clock)
    with session_scope(engine) as s:
        assert len(s.exec(select(StatementRow)).all()) == summary.statements > 0
        assert len(s.exec(select(MeetingArticle)).all()) >= summary.meetings > 0
        run = s.exec(select(CollectionRun)).one()
        assert run.finished_at is not None and run.summary["new_articles"] == len(rows)


def _assert_bad_sources_recorded(srcs: dict[str, Any], bad: dict[str, str], clock: Clock) -> None:
    expected = {
        "malformed.xml": "malformed feed",
        "500.xml": "HTTP 500",
        "slow.xml": "timed out",
        "huge.xml": "over the limit",
        "loop.xml": "redirects",
        "page.html": "not an RSS",
        "bomb.xml": "decoded body over the limit",
        "drip.xml": f"within {TEST_LIMITS.total_timeout:g}s",
    }
    for name, url in bad.items():
        src = srcs[url]
        assert expected[name] in (src.last_error or ""), (name, src.last_error)
        assert src.consecutive_failures == 1 and src.enabled
        assert src.next_poll_at == clock.now + 2 * INTERVAL  # backed off: twice the interval


async def test_second_pass_costs_only_304s(
    sqlite_engine: Engine, server: FeedServer, extractor: Extractor
) -> None:
    good = serve_good_feeds(server)
    clock = Clock()
    services = make_services(sqlite_engine, list(good.values()), extractor, clock)
    await collect_once(services)
    page_hits = sum(n for path, n in server.hits.items() if path.startswith("/news/"))
    before = stored(sqlite_engine)

    clock.now += INTERVAL
    again = await collect_once(services)

    assert again.not_modified == again.sources_polled == len(good)
    assert again.new_articles == again.failed == 0
    assert sum(server.not_modified.values()) == len(good)
    assert sum(n for path, n in server.hits.items() if path.startswith("/news/")) == page_hits
    assert [(a.id, a.url) for a in stored(sqlite_engine)] == [(a.id, a.url) for a in before]


async def test_sources_not_due_are_not_polled(
    sqlite_engine: Engine, server: FeedServer, extractor: Extractor
) -> None:
    good = serve_good_feeds(server)
    clock = Clock()
    services = make_services(sqlite_engine, [good["rss.xml"]], extractor, clock)
    await collect_once(services)
    clock.now += timedelta(minutes=5)
    assert (await collect_once(services)).sources_polled == 0
    assert server.hits["/rss.xml"] == 1


async def test_changed_feed_stores_only_the_new_item(
    sqlite_engine: Engine, server: FeedServer, extractor: Extractor
) -> None:
    serve_good_feeds(server)
    clock = Clock()
    services = make_services(sqlite_engine, [server.url("/grow.xml")], extractor, clock)
    server.static("/grow.xml", rss2(items(server, ["cl01_vienna_talks"])))
    assert (await collect_once(services)).new_articles == 1
    server.static("/grow.xml", rss2(items(server, ["cl02_ceasefire_call", "cl01_vienna_talks"])))
    clock.now += INTERVAL
    summary = await collect_once(services)
    assert (summary.new_articles, summary.not_modified) == (1, 0)
    assert server.hits["/news/cl01_vienna_talks.html"] == 1  # a known item's page is not refetched
    assert len(stored(sqlite_engine)) == 2


async def test_passes_never_overlap(
    sqlite_engine: Engine, server: FeedServer, extractor: Extractor
) -> None:
    server.slow("/slowish.xml", 0.3)
    services = make_services(sqlite_engine, [server.url("/slowish.xml")], extractor, Clock())
    first, second = await asyncio.gather(collect_once(services), collect_once(services))
    assert sorted([first.skipped, second.skipped]) == [False, True]
    assert server.hits["/slowish.xml"] == 1


async def test_without_extractor_articles_wait_for_the_next_pass(
    sqlite_engine: Engine, server: FeedServer, extractor: Extractor
) -> None:
    good = serve_good_feeds(server)
    clock = Clock()
    services = make_services(sqlite_engine, [good["rss.xml"]], None, clock)
    first = await collect_once(services)
    assert first.new_articles == 2 and first.extracted == 0
    assert any("extractor unavailable" in e for e in first.errors)
    assert not any(a.extracted for a in stored(sqlite_engine))

    services.extractor = extractor
    clock.now += timedelta(minutes=1)  # not due yet: only the waiting articles are extracted
    second = await collect_once(services)
    assert (second.sources_polled, second.extracted) == (0, 2)
    assert all(a.extracted for a in stored(sqlite_engine))


async def test_a_broken_source_is_disabled_and_admins_told_once(
    sqlite_engine: Engine, server: FeedServer, extractor: Extractor
) -> None:
    server.status("/down.xml", 503)
    clock = Clock()
    services = make_services(sqlite_engine, [server.url("/down.xml")], extractor, clock)
    services.admin_ids = frozenset({11, 22})
    bot = RecordingBot()
    disabled: list[str] = []
    for _ in range(MAX_CONSECUTIVE_FAILURES + 2):
        summary = await collect_once(services)
        disabled += summary.disabled
        await notify_disabled(services, bot)  # type: ignore[arg-type]
        clock.now += timedelta(days=1, minutes=1)
    assert disabled == [server.url("/down.xml")]
    assert server.hits["/down.xml"] == MAX_CONSECUTIVE_FAILURES
    assert sorted(chat for chat, _text in bot.sent) == [11, 22]
    assert all("/down.xml" in text and "HTTP 503" in text for _chat, text in bot.sent)


class RecordingBot:
    """Records send_message calls: the notice is plain text, so nothing else is needed."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []

    async def send_message(self, chat_id: int, text: str, **_kwargs: Any) -> None:
        self.sent.append((chat_id, text))


async def test_same_text_at_two_addresses_is_one_article_but_thin_items_are_not(
    sqlite_engine: Engine, server: FeedServer, extractor: Extractor
) -> None:
    story = BY_SLUG["cl05_sanctions"]
    server.pages([story])
    server.pages([story], prefix="/mirror/")  # a syndicating site: same copy, other address
    server.static("/a.xml", rss2([(server.url(f"/news/{story.slug}.html"), story)]))
    server.static("/b.xml", rss2([(server.url(f"/mirror/{story.slug}.html"), story)]))
    thin = [replace(story, slug=f"brief{n}", title="Press briefing") for n in (1, 2)]
    teaserless = rss2([(server.url(f"/gone/{a.slug}.html"), a) for a in thin])
    server.static("/thin.xml", teaserless.replace(f"<description>{story.teaser}", "<description>"))
    feeds = [server.url(p) for p in ("/a.xml", "/b.xml", "/thin.xml")]
    summary = await collect_once(make_services(sqlite_engine, feeds, extractor, Clock()))
    rows = stored(sqlite_engine)
    assert summary.new_articles == len(rows) == 3
    briefs = [r for r in rows if r.title == "Press briefing"]
    assert len(briefs) == 2 and all(r.summary_only and not r.text for r in briefs)
    (sanctions,) = [r for r in rows if r.title == story.title]
    srcs = sources_by_url(sqlite_engine)
    assert {(sanctions.id, srcs[feeds[0]].id), (sanctions.id, srcs[feeds[1]].id)} <= links(
        sqlite_engine
    )
