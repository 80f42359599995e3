"""Admin commands: refusal for everyone else, SSRF-checked sources, a collection pass, stats."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from sqlmodel import select

from bot.pipeline.collect.fetch import FetchLimits
from bot.pipeline.types import Article, ArticleFacts
from bot.services import FETCH_LIMITS_KEY, Services
from handlers.admin import REFUSED, USAGE_ADDSOURCE, USAGE_REMOVESOURCE
from storage.engine import session_scope
from storage.models import Source
from tests.e2e import seed
from tests.fakebot.fixtures import ADMIN_ID, GROUP_ID, USER_ID, RunningBot
from tests.feedserver import FeedServer, load_articles, rss2


def source_urls(bot: RunningBot) -> list[str]:
    with session_scope(bot.services.engine) as session:
        return list(session.exec(select(Source.url)).all())


@pytest.mark.parametrize(
    "command",
    ["/addsource https://example.org/rss", "/removesource 1", "/sources", "/collect", "/stats"],
)
async def test_non_admins_are_refused(bot: RunningBot, command: str) -> None:
    assert (await bot.ask(USER_ID, command)).text == REFUSED
    group = await bot.ask(GROUP_ID, command, user_id=USER_ID, chat_type="supergroup")
    assert group.text == REFUSED
    assert source_urls(bot) == []


async def test_addsource_refuses_private_addresses_and_bad_urls(bot: RunningBot) -> None:
    for url in (
        "http://127.0.0.1:8080/feed.xml",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/rss",
        "http://10.0.0.7/rss",
    ):
        answer = await bot.ask(ADMIN_ID, f"/addsource {url}")
        assert answer.text.startswith("Refused: "), answer.text
    for text in (
        "/addsource",
        "/addsource ftp://example.org/rss",
        "/addsource not a url",
        "/addsource https://" + "a" * 3000,
    ):
        assert (await bot.ask(ADMIN_ID, text)).text == USAGE_ADDSOURCE
    assert source_urls(bot) == []


class NoFactsExtractor:
    """The collection's extraction step without spaCy: every article yields no facts."""

    def extract_many(self, articles: list[Article]) -> list[ArticleFacts]:
        return [ArticleFacts() for _ in articles]

    def extract(self, _article: Article) -> ArticleFacts:
        return ArticleFacts()


@pytest.fixture
async def feeds() -> AsyncIterator[FeedServer]:
    server = await FeedServer().start()
    articles = load_articles()[:2]
    server.pages(articles)
    server.static(
        "/rss.xml",
        rss2([(server.url(f"/news/{a.slug}.html"), a) for a in articles]),
        content_type="application/rss+xml",
    )
    yield server
    await server.stop()


async def test_admin_adds_lists_collects_and_removes(
    bot_factory: Callable[..., Any], feeds: FeedServer
) -> None:
    def customize(services: Services) -> None:
        services.extractor = NoFactsExtractor()
        services.state[FETCH_LIMITS_KEY] = FetchLimits(request_timeout=2, total_timeout=5)

    async with bot_factory(allow_private_sources=True, customize=customize) as bot:
        url = feeds.url("/rss.xml")
        added = await bot.ask(ADMIN_ID, f"/addsource {url}")
        assert added.text == f"Added source #1: {url}"
        again = await bot.ask(ADMIN_ID, f"/addsource {url}")
        assert again.text == f"Already there: source #1: {url}"
        listing = await bot.ask(ADMIN_ID, "/sources")
        assert listing.text == f"1 sources\n#1 {url} · ok"
        assert (await bot.ask(ADMIN_ID, "/collect")).text == "Collecting…"
        done = await bot.fake.wait_for_message(ADMIN_ID, within=30)
        assert done.text.startswith("Collection done: 1 sources polled, 0 failed, 2 new articles")
        stats = await bot.ask(ADMIN_ID, "/stats")
        assert "Today: 0 articles" not in stats.text  # the clock is fixed; fetched is real time
        assert "Last collection: " in stats.text and "never" not in stats.text
        assert (await bot.ask(ADMIN_ID, "/removesource x")).text == USAGE_REMOVESOURCE
        assert (await bot.ask(ADMIN_ID, "/removesource 7")).text == "No source #7. See /sources."
        removed = await bot.ask(ADMIN_ID, "/removesource 1")
        assert removed.text == f"Removed source #1: {url}"
        assert source_urls(bot) == []


async def test_stats_counts_chats_and_topics(bot: RunningBot) -> None:
    seed.january_talks(bot.services.engine)
    await bot.ask(USER_ID, "/subscribe Russia")
    stats = await bot.ask(ADMIN_ID, "/stats")
    lines = stats.text.split("\n")
    assert lines[0] == "Stats"
    assert lines[1] == "Chats: 1 · active subscribers: 1"
    assert lines[2] == "Topics followed: 1"
    assert lines[4] == "Last collection: never"
    assert bot.fake.token not in stats.html
