"""Running `diplobot run` / `send-due` as processes against the fake Bot API, for e2e tests.

Digest times are chosen relative to the real clock (a couple of minutes ago in each chat's own
timezone), so the processes need no clock injection.
"""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from bot.services.worker_loop import ALIVE_WITHIN
from storage import deliveries as outbox
from storage.engine import make_engine, session_scope
from storage.migrate import upgrade
from storage.models import Chat, Delivery, WorkerBeat
from tests.digest_news import add_statement
from tests.fakebot import FakeBotServer
from tests.scale_support import start_role

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
# Seconds between checks of a predicate that reads the database (fake.wait_until(every=...)).
DB_POLL = 0.2


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
            s.add(
                Chat(
                    id=chat_id,
                    timezone=zone,
                    digest_time=passed_local_time(zone, now),
                    created_at=now - timedelta(days=1),  # subscribed before today's time
                )
            )
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
    """`diplobot run` as a process: the one-process default, started like every other role."""
    return await start_role(fake, url, workdir, name, "run", rate=rate)


def finished(url: str, expected: int) -> bool:
    """At least `expected` digests ended and nothing is left in the outbox to send."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as s:
            states = Counter(s.exec(select(Delivery.status)).all())
        ended = states[outbox.SENT] + states[outbox.FAILED] + states[outbox.SKIPPED]
        return ended >= expected and not states[outbox.PENDING] + states[outbox.SENDING]
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


def forget_share(url: str, pid: int) -> None:
    """Age a killed process's heartbeat past ALIVE_WITHIN, as if that long had gone by since it
    died: its successor then takes the whole send budget at once instead of sending at
    JOINING_RATE until the row goes stale (bot.services.send_share), 40 s of a real clock."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as s:
            for row in s.exec(select(WorkerBeat).where(col(WorkerBeat.name).like(f"%/{pid}/%"))):
                row.seen_at = row.seen_at - ALIVE_WITHIN - timedelta(seconds=1)
                s.add(row)
    finally:
        engine.dispose()


def digests_per_chat(fake: FakeBotServer) -> Counter[int]:
    return Counter(m.chat_id for m in fake.sent if "Diplomacy digest" in m.text)
