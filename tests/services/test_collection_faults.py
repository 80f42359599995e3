"""Faults inside the pass itself: a bug on one source, an article that breaks the extractor."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from bot.pipeline.extractor import Extractor
from bot.pipeline.types import Article, ArticleFacts
from bot.services import collect_once, collection
from tests.feedserver import FeedServer, serve_feeds
from tests.services.collect_support import (
    Clock,
    make_services,
    serve_good_feeds,
    sources_by_url,
    stored,
)

server = pytest.fixture(serve_feeds, name="server")


class BreaksOnOne:
    """The real extractor, except that one article makes it raise (a parser bug on odd input)."""

    def __init__(self, inner: Extractor, poison: str) -> None:
        self.inner, self.poison = inner, poison

    def extract(self, article: Article) -> ArticleFacts:
        if self.poison in article.title:
            raise ValueError("parser fell over")
        return self.inner.extract(article)

    def extract_many(self, articles: Sequence[Article], batch_size: int = 16) -> list[ArticleFacts]:
        return [self.extract(a) for a in articles]


async def test_one_bad_article_does_not_cost_the_others_their_facts(
    sqlite_engine: Engine, server: FeedServer, extractor: Extractor
) -> None:
    good = serve_good_feeds(server)
    breaking = BreaksOnOne(extractor, poison="Kenyan president")
    services = make_services(sqlite_engine, [good["rss.xml"]], breaking, Clock())
    summary = await collect_once(services)
    rows = stored(sqlite_engine)
    assert len(rows) == 2 and all(r.extracted for r in rows)  # no retry loop on the bad one
    assert summary.extracted == 2 and summary.statements > 0  # the good one has its facts


async def test_a_bug_on_one_source_is_recorded_and_the_rest_continue(
    sqlite_engine: Engine,
    server: FeedServer,
    extractor: Extractor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = serve_good_feeds(server)
    real_poll = collection.poll_feed

    async def buggy(fetcher: Any, url: str, **kwargs: Any) -> Any:
        if url == good["atom.xml"]:
            raise KeyError("unexpected")
        return await real_poll(fetcher, url, **kwargs)

    monkeypatch.setattr(collection, "poll_feed", buggy)
    clock = Clock()
    services = make_services(sqlite_engine, [good["atom.xml"], good["rss.xml"]], extractor, clock)
    summary = await collect_once(services)
    assert summary.errors == [f"{good['atom.xml']}: internal error KeyError"]
    assert summary.new_articles == 2
    broken = sources_by_url(sqlite_engine)[good["atom.xml"]]
    assert broken.consecutive_failures == 1
    assert broken.next_poll_at == clock.now + timedelta(minutes=30)
