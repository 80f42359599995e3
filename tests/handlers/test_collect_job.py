"""The scheduled collection job: registered under its name, running a pass, telling admins once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from telegram.error import Forbidden
from telegram.ext import ApplicationBuilder

from bot.services import Services
from handlers import collect_job
from handlers.services import SERVICES_KEY
from storage import sources
from storage.engine import session_scope
from tests.feedserver import FeedServer, serve_feeds
from tests.services.collect_support import NOW, Clock, make_services

server = pytest.fixture(serve_feeds, name="server")


class FlakyBot:
    """The first admin has blocked the bot; the notice must still reach the second."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str, Any]] = []

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> None:
        if chat_id == 1:
            raise Forbidden("bot was blocked by the user")
        self.sent.append((chat_id, text, kwargs.get("parse_mode")))


def test_job_registered_with_the_interval(sqlite_engine: Engine) -> None:
    application = ApplicationBuilder().token("123:abc").build()
    application.bot_data[SERVICES_KEY] = Services(engine=sqlite_engine, collect_interval_minutes=7)
    collect_job.register(application)
    assert application.job_queue is not None
    (job,) = application.job_queue.get_jobs_by_name(collect_job.JOB_COLLECT)
    assert job.job.trigger.interval == timedelta(minutes=7)


async def test_first_pass_runs_when_the_scheduler_starts_late(sqlite_engine: Engine) -> None:
    application = ApplicationBuilder().token("123:abc").build()
    services = Services(engine=sqlite_engine, collect_interval_minutes=15)
    services.collect_first_delay_seconds = 0.05
    application.bot_data[SERVICES_KEY] = services
    collect_job.register(application)
    queue = application.job_queue
    assert queue is not None
    await asyncio.sleep(0.3)  # start-up slower than the first delay
    await queue.start()
    try:
        (first,) = queue.get_jobs_by_name(collect_job.JOB_COLLECT_FIRST)
        (repeating,) = queue.get_jobs_by_name(collect_job.JOB_COLLECT)
        # Due now (it was not pushed an interval later), and the repeating pass comes after it.
        assert first.next_t is not None and first.next_t <= datetime.now(UTC)
        assert repeating.next_t is not None
        assert repeating.next_t - first.next_t >= timedelta(minutes=14)
    finally:
        await queue.stop(wait=False)


async def test_notice_is_plain_text_sent_once_despite_a_blocked_admin(
    sqlite_engine: Engine,
) -> None:
    with session_scope(sqlite_engine) as s:
        sid = sources.add_source(session=s, url="http://bad.example/<b>feed</b>")[0].id
        for _ in range(sources.MAX_CONSECUTIVE_FAILURES):
            sources.record_failure(
                session=s, source_id=sid, now=NOW, interval=timedelta(minutes=15), error="HTTP 500"
            )
    services = Services(engine=sqlite_engine, admin_ids=frozenset({1, 2}))
    bot = FlakyBot()
    assert await collect_job.notify_disabled(services, bot) == 1  # type: ignore[arg-type]
    assert await collect_job.notify_disabled(services, bot) == 0  # type: ignore[arg-type]
    ((chat, text, mode),) = bot.sent
    assert chat == 2 and mode is None
    assert "http://bad.example/<b>feed</b> (HTTP 500)" in text


async def test_job_runs_a_pass_and_reports_the_source_it_disabled(
    sqlite_engine: Engine, server: FeedServer
) -> None:
    server.status("/down.xml", 502)
    url = server.url("/down.xml")
    with session_scope(sqlite_engine) as s:
        sid = sources.add_source(session=s, url=url)[0].id
        for _ in range(sources.MAX_CONSECUTIVE_FAILURES - 1):
            sources.record_failure(
                session=s, source_id=sid, now=NOW, interval=timedelta(minutes=15), error="x"
            )
    clock = Clock(NOW + timedelta(days=2))
    services = make_services(sqlite_engine, [], None, clock)
    services.admin_ids = frozenset({2})
    bot = FlakyBot()
    context = SimpleNamespace(bot_data={SERVICES_KEY: services}, bot=bot)
    await collect_job.collect_job(context)  # type: ignore[arg-type]
    assert server.hits["/down.xml"] == 1
    ((chat, text, _mode),) = bot.sent
    assert chat == 2 and url in text and "HTTP 502" in text
