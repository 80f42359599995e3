"""Two real processes on PostgreSQL share the bot's Telegram budget (bot.services.send_share).

`diplobot run` and a `diplobot worker` both send digests; the fake Bot API enforces the budget
for the bot as a whole. Each process must settle on half of TELEGRAM_MAX_RATE (it logs the share
it takes), and together they stay within Telegram's limit.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.e2e.digest_procs import DB_POLL, digests_per_chat, finished, seed, start_bot, stop
from tests.fakebot import FakeBotServer
from tests.scale_support import start_role

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

RATE = 20
DIGESTS = 500


async def test_run_and_a_worker_take_half_the_budget_each(
    postgres_url: str, tmp_path: Path
) -> None:
    fake = FakeBotServer()
    await fake.start()
    chat_ids = seed(postgres_url, fake, DIGESTS)
    limits = fake.enforce_limits(per_second=RATE, chat_per_second=RATE)
    procs = [
        await start_bot(fake, postgres_url, tmp_path, "run", rate=RATE),
        await start_role(fake, postgres_url, tmp_path, "worker", "worker", rate=RATE),
    ]
    try:
        await fake.wait_until(
            lambda: finished(postgres_url, len(chat_ids)), within=180, every=DB_POLL
        )
        await asyncio.sleep(1.0)
    finally:
        for process in procs:
            await stop(process)
        await fake.stop()

    counts = digests_per_chat(fake)
    assert set(counts) == set(chat_ids)
    assert {c: n for c, n in counts.items() if n != 1} == {}
    half = f"send budget: {RATE / 2:.1f} calls a second"
    for name in ("run", "worker"):
        assert half in (tmp_path / f"{name}.log").read_text(), name
    sends = len(limits.accepted) + limits.refused
    # Two processes each at the whole budget would have had about half their sends refused. A
    # few 429s remain: two pacers' slots can line up within a second, and a 429 pauses only the
    # process that received it (the other keeps sending into the pause).
    assert limits.refused <= 0.05 * sends, (limits.refused, limits.calls_in_pause, sends)
