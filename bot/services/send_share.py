"""The bot's Telegram budget shared by its processes: each takes TELEGRAM_MAX_RATE / N.

Telegram limits the bot, not a process. N is the number of live senders: processes whose
heartbeat row (storage.workers, written by worker_loop.beat_until every HEARTBEAT_EVERY
seconds) is fresh, whatever their role (`run`, `front`, `worker`, `send-due`). Each process calls
`refresh_share` right after each of its beats and applies the rate to its own pacer
(handlers.send_budget.SendBudget.set_rate).

A newcomer is counted by the others only once they beat again. Until every other live sender
has beaten since the newcomer started (so has taken its smaller share), the newcomer sends at
JOINING_RATE; the sum of the shares therefore stays within the budget while processes come.
A process that stops cleanly deletes its row; one that dies keeps its share reserved until its
row is ALIVE_WITHIN old (the others send a little slower meanwhile, never faster).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from bot.services.resources import Services
from bot.services.worker_loop import ALIVE_WITHIN
from bot.services.workers import worker_id
from storage import workers
from storage.models import WorkerBeat

# While the others have not yet seen a newcomer: enough for a reply now and then.
JOINING_RATE = 1.0


def share_of(total: float, me: str, alive: Sequence[WorkerBeat]) -> float:
    """This process's rate: total / N, or JOINING_RATE while the others do not count it yet."""
    mine = next((row for row in alive if row.name == me), None)
    others = [row for row in alive if row.name != me]
    if mine is None:  # no beat of ours yet: the others cannot know of us
        return min(total, JOINING_RATE) if others else total
    if any(_utc(row.seen_at) < _utc(mine.started_at) for row in others):
        return min(total, JOINING_RATE)
    return total / (len(others) + 1)


async def refresh_share(
    services: Services, apply: Callable[[float], None], *, now: datetime | None = None
) -> float:
    """Count the live senders and apply this process's share; returns the rate applied."""
    now = now or services.clock()
    alive = await services.db(workers.alive_workers, now=now, within=ALIVE_WITHIN)
    rate = share_of(services.telegram_max_rate, worker_id(services), alive)
    apply(rate)
    return rate


def _utc(value: datetime) -> datetime:
    """SQLite may hand back naive datetimes; they are UTC (storage writes UTC only)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
