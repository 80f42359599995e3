"""Two processes share the bot's Telegram budget through their heartbeats (send_share)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine

from bot.services import Services
from bot.services.send_share import JOINING_RATE, refresh_share
from bot.services.worker_loop import ALIVE_WITHIN
from bot.services.workers import worker_id
from storage import workers

NOW = datetime(2022, 1, 7, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def pair(engine: Engine, clock: Clock) -> Iterator[tuple[Services, Services]]:
    """Two processes on one database: each has its own Services and so its own worker name."""
    made = tuple(Services(engine=engine, telegram_max_rate=30, clock=clock) for _ in range(2))
    yield made  # type: ignore[misc]
    for services in made:
        services.close()


async def beat_and_share(services: Services, rates: dict[str, float]) -> float:
    name = worker_id(services)
    await services.db(workers.beat, name=name, role="worker", now=services.clock())
    return await refresh_share(services, lambda rate: rates.__setitem__(name, rate))


async def test_each_live_sender_takes_its_share_and_a_newcomer_waits_to_be_seen(
    pair: tuple[Services, Services], clock: Clock
) -> None:
    a, b = pair
    rates: dict[str, float] = {}
    assert await beat_and_share(a, rates) == 30  # alone: the whole budget
    clock.now += timedelta(seconds=1)
    assert await beat_and_share(b, rates) == JOINING_RATE  # a has not counted b yet
    clock.now += timedelta(seconds=1)
    assert await beat_and_share(a, rates) == 15  # a sees b and halves its own
    assert await beat_and_share(b, rates) == 15  # b sees that a has seen it
    assert sum(rates.values()) == 30

    await b.db(workers.forget_worker, name=worker_id(b))  # b stops cleanly
    assert await beat_and_share(a, rates) == 30


async def test_a_dead_senders_share_comes_back_once_its_heartbeat_is_stale(
    pair: tuple[Services, Services], clock: Clock
) -> None:
    a, b = pair
    rates: dict[str, float] = {}
    await beat_and_share(a, rates)
    await beat_and_share(b, rates)
    assert await beat_and_share(a, rates) == 15
    clock.now += ALIVE_WITHIN + timedelta(seconds=1)  # b died without a word
    assert await beat_and_share(a, rates) == 30
