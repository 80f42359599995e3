"""The real `diplobot run` process against the fake Bot API: fan-out, faults, kill -9, restart."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import select

from bot.services import MAX_SENDERS
from storage import deliveries as outbox
from storage.engine import make_engine, session_scope
from storage.models import Chat, Delivery
from tests.e2e.digest_procs import (
    DB_POLL,
    digests_per_chat,
    finished,
    forget_share,
    seed,
    start_bot,
    stop,
)
from tests.fakebot import FakeBotServer
from tests.scale_support import start_role

pytestmark = pytest.mark.e2e

BLOCKED = tuple(range(1001, 1011))


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
        await fake.wait_until(lambda: len(digests_per_chat(fake)) >= 150, within=180)
        # Telegram floods us mid fan-out; the process dies while it waits to retry.
        flood = fake.add_fault("flood", times=None, retry_after=3)
        await asyncio.sleep(1.0)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        forget_share(url, first.pid)
        fake.faults.remove(flood)
        sent_before = len(digests_per_chat(fake))
        assert sent_before < len(active), "the kill came after the fan-out finished"

        second = await start_bot(fake, url, tmp_path, "second", rate=100)
        try:
            await fake.wait_until(lambda: finished(url, len(active)), within=180, every=DB_POLL)
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
        chats = set(s.exec(select(Chat.id)).all())
        status = Counter(s.exec(select(Delivery.status)).all())
    engine.dispose()
    assert chats == set(active)  # the blocked chats' data is deleted
    assert status == {outbox.SENT: len(active)}


@pytest.mark.postgres
async def test_run_and_a_worker_on_postgresql_send_each_digest_once(
    postgres_url: str, tmp_path: Path
) -> None:
    fake = FakeBotServer()
    await fake.start()
    chat_ids = seed(postgres_url, fake, 300)
    bots = [
        await start_bot(fake, postgres_url, tmp_path, "run", rate=60),
        await start_role(fake, postgres_url, tmp_path, "worker", "worker", rate=60),
    ]
    try:
        await fake.wait_until(
            lambda: finished(postgres_url, len(chat_ids)), within=180, every=DB_POLL
        )
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
        await fake.wait_until(lambda: len(digests_per_chat(fake)) >= 100, within=180)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        forget_share(url, first.pid)
        second = await start_bot(fake, url, tmp_path, "second", rate=150)
        try:
            await fake.wait_until(lambda: finished(url, len(chat_ids)), within=180, every=DB_POLL)
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
