"""Collecting news: the guarded HTTP client, feeds, article pages and the relevance pre-filter.

Feeds and pages in, `CollectedItem`s out; knows neither spaCy nor the extractors. Every fetch goes
through `Fetcher` (the SSRF guard of `netguard` pinned on the connection, size and time caps).
"""

from bot.pipeline.collect.collector import (
    MAX_TEXT_CHARS,
    CollectedItem,
    FeedPoll,
    collect_item,
    entry_keys,
    poll_feed,
)
from bot.pipeline.collect.feeds import FeedEntry, parse_feed
from bot.pipeline.collect.fetch import (
    FEED_ACCEPT,
    PAGE_ACCEPT,
    Fetcher,
    FetchError,
    FetchLimits,
    make_client,
)
from bot.pipeline.collect.netguard import BlockedURL, check_scheme, check_source_url
from bot.pipeline.collect.pages import Page, extract_page
from bot.pipeline.collect.relevance import is_relevant
from bot.pipeline.collect.urls import canonical_url, content_hash, host_of

__all__ = [
    "FEED_ACCEPT",
    "MAX_TEXT_CHARS",
    "PAGE_ACCEPT",
    "BlockedURL",
    "CollectedItem",
    "FeedEntry",
    "FeedPoll",
    "FetchError",
    "FetchLimits",
    "Fetcher",
    "Page",
    "canonical_url",
    "check_scheme",
    "check_source_url",
    "collect_item",
    "content_hash",
    "entry_keys",
    "extract_page",
    "host_of",
    "is_relevant",
    "make_client",
    "parse_feed",
    "poll_feed",
]
