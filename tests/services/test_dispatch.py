"""Dispatch passes (bot.services.dispatch) through the Telegram sender, against the fake Bot API.

Faults, crashes, restarts and concurrent senders.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.services import Services
from handlers import send_limits
from handlers.dispatch import send_due
from handlers.send_budget import SendBudget
from storage import deliveries as outbox
from storage import delivery_progress as progress
from storage.engine import session_scope
from storage.models import Chat, Delivery, StatementRow, Subscription
from tests.digest_news import add_statement
from tests.fakebot import FakeBotServer

NOW = datetime(2022, 1, 7, 9, 0, tzinfo=UTC)
DEAD_WORKER_PID = 4_000_000  # above Linux's pid_max: never a running process


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotServer]:
    server = FakeBotServer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(send_limits, "BACKOFF_FIRST", 0.01)


def make_services(engine: Engine, rate: float = 500) -> Services:
    return Services(engine=engine, telegram_max_rate=rate, telegram_chat_rate=50, clock=lambda: NOW)


@pytest.fixture
def services(engine: Engine) -> Iterator[Services]:
    made = make_services(engine)
    yield made
    made.close()


@pytest.fixture
async def bot(fake: FakeBotServer) -> AsyncIterator[ExtBot]:  # type: ignore[type-arg]
    request = HTTPXRequest(connection_pool_size=32)
    budget = SendBudget(rate=500, chat_rate=50)
    async with ExtBot(
        fake.token, base_url=fake.base_url, request=request, rate_limiter=budget
    ) as made:
        yield made


def add_chat(engine: Engine, fake: FakeBotServer, chat_id: int, **kw: object) -> None:
    """A chat that has been subscribed since yesterday unless `created_at` says otherwise."""
    fake.add_chat(chat_id, "group" if chat_id < 0 else "private")
    kw.setdefault("created_at", NOW - timedelta(days=1))
    with session_scope(engine) as s:
        s.add(Chat(id=chat_id, **kw))  # type: ignore[arg-type]


def add_news(engine: Engine) -> None:
    with session_scope(engine) as s:
        add_statement(s, now=NOW, affiliation="Russia")


def statuses(engine: Engine) -> dict[int, str]:
    with session_scope(engine) as s:
        return dict(s.exec(select(Delivery.chat_id, Delivery.status)).all())


def texts(fake: FakeBotServer, chat_id: int) -> list[str]:
    return [m.text for m in fake.messages(chat_id)]


async def test_one_digest_per_due_chat_through_faults(
    engine: Engine, fake: FakeBotServer, services: Services, bot: ExtBot
) -> None:
    add_news(engine)
    due = list(range(1, 21))
    for chat_id in due:
        add_chat(engine, fake, chat_id)
    add_chat(engine, fake, 100, timezone="America/New_York")  # 04:00 there: not yet
    add_chat(engine, fake, 101, paused=True)
    add_chat(engine, fake, 102, timezone="Asia/Tokyo", digest_time="17:30")  # 18:00 there
    add_chat(engine, fake, -5, kind="group", title="Desk")
    with session_scope(engine) as s:
        s.add(Subscription(chat_id=3, topic="Moldova", topic_norm="moldova"))
    fake.add_fault("flood", chat_id=1, times=2, retry_after=1)
    fake.add_fault("server", chat_id=2, times=3)
    fake.block(4)
    fake.migrate_group(-5, -1005)

    summary = await send_due(services, bot)

    assert summary.created == 22
    assert sorted(summary.blocked) == [4] and summary.migrated == [(-5, -1005)]
    for chat_id in [*due, 102]:
        expected = 0 if chat_id == 4 else 1
        assert len(texts(fake, chat_id)) == expected, chat_id
    assert texts(fake, 100) == [] and texts(fake, 101) == []
    assert "Dmitry Peskov (Kremlin spokesman, Russia)" in texts(fake, 1)[0]
    assert "Nothing new on Moldova" in texts(fake, 3)[0]
    assert len(texts(fake, -1005)) == 1 and texts(fake, -5) == []
    assert all(m.link_preview_disabled for m in fake.sent)
    with session_scope(engine) as s:
        assert s.get(Chat, 4) is None  # the blocked chat's data is gone, as after /stop
        assert s.get(Chat, -5) is None and s.get(Chat, -1005) is not None
        assert s.get(Chat, 1).last_digest_at == NOW  # type: ignore[union-attr]
        assert s.exec(select(func.count()).select_from(StatementRow)).one() == 1
    assert 4 not in statuses(engine) and statuses(engine)[-1005] == outbox.SENT

    again = await send_due(services, bot)
    assert again.created == 0 and again.sent == []
    assert len(texts(fake, 1)) == 1


async def test_a_group_blocked_right_after_becoming_a_supergroup_is_forgotten(
    engine: Engine, fake: FakeBotServer, services: Services, bot: ExtBot
) -> None:
    add_chat(engine, fake, -6, kind="group", title="Desk")
    with session_scope(engine) as s:
        s.add(Subscription(chat_id=-6, topic="NATO", topic_norm="nato"))
    fake.migrate_group(-6, -1006)
    fake.block(-1006)
    summary = await send_due(services, bot)
    assert summary.migrated == [(-6, -1006)] and summary.blocked == [-1006]
    with session_scope(engine) as s:
        assert s.get(Chat, -6) is None and s.get(Chat, -1006) is None
        assert s.exec(select(Subscription)).all() == []
    assert statuses(engine) == {}


async def test_resume_after_a_crash_sends_only_the_missing_chunk(
    engine: Engine, fake: FakeBotServer, services: Services, bot: ExtBot
) -> None:
    add_chat(engine, fake, 7)
    dead = f"{__import__('socket').gethostname()}/{DEAD_WORKER_PID}/deadbeef"
    with session_scope(engine) as s:
        outbox.create_deliveries(session=s, keys=[(7, NOW.date())], now=NOW)
    with session_scope(engine) as s:
        (claim,) = outbox.claim_deliveries(
            session=s, worker=dead, now=NOW, limit=5, lease=timedelta(hours=1)
        )
        progress.prepare_batch(
            session=s,
            worker=dead,
            chunks={claim.id: ["part one", "part two"]},
            skipped=[],
            now=NOW,
            digest_at=NOW,
        )
        progress.record_messages(
            session=s,
            worker=dead,
            records=[progress.MessageRecord(claim.id, (1,))],
            now=NOW,
            digest_at=NOW,
        )

    summary = await send_due(services, bot)

    assert summary.sent == [7] and texts(fake, 7) == ["part two"]
    with session_scope(engine) as s:
        row = s.exec(select(Delivery)).one()
    assert row.status == outbox.SENT and len(row.message_ids) == 2 and row.attempts == 2


async def test_live_claims_of_another_process_are_left_alone(
    engine: Engine, fake: FakeBotServer, services: Services, bot: ExtBot
) -> None:
    add_chat(engine, fake, 8)
    with session_scope(engine) as s:
        outbox.create_deliveries(session=s, keys=[(8, NOW.date())], now=NOW)
        outbox.claim_deliveries(
            session=s, worker="elsewhere/1/abc", now=NOW, limit=5, lease=timedelta(hours=1)
        )
    summary = await send_due(services, bot)
    assert summary.sent == [] and texts(fake, 8) == []


async def test_empty_day_is_skipped_when_the_chat_turned_it_off(
    engine: Engine, fake: FakeBotServer, services: Services, bot: ExtBot
) -> None:
    add_chat(engine, fake, 9, send_empty=False)
    add_chat(engine, fake, 10)
    summary = await send_due(services, bot)
    assert summary.skipped == 1 and texts(fake, 9) == []
    assert len(texts(fake, 10)) == 1
    assert statuses(engine) == {9: outbox.SKIPPED, 10: outbox.SENT}


async def test_a_chat_started_after_its_time_waits_for_tomorrow_and_hears_no_last_digest(
    engine: Engine, fake: FakeBotServer, bot: ExtBot
) -> None:
    add_chat(engine, fake, 12, created_at=NOW - timedelta(minutes=30))  # after 08:00 today
    with session_scope(engine) as s:
        s.add(Subscription(chat_id=12, topic="Moldova", topic_norm="moldova"))
    clock = [NOW]
    made = Services(
        engine=engine, telegram_max_rate=500, telegram_chat_rate=50, clock=lambda: clock[0]
    )
    try:
        today = await send_due(made, bot)
        clock[0] = NOW + timedelta(days=1)
        tomorrow = await send_due(made, bot)
        clock[0] = NOW + timedelta(days=2)
        after = await send_due(made, bot)
    finally:
        made.close()
    assert today.created == 0 and today.sent == []
    assert tomorrow.sent == [12] and after.sent == [12]
    first, second = texts(fake, 12)
    assert "Nothing new on Moldova in the last 24 hours." in first
    assert "last digest" not in first
    assert "Nothing new on Moldova since your last digest." in second


async def test_a_chat_that_keeps_failing_is_retried_later_then_failed(
    engine: Engine, fake: FakeBotServer, services: Services, bot: ExtBot
) -> None:
    add_chat(engine, fake, 11)
    fake.add_fault("server", chat_id=11, times=None)
    for _ in range(outbox.MAX_ATTEMPTS):
        await send_due(services, bot)
    assert statuses(engine) == {11: outbox.FAILED}
    assert texts(fake, 11) == []


@pytest.mark.postgres
async def test_two_dispatchers_never_send_a_chat_twice(
    postgres_url: str, fake: FakeBotServer, bot: ExtBot
) -> None:
    from storage.engine import make_engine

    engines = [make_engine(postgres_url) for _ in range(2)]
    for chat_id in range(1, 121):
        add_chat(engines[0], fake, chat_id)
    # a modest rate keeps claim batches small, so both dispatchers get work
    first, second = (make_services(e, rate=40) for e in engines)
    try:
        a, b = await asyncio.gather(send_due(first, bot), send_due(second, bot))
    finally:
        for made, eng in zip((first, second), engines, strict=True):
            made.close()
            eng.dispose()
    assert sorted(a.sent + b.sent) == list(range(1, 121))
    assert a.sent and b.sent  # both really took part
    assert all(len(texts(fake, chat_id)) == 1 for chat_id in range(1, 121))
