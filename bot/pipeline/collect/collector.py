"""Feeds and pages into collected items: the network half of a collection pass, no storage.

`poll_feed` turns one source into entries (or a 304, or an error worth recording);
`collect_item` turns an entry into an item with the fullest text available: the feed's own
content when it is long, else the article page's main text, else the summary (marked so).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from bot.pipeline.collect.feeds import FeedEntry, parse_feed
from bot.pipeline.collect.fetch import FEED_ACCEPT, PAGE_ACCEPT, Fetcher, FetchError
from bot.pipeline.collect.netguard import BlockedURL
from bot.pipeline.collect.pages import extract_page
from bot.pipeline.collect.urls import canonical_url, content_hash

log = logging.getLogger(__name__)

# A feed body shorter than this is a teaser: the page is fetched for the story.
FULL_TEXT_MIN_WORDS = 120
# A feed date further ahead than this is a typo or a lie; the fetch time is used instead.
FUTURE_SLACK = timedelta(hours=2)

# Bounds on what one hostile feed can make a pass do: entries taken per poll, text kept per article.
MAX_ENTRIES_PER_POLL = 100
MAX_TEXT_CHARS = 100_000

PollStatus = Literal["ok", "not_modified", "error"]


@dataclass(frozen=True)
class FeedPoll:
    """One source polled: its entries, or that nothing changed, or why it failed."""

    status: PollStatus
    entries: tuple[FeedEntry, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    title: str = ""
    error: str | None = None


@dataclass(frozen=True)
class CollectedItem:
    """An entry ready to store: canonical URL, the best text found, and its dedup hash."""

    url: str
    guid: str | None
    title: str
    text: str
    published: datetime
    summary_only: bool
    content_hash: str


async def poll_feed(
    fetcher: Fetcher, url: str, *, etag: str | None = None, last_modified: str | None = None
) -> FeedPoll:
    """Conditional GET of a feed and its parse; never raises for a source's fault."""
    try:
        result = await fetcher.get(url, etag=etag, last_modified=last_modified, accept=FEED_ACCEPT)
    except (FetchError, BlockedURL) as exc:
        return FeedPoll(status="error", error=str(exc) or type(exc).__name__)
    if result.not_modified:
        return FeedPoll(status="not_modified", etag=etag, last_modified=last_modified)
    # A big feed takes feedparser a while: off the event loop, so the bot keeps answering.
    parsed = await asyncio.to_thread(
        parse_feed, result.body, url=result.url, content_type=result.content_type
    )
    if parsed.error:
        return FeedPoll(status="error", error=parsed.error)
    return FeedPoll(
        status="ok",
        entries=parsed.entries[:MAX_ENTRIES_PER_POLL],
        etag=result.etag,
        last_modified=result.last_modified,
        title=parsed.title,
    )


def entry_keys(entry: FeedEntry) -> tuple[str, str | None]:
    """The canonical URL and GUID an entry is deduplicated by, before any page is fetched."""
    return canonical_url(entry.link), entry.guid


def _published(entry: FeedEntry, page_date: datetime | None, now: datetime) -> datetime:
    when = entry.published or page_date or now
    return now if when > now + FUTURE_SLACK else when


async def _page_text(fetcher: Fetcher, url: str) -> tuple[str, datetime | None] | None:
    """The main text of the article page and its metadata date, or None when that fails."""
    try:
        result = await fetcher.get(url, accept=PAGE_ACCEPT)
    except (FetchError, BlockedURL) as exc:
        log.info("full text of %s not fetched: %s", url, exc)
        return None
    if not result.body:
        return None
    page = await asyncio.to_thread(extract_page, result.text(), result.url)
    if page is None:
        return None
    when = None
    if page.published is not None:
        when = datetime.combine(page.published, datetime.min.time(), tzinfo=UTC)
    return page.text, when


async def collect_item(fetcher: Fetcher, entry: FeedEntry, *, now: datetime) -> CollectedItem:
    """The entry with the fullest text available; a failed page keeps the summary, marked."""
    url = canonical_url(entry.link)
    text = entry.content if len(entry.content) >= len(entry.summary) else entry.summary
    summary_only = False
    page_date = None
    if len(text.split()) < FULL_TEXT_MIN_WORDS:
        page = await _page_text(fetcher, entry.link)
        if page is not None and len(page[0]) > len(text):
            text, page_date = page
        else:
            summary_only = True
    text = text[:MAX_TEXT_CHARS]
    title = (entry.title or text.split("\n", 1)[0])[:1000]
    return CollectedItem(
        url=url,
        guid=entry.guid,
        title=title,
        text=text,
        published=_published(entry, page_date, now),
        summary_only=summary_only,
        content_hash=content_hash(title, text),
    )
