"""Polling a feed and completing its entries' text against a real local server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest

from bot.pipeline.collect.collector import (
    FULL_TEXT_MIN_WORDS,
    MAX_ENTRIES_PER_POLL,
    MAX_TEXT_CHARS,
    collect_item,
    poll_feed,
)
from bot.pipeline.collect.feeds import FeedEntry
from bot.pipeline.collect.fetch import Fetcher, FetchLimits
from tests.feedserver import FeedServer, load_articles, rss2, serve_feeds

ARTICLES = load_articles()
NOW = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)

server = pytest.fixture(serve_feeds, name="server")


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with httpx.AsyncClient() as client:
        yield Fetcher(
            client=client,
            limits=FetchLimits(request_timeout=1, total_timeout=2),
            allow_private=True,
        )


def _items(server: FeedServer) -> list[tuple[str, object]]:
    return [(server.url(f"/news/{a.slug}.html?utm_source=rss"), a) for a in ARTICLES[:3]]


async def test_poll_then_not_modified(server: FeedServer, fetcher: Fetcher) -> None:
    server.static("/rss.xml", rss2(_items(server)))  # type: ignore[arg-type]
    first = await poll_feed(fetcher, server.url("/rss.xml"))
    assert first.status == "ok" and len(first.entries) == 3 and first.etag
    second = await poll_feed(fetcher, server.url("/rss.xml"), etag=first.etag)
    assert second.status == "not_modified" and second.entries == ()


async def test_a_huge_feed_is_cut_to_the_entry_limit(server: FeedServer, fetcher: Fetcher) -> None:
    many = [(server.url(f"/n/{i}.html"), ARTICLES[i % len(ARTICLES)]) for i in range(250)]
    server.static("/many.xml", rss2(many))  # type: ignore[arg-type]
    poll = await poll_feed(fetcher, server.url("/many.xml"))
    assert len(poll.entries) == MAX_ENTRIES_PER_POLL
    assert poll.entries[0].link == server.url("/n/0.html")  # the feed's own order: newest first


async def test_poll_errors_are_values(server: FeedServer, fetcher: Fetcher) -> None:
    server.status("/500", 500)
    server.static("/page.html", "<html><body><p>Hello</p></body></html>", "text/html")
    assert (await poll_feed(fetcher, server.url("/500"))).error == "HTTP 500"
    assert "not an RSS" in str((await poll_feed(fetcher, server.url("/page.html"))).error)
    assert (await poll_feed(fetcher, "gopher://x/")).status == "error"


async def test_short_summary_gets_the_page_text(server: FeedServer, fetcher: Fetcher) -> None:
    server.pages(ARTICLES)
    a = ARTICLES[0]
    entry = FeedEntry(
        link=server.url(f"/news/{a.slug}.html?utm_medium=x#top"),
        title=a.title,
        summary=a.teaser,
    )
    item = await collect_item(fetcher, entry, now=NOW)
    assert not item.summary_only
    assert item.url == server.url(f"/news/{a.slug}.html")
    assert a.paragraphs[2] in item.text and "Copyright" not in item.text
    assert item.published.date() == a.published.date()  # from the page's metadata


async def test_failed_page_keeps_the_summary_marked(server: FeedServer, fetcher: Fetcher) -> None:
    server.status("/gone.html", 500)
    entry = FeedEntry(link=server.url("/gone.html"), title="T", summary="Short teaser.")
    item = await collect_item(fetcher, entry, now=NOW)
    assert item.summary_only and item.text == "Short teaser." and item.published == NOW


async def test_long_feed_content_needs_no_page(server: FeedServer, fetcher: Fetcher) -> None:
    body = " ".join(["word"] * (FULL_TEXT_MIN_WORDS + 5))
    entry = FeedEntry(
        link=server.url("/never.html"), title="T", summary="s", content=body, published=NOW
    )
    item = await collect_item(fetcher, entry, now=NOW)
    assert item.text == body and not item.summary_only
    assert server.hits["/never.html"] == 0


async def test_text_and_title_are_bounded(fetcher: Fetcher) -> None:
    long_text = "word " * 50_000
    entry = FeedEntry(link="http://127.0.0.1:9/x", title="T" * 5000, summary="s", content=long_text)
    item = await collect_item(fetcher, entry, now=NOW)
    assert len(item.text) == MAX_TEXT_CHARS and len(item.title) == 1000


async def test_future_dates_are_clamped(fetcher: Fetcher) -> None:
    future = datetime(2030, 1, 1, tzinfo=UTC)
    entry = FeedEntry(
        link="http://127.0.0.1:9/x", title="T", summary=" ".join(["w"] * 200), published=future
    )
    assert (await collect_item(fetcher, entry, now=NOW)).published == NOW
