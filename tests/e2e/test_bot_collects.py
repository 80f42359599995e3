"""The bot left running polls its feeds on schedule and stores extracted articles each interval."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from bot.services import Services
from storage.models import Article, MeetingRow, StatementRow
from tests.feedserver import FeedServer, load_articles, rss2, serve_feeds

server = pytest.fixture(serve_feeds, name="server")

# A few seconds per "interval" keeps the test short while the job runs exactly as in production.
INTERVAL_MINUTES = 0.05


def _counts(services: Services) -> tuple[int, int, int, int]:
    with Session(services.engine) as session:
        articles = session.exec(select(func.count()).select_from(Article)).one()
        extracted = session.exec(
            select(func.count()).select_from(Article).where(Article.extracted)
        ).one()
        statements = session.exec(select(func.count()).select_from(StatementRow)).one()
        meetings = session.exec(select(func.count()).select_from(MeetingRow)).one()
    return articles, extracted, statements, meetings


def _publish(server: FeedServer, count: int) -> list[Any]:
    articles = [a for a in load_articles() if "football" not in a.slug][:count]
    server.pages(articles)
    items = [(server.url(f"/news/{a.slug}.html"), a) for a in articles]
    server.static("/wire.xml", rss2(items))
    return articles


async def test_new_articles_are_stored_and_extracted_within_one_interval(
    bot_factory: Callable[..., Any], server: FeedServer
) -> None:
    _publish(server, 1)

    def customize(services: Services) -> None:
        services.feeds = (server.url("/wire.xml"),)
        services.allow_private_sources = True
        services.collect_interval_minutes = INTERVAL_MINUTES
        services.collect_first_delay_seconds = 0.2

    async with bot_factory(customize=customize) as running:
        fake, services = running.fake, running.services
        first = await fake.wait_until(lambda: _counts(services)[1] >= 1 or None, within=60)
        assert first
        articles, extracted, statements, meetings = _counts(services)
        assert (articles, extracted) == (1, 1)
        assert statements >= 1 and meetings >= 1

        # A story published later is picked up by the next scheduled pass, not by a restart.
        _publish(server, 2)
        running.clock.advance(minutes=1)
        second = await fake.wait_until(lambda: _counts(services)[1] >= 2 or None, within=30)
        assert second
        assert _counts(services)[0] == 2
        assert server.hits["/wire.xml"] >= 2
