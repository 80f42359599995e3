"""Per-user flood control: a user sending hundreds of commands is slowed down, others are not.

A token bucket per user: BURST updates at once, then one every REFILL_SECONDS. Over the limit,
updates are dropped before any handler runs; the user is told once, and told again only after
having been quiet long enough for the bucket to fill up.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes, TypeHandler

BURST = 20
REFILL_SECONDS = 2.0
MAX_TRACKED_USERS = 50_000
FLOOD_KEY = "flood_guard"
NOTICE = "You're sending commands very fast, so I'm ignoring some. Try again in a minute."


class Verdict(Enum):
    ALLOW = "allow"
    NOTIFY = "notify"
    DROP = "drop"


@dataclass
class _Bucket:
    tokens: float
    updated: float
    notified: bool = False


class FloodGuard:
    """Token buckets keyed by user id; the clock is injectable for tests."""

    def __init__(
        self,
        burst: int = BURST,
        refill_seconds: float = REFILL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst = burst
        self.refill = refill_seconds
        self.clock = clock
        self._buckets: dict[int, _Bucket] = {}

    def check(self, user_id: int) -> Verdict:
        now = self.clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= MAX_TRACKED_USERS:
                self._buckets.clear()  # bounded memory; forgetting only forgives
            bucket = self._buckets[user_id] = _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) / self.refill)
        bucket.updated = now
        if bucket.tokens >= self.burst:
            bucket.notified = False  # quiet long enough: a later flood gets a fresh notice
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return Verdict.ALLOW
        if bucket.notified:
            return Verdict.DROP
        bucket.notified = True
        return Verdict.NOTIFY


async def guard(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every handler (group -1): lets the update through or stops it."""
    if not isinstance(update, Update) or update.effective_user is None:
        return
    flood: FloodGuard = context.bot_data.setdefault(FLOOD_KEY, FloodGuard())
    verdict = flood.check(update.effective_user.id)
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.NOTIFY and update.effective_chat is not None:
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(
                update.effective_chat.id, NOTICE, parse_mode=ParseMode.HTML
            )
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    raise ApplicationHandlerStop


def handler() -> TypeHandler[Update, ContextTypes.DEFAULT_TYPE, None]:
    return TypeHandler(Update, guard)
