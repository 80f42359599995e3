"""A new user's first look, end to end: a wire story of 31 Dec 2021 about the January talks.

The story (our own rewrite) dates the talks in one sentence ("talks scheduled for January 9-10")
and places them in another ("The Geneva talks will be led by ..."), announces a call "on Sunday"
and reports a past call. Collected from a local feed by the real bot, /upcoming and the digest
must show the talks with their place and both parties, the coming call, and not the past one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from bot.services import Services
from storage.models import Article
from tests.fakebot.fixtures import USER_ID, FakeClock
from tests.feedserver import FeedServer, FixtureArticle, rss2, serve_feeds

server = pytest.fixture(serve_feeds, name="server")
STORY = Path(__file__).parent.parent / "fixtures" / "e2e" / "wire_2021_12_31.txt"
PUBLISHED = datetime(2021, 12, 31, 9, 0, tzinfo=UTC)


def _story() -> FixtureArticle:
    title, _, body = STORY.read_text(encoding="utf-8").partition("\n\n")
    paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
    return FixtureArticle("january-talks", title.strip(), paragraphs, PUBLISHED)


def _extracted(services: Services) -> bool | None:
    with Session(services.engine) as session:
        return bool(session.exec(select(Article).where(Article.extracted)).first()) or None


async def test_upcoming_and_digest_show_the_geneva_talks_and_the_coming_call(
    bot_factory: Callable[..., Any], server: FeedServer
) -> None:
    story = _story()
    server.pages([story])
    server.static("/wire.xml", rss2([(server.url(f"/news/{story.slug}.html"), story)]))

    def customize(services: Services) -> None:
        services.feeds = (server.url("/wire.xml"),)
        services.allow_private_sources = True
        services.collect_first_delay_seconds = 0.2
        # APScheduler counts the first pass from when the job is added: a start-up longer than
        # 0.2 s (a loaded machine) moves it a whole interval on, so the interval is short too.
        services.collect_interval_minutes = 0.05

    clock = FakeClock(now=datetime(2021, 12, 31, 15, 0, tzinfo=UTC))
    async with bot_factory(customize=customize, clock=clock) as running:
        assert await running.fake.wait_until(lambda: _extracted(running.services), within=60)
        upcoming = (await running.ask(USER_ID, "/upcoming")).text
        digest = (await running.ask(USER_ID, "/digest")).text

    for answer in (upcoming, digest):
        lines = answer.splitlines()
        talks = [line for line in lines if "US–Russia talks" in line]
        assert len(talks) == 1, answer
        assert "Sun 9 – Mon 10 Jan · Geneva · US–Russia talks" in talks[0]
        call = [line for line in lines if "Biden–Zelensky" in line]
        assert len(call) == 1 and "Sun 2 Jan" in call[0], answer
        assert "Biden–Putin" not in answer  # the 50-minute call is over
