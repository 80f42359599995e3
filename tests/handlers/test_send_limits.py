"""SendLimiter on a simulated clock: slots, per-chat spacing and 429 pauses, without real sleeps."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from handlers import send_limits
from handlers.send_limits import SAFETY, SendLimiter


class SimClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> SimClock:
    sim = SimClock()
    real_sleep = asyncio.sleep

    async def fake_sleep(seconds: float) -> None:
        sim.now += max(seconds, 0.0)
        await real_sleep(0)

    monkeypatch.setattr(send_limits.asyncio, "sleep", fake_sleep)
    return sim


async def test_overall_rate_spaces_sends_and_never_bursts(clock: SimClock) -> None:
    limiter = SendLimiter(rate=10, chat_rate=100, clock=clock)
    times: list[float] = []

    async def one(chat_id: int) -> None:
        await limiter.wait(chat_id)
        times.append(clock.now)

    await asyncio.gather(*(one(chat) for chat in range(30)))
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) == pytest.approx(1 / (10 * SAFETY))
    assert max(sum(1 for t in times if start <= t < start + 1) for start in times) <= 10


async def test_one_chat_waits_for_its_own_rate(clock: SimClock) -> None:
    limiter = SendLimiter(rate=1000, chat_rate=1, clock=clock)
    times = []
    for _ in range(3):
        await limiter.wait(42)
        times.append(clock.now)
    assert times[1] - times[0] >= 1.0 and times[2] - times[1] >= 1.0
    start = clock.now
    await limiter.wait(43)  # another chat is not held back by chat 42
    assert clock.now - start < 0.01


async def test_retry_after_pauses_everyone(clock: SimClock) -> None:
    limiter = SendLimiter(rate=1000, chat_rate=1000, clock=clock)
    await limiter.wait(1)
    limiter.pause(5)
    start = clock.now
    await limiter.wait(2)
    assert clock.now - start >= 5
