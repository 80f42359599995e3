"""One Telegram front and several workers on one PostgreSQL database, as real processes.

Every article is extracted once and every digest sent once between the workers, a worker killed
with SIGKILL mid-batch loses nothing (a neighbour takes its claims over), and a second
long-polling process is told by Telegram's 409 to stop, and stops.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from bot.cli.polling import SECOND_POLLER
from storage.engine import make_engine
from storage.models import Article, Delivery, WorkerBeat
from tests.e2e.digest_procs import DB_POLL, digests_per_chat, finished, seed
from tests.fakebot import FakeBotServer
from tests.scale_support import seed_backlog, start_role, stop_role, work_done

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

BACKLOG = 64


def _claimed_by(url: str, pid: int) -> int:
    """Articles a process holds right now and has not stored yet."""
    engine = make_engine(url)
    with Session(engine) as s:
        held = s.exec(
            select(Article.id).where(
                col(Article.claimed_by).like(f"%/{pid}/%"), col(Article.extracted).is_(False)
            )
        ).all()
    engine.dispose()
    return len(held)


def _workers_alive(url: str) -> int:
    engine = make_engine(url)
    with Session(engine) as s:
        alive = s.exec(select(WorkerBeat.name).where(WorkerBeat.role == "worker")).all()
    engine.dispose()
    return len(alive)


async def test_front_and_workers_do_each_unit_once_through_kill_9(
    postgres_url: str, tmp_path: Path
) -> None:
    fake = FakeBotServer()
    await fake.start()
    front = await start_role(fake, postgres_url, tmp_path, "front", "front")
    a = await start_role(fake, postgres_url, tmp_path, "a", "worker")
    b = await start_role(fake, postgres_url, tmp_path, "b", "worker")
    c = None
    try:
        # Workers beat once spaCy is loaded: the backlog comes when both can take part.
        await fake.wait_until(lambda: _workers_alive(postgres_url) == 2, within=120, every=DB_POLL)
        seed_backlog(postgres_url, BACKLOG)
        # a is killed while it holds a batch it has not stored.
        assert a.pid is not None
        await fake.wait_until(
            lambda: _claimed_by(postgres_url, a.pid or 0) > 0, within=120, every=DB_POLL
        )
        a.send_signal(signal.SIGKILL)
        await a.wait()
        await fake.wait_until(
            lambda: work_done(postgres_url)["waiting"] == 0, within=180, every=DB_POLL
        )

        # Digests due now, shared by b and a fresh worker c; the front only answers.
        chat_ids = seed(postgres_url, fake, 120)
        c = await start_role(fake, postgres_url, tmp_path, "c", "worker")
        await fake.wait_until(
            lambda: finished(postgres_url, len(chat_ids)), within=120, every=DB_POLL
        )
        await asyncio.sleep(1.5)  # a duplicate would need a moment to show
        reply = await _ask_help(fake)
    finally:
        for process in (front, a, b, c):
            if process is not None:
                await stop_role(process)
        await fake.stop()

    done = work_done(postgres_url)
    assert done["waiting"] == 0 and done["claimed"] == 0
    assert done["statements"] > BACKLOG  # the fixtures quote people: work was really done
    assert done["duplicate_statements"] == 0 and done["duplicate_meetings"] == 0
    counts = digests_per_chat(fake)
    assert set(counts) == set(chat_ids)
    assert {chat: n for chat, n in counts.items() if n != 1} == {}
    engine = make_engine(postgres_url)
    with Session(engine) as s:
        senders = {str(w).split("/")[1] for w in s.exec(select(Delivery.claimed_by)).all()}
    engine.dispose()
    assert senders and senders <= {str(b.pid), str(c.pid if c else "")}  # workers, not front
    assert "/subscribe" in reply  # the front still answers


async def _ask_help(fake: FakeBotServer) -> str:
    chat_id = 4242
    fake.add_chat(chat_id)
    await fake.user_sends(chat_id, "/help")
    return (await fake.wait_for_message(chat_id, within=15)).text


async def test_a_second_poller_exits_with_one_clear_line(postgres_url: str, tmp_path: Path) -> None:
    fake = FakeBotServer()
    await fake.start()
    first = await start_role(fake, postgres_url, tmp_path, "first", "front")
    second = None
    try:
        await fake.wait_until(
            lambda: sum(m == "getupdates" for m, _p in fake.requests) >= 2, within=60
        )
        second = await start_role(fake, postgres_url, tmp_path, "second", "run")
        code = await asyncio.wait_for(second.wait(), 60)
        # The first one is still the poller: it answers.
        fake.add_chat(77)
        await fake.user_sends(77, "/help")
        answered = await fake.wait_for_message(77, within=15)
        first_alive = first.returncode is None
    finally:
        for process in (first, second):
            if process is not None:
                await stop_role(process)
        await fake.stop()

    assert code == 1
    lines = (tmp_path / "second.log").read_text().strip().splitlines()
    assert lines[-1] == f"diplobot: {SECOND_POLLER}"
    assert fake.poll_conflicts >= 1
    assert first_alive and "/subscribe" in answered.text
