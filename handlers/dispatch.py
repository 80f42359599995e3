"""One digest dispatch pass: schedule due chats, claim their outbox rows, compose and send.

Exactly once per chat and local day rests on three things: the unique (chat, day) outbox row,
claims that only one worker holds (SKIP LOCKED on PostgreSQL, a lease renewed before every send),
and progress committed after every message Telegram accepts (its message id), so a restarted
worker resumes after the last recorded chunk with the same saved text.

The one window left: Telegram has accepted a sendMessage, but the process dies (or the reply is
lost to a timeout and the send is retried) before its message id is committed. That one message is
sent again. The window is one HTTP round trip plus one small commit per message; sendMessage has
no idempotency key, so no bot can close it entirely.
"""

from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session
from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from bot.pipeline.schedule import due_day
from handlers.digest_facts import FactsSnapshot, build_digest, load_snapshot, window_start
from handlers.digest_render import render_digest
from handlers.send_limits import SendLimiter, send_html
from handlers.services import Services
from handlers.workers import dead_workers, worker_id
from storage import deliveries as outbox
from storage.deliveries import Claim
from storage.digests import topics_of

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
MAX_SENDERS = 64
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
            f"blocked chats deactivated: {len(self.blocked)}",
            f"groups followed to their supergroup: {len(self.migrated)}",
            f"failed: {len(self.failed)}; to retry next pass: {self.retry_later}",
        ]
        return out + [f"  chat {chat}: {error}" for chat, error in self.failed]


@dataclass
class _Pass:
    services: Services
    bot: Bot
    worker: str
    now: datetime
    limiter: SendLimiter
    snapshot: FactsSnapshot
    summary: DispatchSummary


def limiter_of(services: Services) -> SendLimiter:
    """One limiter per process, shared by scheduled passes and /digest."""
    limiter = services.state.get("send_limiter")
    if not isinstance(limiter, SendLimiter):
        limiter = SendLimiter(services.telegram_max_rate, services.telegram_chat_rate)
        services.state["send_limiter"] = limiter
    return limiter


def schedule_due(*, session: Session, now: datetime) -> int:
    """Create today's outbox rows for every chat whose local digest time has passed."""
    clocks = outbox.chat_clocks(session=session, since_day=now.date() - timedelta(days=2))
    keys = [
        (c.chat_id, day)
        for c in clocks
        if (day := due_day(now, c.timezone, c.digest_time, c.last_day)) is not None
    ]
    return outbox.create_deliveries(session=session, keys=keys, now=now)


def release_dead(*, session: Session, me: str) -> int:
    """Free the rows of our own dead predecessors on this host (see handlers.workers)."""
    holders = outbox.claiming_workers(session=session)
    return outbox.release_workers(session=session, workers=dead_workers(me, holders))


async def send_due(services: Services, bot: Bot, *, now: datetime | None = None) -> DispatchSummary:
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
        senders = max(2, min(MAX_SENDERS, math.ceil(services.telegram_max_rate / 2)))
        first = await _claim(services, me, senders * 4)
        if first:
            snapshot = await services.db(load_snapshot, now=now)
            p = _Pass(services, bot, me, now, limiter_of(services), snapshot, summary)
            await _drain(p, first, senders)
        return summary


async def _claim(services: Services, me: str, limit: int) -> list[Claim]:
    return await services.db(
        outbox.claim_deliveries, worker=me, now=services.clock(), limit=limit, lease=LEASE
    )


async def _drain(p: _Pass, first: list[Claim], senders: int) -> None:
    """Senders take claims from a short queue that the feeder refills just in time."""
    queue: asyncio.Queue[tuple[Claim, list[str]] | None] = asyncio.Queue(maxsize=senders * 4)

    async def feed() -> None:
        batch = first
        while batch:
            topics = await p.services.db(topics_of, chat_ids=[c.chat_id for c in batch])
            for claim in batch:
                await queue.put((claim, topics.get(claim.chat_id, [])))
            batch = await _claim(p.services, p.worker, senders * 4)
        for _ in range(senders):
            await queue.put(None)

    async def send() -> None:
        while (item := await queue.get()) is not None:
            try:
                await _deliver(p, *item)
            except Exception:  # the database failed while recording: the lease will free the row
                log.exception("recording the digest for chat %s failed", item[0].chat_id)

    await asyncio.gather(feed(), *(send() for _ in range(senders)))


def _chunks(p: _Pass, claim: Claim, topics: list[str]) -> list[str]:
    """The saved text of a resumed delivery, or a freshly composed one ([] = nothing to send)."""
    if claim.chunks:
        return list(claim.chunks)
    since = window_start(claim.last_digest_at, p.now)
    digest = build_digest(
        p.snapshot, topics=topics, timezone=claim.timezone, now=p.now, since=since
    )
    if digest.is_empty and not claim.send_empty:
        return []
    return render_digest(digest)


async def _deliver(p: _Pass, claim: Claim, topics: list[str]) -> None:
    """Send one claimed digest and record the outcome; never raises into the pass."""
    db, me, chat_id = p.services.db, p.worker, claim.chat_id
    try:
        chunks = _chunks(p, claim, topics)
        if not chunks:
            await db(
                outbox.finish_delivery,
                delivery_id=claim.id,
                worker=me,
                status=outbox.SKIPPED,
                now=p.services.clock(),
                digest_at=p.now,
            )
            p.summary.skipped += 1
            return
        if not claim.chunks and not await db(
            outbox.save_chunks, delivery_id=claim.id, worker=me, chunks=chunks
        ):
            return
        if await _send_chunks(p, claim, chunks):
            await db(
                outbox.finish_delivery,
                delivery_id=claim.id,
                worker=me,
                status=outbox.SENT,
                now=p.services.clock(),
                digest_at=p.now,
            )
            p.summary.sent.append(chat_id)
    except Forbidden as exc:
        await db(outbox.deactivate_chat, chat_id=chat_id, reason=str(exc))
        p.summary.blocked.append(chat_id)
    except BadRequest as exc:
        await _fail(p, claim, str(exc))
    except (NetworkError, RetryAfter) as exc:
        state = await db(outbox.release_delivery, delivery_id=claim.id, worker=me, error=str(exc))
        if state == outbox.FAILED:
            p.summary.failed.append((chat_id, str(exc)))
        else:
            p.summary.retry_later += 1
    except Exception as exc:  # one bad digest must not stop the fan-out to everyone else
        log.exception("digest for chat %s failed", chat_id)
        await _fail(p, claim, f"{type(exc).__name__}: {exc}")


async def _fail(p: _Pass, claim: Claim, error: str) -> None:
    await p.services.db(
        outbox.finish_delivery,
        delivery_id=claim.id,
        worker=p.worker,
        status=outbox.FAILED,
        now=p.services.clock(),
        error=error[:500],
    )
    p.summary.failed.append((claim.chat_id, error))


async def _send_chunks(p: _Pass, claim: Claim, chunks: list[str]) -> bool:
    """Send the chunks not yet recorded, committing each message id; False if the lease was lost."""
    db, me = p.services.db, p.worker
    chat_id, sent = claim.chat_id, list(claim.message_ids)
    while len(sent) < len(chunks):
        if not await db(
            outbox.renew_claim, delivery_id=claim.id, worker=me, now=p.services.clock()
        ):
            return False
        try:
            message = await send_html(p.bot, p.limiter, chat_id, chunks[len(sent)])
        except ChatMigrated as exc:
            if chat_id != claim.chat_id:
                raise BadRequest("chat migrated twice") from exc
            new_id = int(exc.new_chat_id)
            await db(outbox.move_chat, old_id=chat_id, new_id=new_id)
            p.summary.migrated.append((chat_id, new_id))
            chat_id = new_id
            continue
        sent.append(message.message_id)
        await db(outbox.record_message, delivery_id=claim.id, worker=me, message_ids=sent)
        p.summary.messages += 1
    return True
