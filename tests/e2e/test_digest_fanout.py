"""The real `diplobot run` process against the fake Bot API: fan-out, faults, kill -9, restart.

Digest times are chosen relative to the real clock (a couple of minutes ago in each chat's own
timezone), so the subprocess needs no clock injection.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func
from sqlmodel import select

from handlers.dispatch import MAX_SENDERS
from storage import deliveries as outbox
from storage.engine import make_engine, session_scope
from storage.migrate import upgrade
from storage.models import Chat, Delivery
from tests.digest_news import add_statement
from tests.fakebot import FakeBotServer

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
ZONES = (
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Tokyo",
    "Australia/Sydney",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Pacific/Auckland",
)
BLOCKED = tuple(range(1001, 1011))


def passed_local_time(zone: str, now: datetime) -> str:
    """A digest time that has just passed in `zone` today (00:00 just after local midnight)."""
    local = now.astimezone(ZoneInfo(zone))
    earlier = local - timedelta(minutes=2)
    return earlier.strftime("%H:%M") if earlier.date() == local.date() else "00:00"


def seed(url: str, fake: FakeBotServer, count: int) -> list[int]:
    """`count` subscribers across timezones, all due now, plus one statement to report."""
    upgrade(url)
    engine = make_engine(url)
    now = datetime.now(UTC)
    chat_ids = list(range(1001, 1001 + count))
    with session_scope(engine) as s:
        for i, chat_id in enumerate(chat_ids):
            zone = ZONES[i % len(ZONES)]
            s.add(Chat(id=chat_id, timezone=zone, digest_time=passed_local_time(zone, now)))
            fake.add_chat(chat_id)
        add_statement(
            s,
            now=now,
            url="https://tass.com/politics/77",
            kind="direct",
            text="We expect written answers before any new round",
            seen_ago=timedelta(hours=1),
        )
    engine.dispose()
    return chat_ids


async def start_bot(
    fake: FakeBotServer, url: str, workdir: Path, name: str, rate: int
) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "DATABASE_URL": url,
        "FEEDS": "",
        "COLLECT_INTERVAL_MINUTES": "1440",
        "TELEGRAM_MAX_RATE": str(rate),
        "TELEGRAM_CHAT_RATE": "20",
        "LOG_LEVEL": "INFO",
    }
    log = (workdir / f"{name}.log").open("ab")
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=workdir, env=env, stdout=log, stderr=log
    )


def finished(url: str, expected: int) -> bool:
    engine = make_engine(url)
    try:
        with session_scope(engine) as s:
            done = s.exec(
                select(func.count())
                .select_from(Delivery)
                .where(
                    Delivery.status.in_([outbox.SENT, outbox.FAILED, outbox.SKIPPED])  # type: ignore[attr-defined]
                )
            ).one()
        return int(done) >= expected
    finally:
        engine.dispose()


async def stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()


def digests_per_chat(fake: FakeBotServer) -> Counter[int]:
    return Counter(m.chat_id for m in fake.sent if "Diplomacy digest" in m.text)


async def test_fanout_survives_faults_and_kill_9(tmp_path: Path) -> None:
    fake = FakeBotServer()
    await fake.start()
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    chat_ids = seed(url, fake, 500)
    for chat_id in BLOCKED:
        fake.block(chat_id)
    for chat_id in chat_ids[20:40]:
        fake.add_fault("flood", chat_id=chat_id, times=1, retry_after=1)
    for chat_id in chat_ids[40:60]:
        fake.add_fault("server", chat_id=chat_id, times=2)
    active = [c for c in chat_ids if c not in BLOCKED]
    first = await start_bot(fake, url, tmp_path, "first", rate=100)
    try:
        await fake.wait_until(lambda: len(digests_per_chat(fake)) >= 150, within=60)
        # Telegram floods us mid fan-out; the process dies while it waits to retry.
        flood = fake.add_fault("flood", times=None, retry_after=3)
        await asyncio.sleep(1.0)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        fake.faults.remove(flood)
        sent_before = len(digests_per_chat(fake))
        assert sent_before < len(active), "the kill came after the fan-out finished"

        second = await start_bot(fake, url, tmp_path, "second", rate=100)
        try:
            await fake.wait_until(lambda: finished(url, len(chat_ids)), within=90)
            await asyncio.sleep(1.0)  # anything more would be a duplicate: give it a chance
        finally:
            await stop(second)
    finally:
        await stop(first)
        await fake.stop()

    counts = digests_per_chat(fake)
    assert {c: n for c, n in counts.items() if n != 1} == {}
    assert set(counts) == set(active)
    engine = make_engine(url)
    with session_scope(engine) as s:
        inactive = set(s.exec(select(Chat.id).where(Chat.active.is_(False))).all())  # type: ignore[attr-defined]
        status = Counter(s.exec(select(Delivery.status)).all())
    engine.dispose()
    assert inactive == set(BLOCKED)
    assert status == {outbox.SENT: len(active), outbox.FAILED: len(BLOCKED)}


@pytest.mark.postgres
async def test_two_processes_on_postgresql_send_each_digest_once(
    postgres_url: str, tmp_path: Path
) -> None:
    fake = FakeBotServer()
    await fake.start()
    chat_ids = seed(postgres_url, fake, 300)
    bots = [await start_bot(fake, postgres_url, tmp_path, name, rate=60) for name in "ab"]
    try:
        await fake.wait_until(lambda: finished(postgres_url, len(chat_ids)), within=90)
        await asyncio.sleep(1.5)
    finally:
        for process in bots:
            await stop(process)
        await fake.stop()

    counts = digests_per_chat(fake)
    assert set(counts) == set(chat_ids)
    assert {c: n for c, n in counts.items() if n != 1} == {}
    engine = make_engine(postgres_url)
    with session_scope(engine) as s:
        workers = set(s.exec(select(Delivery.claimed_by)).all())
    engine.dispose()
    assert len(workers) == 2, "both processes should have taken part"


async def test_kill_9_at_full_speed_duplicates_only_unrecorded_messages(tmp_path: Path) -> None:
    """No quiet moment this time: whatever was in flight when the process died is the whole
    duplicate window, and every duplicate must be a message whose id was never committed."""
    fake = FakeBotServer()
    await fake.start()
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    chat_ids = seed(url, fake, 300)
    first = await start_bot(fake, url, tmp_path, "first", rate=150)
    try:
        await fake.wait_until(lambda: len(digests_per_chat(fake)) >= 100, within=60)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        second = await start_bot(fake, url, tmp_path, "second", rate=150)
        try:
            await fake.wait_until(lambda: finished(url, len(chat_ids)), within=90)
            await asyncio.sleep(1.0)
        finally:
            await stop(second)
    finally:
        await stop(first)
        await fake.stop()

    counts = digests_per_chat(fake)
    assert set(counts) == set(chat_ids) and max(counts.values()) <= 2
    engine = make_engine(url)
    with session_scope(engine) as s:
        recorded = dict(s.exec(select(Delivery.chat_id, Delivery.message_ids)).all())
    engine.dispose()
    twice = [chat for chat, n in counts.items() if n == 2]
    assert len(twice) <= MAX_SENDERS  # at most one message per sender was in flight
    for chat in twice:
        _, second_copy = (m.message_id for m in fake.messages(chat))
        assert recorded[chat] == [second_copy], chat  # the first copy was never committed
