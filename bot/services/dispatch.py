"""One digest dispatch pass: schedule due chats, claim their outbox rows, compose and send.

Exactly once per chat and local day rests on three things: the unique (chat, day) outbox row,
claims that only one worker holds (SKIP LOCKED on PostgreSQL; a 5-minute lease, re-checked in the
database once half of it has gone by), and progress committed after every message Telegram
accepts (its message id, group-committed by bot.services.recorder before the sender goes on), so a
restarted worker resumes after the last recorded chunk with the same saved text.

The one window left: Telegram has accepted a sendMessage, but the process dies (or the reply is
lost to a timeout and the send is retried) before its message id is committed. That one message is
sent again. The window is one HTTP round trip plus at most two small commits (the one running and
ours); sendMessage has no idempotency key, so no bot can close it entirely.
"""

from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session

from bot.pipeline.digest import due_day, zone
from bot.services.channel_loss import tell_channel_admin
from bot.services.digest_facts import FactsSnapshot, build_digest, load_snapshot, window_start
from bot.services.outlet import ChatGone, ChatMoved, MessageRejected, Outlet, SendDeferred
from bot.services.recorder import Recorder
from bot.services.resources import Services
from bot.services.workers import release_dead, worker_id
from storage import deliveries as outbox
from storage.deliveries import Claim
from storage.delivery_progress import MessageRecord, prepare_batch
from storage.digests import topics_of

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
# Pacing, not parallelism, sets the rate: a few senders cover Telegram's latency and the commit
# of each message id at 30/s (4 reached only 0.8 of it on a loaded machine; waiting senders cost
# nothing, the send budget serves replies first).
MIN_SENDERS = 8
MAX_SENDERS = 32
PASS_LOCK = "dispatch_lock"


@dataclass
class DispatchSummary:
    """What one pass did; `diplobot send-due` prints it."""

    created: int = 0
    sent: list[int] = field(default_factory=list)
    messages: int = 0
    skipped: int = 0
    blocked: list[int] = field(default_factory=list)
    migrated: list[tuple[int, int]] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    retry_later: int = 0
    busy: bool = False

    def lines(self) -> list[str]:
        out = [
            f"due chats scheduled: {self.created}",
            f"digests sent: {len(self.sent)} ({self.messages} messages)",
            f"empty days not sent: {self.skipped}",
            f"blocked chats removed: {len(self.blocked)}",
            f"groups followed to their supergroup: {len(self.migrated)}",
            f"failed: {len(self.failed)}; to retry next pass: {self.retry_later}",
        ]
        return out + [f"  chat {chat}: {error}" for chat, error in self.failed]


@dataclass
class _Pass:
    services: Services
    outlet: Outlet
    worker: str
    now: datetime
    snapshot: FactsSnapshot
    summary: DispatchSummary
    recorder: Recorder
    # Chats with the same topics, local day and window get the same digest: render it once.
    rendered: dict[tuple[tuple[str, ...], date, datetime, bool], tuple[bool, list[str]]] = field(
        default_factory=dict
    )


@dataclass
class _Job:
    """A claimed delivery ready to send, and when its lease was last known to be ours."""

    claim: Claim
    chunks: list[str]
    held_since: datetime
    # Where the digest goes now: a group that became a supergroup mid-send has a new id.
    chat_id: int = field(init=False)

    def __post_init__(self) -> None:
        self.chat_id = self.claim.chat_id


def schedule_due(*, session: Session, now: datetime) -> int:
    """Create today's outbox rows for every chat whose local digest time has passed."""
    clocks = outbox.chat_clocks(session=session, since_day=now.date() - timedelta(days=2))
    keys = [
        (c.chat_id, day)
        for c in clocks
        if (day := due_day(now, c.timezone, c.digest_time, c.last_day, c.started)) is not None
    ]
    return outbox.create_deliveries(session=session, keys=keys, now=now)


async def dispatch_due(
    services: Services, outlet: Outlet, *, now: datetime | None = None
) -> DispatchSummary:
    """Run one pass; a pass already running in this process makes this one return at once."""
    lock = services.state.setdefault(PASS_LOCK, asyncio.Lock())
    if lock.locked():
        return DispatchSummary(busy=True)
    async with lock:
        now = now or services.clock()
        me = worker_id(services)
        summary = DispatchSummary()
        await services.db(release_dead, me=me)
        summary.created = await services.db(schedule_due, now=now)
        senders = max(MIN_SENDERS, min(MAX_SENDERS, math.ceil(services.telegram_max_rate / 10)))
        first = await _claim(services, me, senders * 4)
        if first:
            snapshot = await services.db(load_snapshot, now=now)
            recorder = Recorder(services, me, now)
            p = _Pass(services, outlet, me, now, snapshot, summary, recorder)
            try:
                await _drain(p, first, senders)
            finally:
                await recorder.close()
        return summary


async def _claim(services: Services, me: str, limit: int) -> list[Claim]:
    return await services.db(
        outbox.claim_deliveries, worker=me, now=services.clock(), limit=limit, lease=LEASE
    )


async def _drain(p: _Pass, first: list[Claim], senders: int) -> None:
    """Senders take jobs from a short queue that the feeder refills just in time."""
    queue: asyncio.Queue[_Job | None] = asyncio.Queue(maxsize=senders * 4)

    async def feed() -> None:
        batch = first
        while batch:
            held_since = p.services.clock()
            for job in await _prepare(p, batch, held_since):
                await queue.put(job)
            batch = await _claim(p.services, p.worker, senders * 4)
        for _ in range(senders):
            await queue.put(None)

    async def send() -> None:
        while (job := await queue.get()) is not None:
            try:
                await _deliver(p, job)
            except Exception:  # the database failed while recording: the lease will free the row
                log.exception("recording the digest for chat %s failed", job.claim.chat_id)

    await asyncio.gather(feed(), *(send() for _ in range(senders)))


def _chunks(p: _Pass, claim: Claim, topics: list[str]) -> list[str]:
    """A freshly composed digest for the chat ([] = an empty day it does not want)."""
    since = window_start(claim.last_digest_at, p.now)
    local_day = p.now.astimezone(zone(claim.timezone)).date()
    topics = sorted(topics, key=str.casefold)  # one canonical order, so equal sets share
    key = (tuple(topics), local_day, since, claim.last_digest_at is None)
    if key not in p.rendered:
        digest = build_digest(
            p.snapshot,
            topics=topics,
            timezone=claim.timezone,
            now=p.now,
            last_digest_at=claim.last_digest_at,
        )
        p.rendered[key] = (digest.is_empty, p.outlet.render(digest))
    empty, chunks = p.rendered[key]
    return [] if empty and not claim.send_empty else chunks


async def _prepare(p: _Pass, batch: list[Claim], held_since: datetime) -> list[_Job]:
    """Compose the batch, then save its texts and close its empty days in one transaction."""
    topics = await p.services.db(topics_of, chat_ids=[c.chat_id for c in batch])
    fresh: dict[int, list[str]] = {}
    skipped: list[int] = []
    for claim in batch:
        if claim.chunks:
            continue
        chunks = _chunks(p, claim, topics.get(claim.chat_id, []))
        if chunks:
            fresh[claim.id] = chunks
        else:
            skipped.append(claim.id)
    held = await p.services.db(
        prepare_batch,
        worker=p.worker,
        chunks=fresh,
        skipped=skipped,
        now=p.services.clock(),
        digest_at=p.now,
    )
    p.summary.skipped += len(skipped)
    jobs = [_Job(c, list(c.chunks), held_since) for c in batch if c.chunks]
    return jobs + [_Job(c, fresh[c.id], held_since) for c in batch if c.id in held]


async def _deliver(p: _Pass, job: _Job) -> None:
    """Send one claimed digest and record the outcome; never raises into the pass."""
    db, claim = p.services.db, job.claim
    try:
        if await _send_chunks(p, job):
            p.summary.sent.append(claim.chat_id)
    except ChatGone as exc:
        log.info("chat %s blocked or removed the bot (%s): deleting its data", job.chat_id, exc)
        lost = await db(outbox.forget_blocked_chat, chat_id=job.chat_id)
        p.summary.blocked.append(job.chat_id)
        if lost is not None:
            await tell_channel_admin(p.outlet, lost)
    except MessageRejected as exc:
        await _finish(p, claim, outbox.FAILED, str(exc))
        p.summary.failed.append((claim.chat_id, str(exc)))
    except SendDeferred as exc:
        state = await db(
            outbox.release_delivery, delivery_id=claim.id, worker=p.worker, error=str(exc)
        )
        if state == outbox.FAILED:
            p.summary.failed.append((claim.chat_id, str(exc)))
        else:
            p.summary.retry_later += 1


async def _finish(p: _Pass, claim: Claim, status: str, error: str | None = None) -> None:
    await p.services.db(
        outbox.finish_delivery,
        delivery_id=claim.id,
        worker=p.worker,
        status=status,
        now=p.services.clock(),
        error=error and error[:500],
    )


async def _still_ours(p: _Pass, job: _Job) -> bool:
    """Renew the lease when half of it has gone by; until then nobody else can hold the row."""
    now = p.services.clock()
    if now - job.held_since < LEASE / 2:
        return True
    job.held_since = now
    return await p.services.db(
        outbox.renew_claim, delivery_id=job.claim.id, worker=p.worker, now=now
    )


async def _send_chunks(p: _Pass, job: _Job) -> bool:
    """Send the chunks not yet recorded, committing each message id; False if the lease was lost."""
    claim, chunks = job.claim, job.chunks
    sent = list(claim.message_ids)
    while len(sent) < len(chunks):
        if not await _still_ours(p, job):
            return False
        try:
            message_id = await p.outlet.send(job.chat_id, chunks[len(sent)])
        except ChatMoved as exc:
            if job.chat_id != claim.chat_id:
                raise MessageRejected("chat migrated twice") from exc
            job.chat_id = exc.new_chat_id
            await p.services.db(outbox.move_chat, old_id=claim.chat_id, new_id=job.chat_id)
            p.summary.migrated.append((claim.chat_id, job.chat_id))
            continue
        sent.append(message_id)
        recorded = await p.recorder.record(
            MessageRecord(claim.id, tuple(sent), done=len(sent) == len(chunks))
        )
        p.summary.messages += 1
        if not recorded:
            return False
    return True
