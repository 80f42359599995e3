"""One send budget for everything the process sends to Telegram: a PTB BaseRateLimiter.

Every Bot API call made through the application's bot passes `SendBudget.process_request`
(PTB skips only getUpdates). Calls that deliver something to a chat (send*, edit*, delete*, ...:
anything with a chat_id that is not a get*) take a slot of the one overall schedule, `1/rate`
apart at SAFETY under the budget, and wait for their chat: `chat_rate` a second in private
chats, and in groups and channels (negative ids) also at most GROUP_PER_MINUTE a minute.
Waiting calls are served by priority, then in arrival order: a reply (the default) goes before
a digest message (`rate_limit_args=Priority.BULK`), so the fan-out takes what replies leave.

A 429 pauses every call, paced or not, for the `retry_after` Telegram asks (plus a margin); the
refused call keeps its place in the queue and is sent again. Only a wait over FLOOD_WAIT_CAP in
total, or MAX_FLOOD_RETRIES refusals of one call, reach the caller as RetryAfter.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
import warnings
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from enum import IntEnum
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

# Pace a little under the budget so jitter on the wire never crosses Telegram's window.
SAFETY = 0.97
GROUP_PER_MINUTE = 20
PAUSE_MARGIN = 0.1
FLOOD_WAIT_CAP = 120.0
MAX_FLOOD_RETRIES = 10
IDLE_CHATS = 50_000


class Priority(IntEnum):
    """rate_limit_args: lower goes first. Anything without one is a reply to a person."""

    REPLY = 0
    BULK = 10


def retry_seconds(exc: RetryAfter) -> float:
    """RetryAfter.retry_after is an int or a timedelta depending on PTB settings."""
    with warnings.catch_warnings():  # PTB 22 warns that the int form will become a timedelta
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def is_paced(endpoint: str, data: dict[str, Any]) -> bool:
    """Telegram counts what reaches a chat; reads (getChatMember, ...) and callback answers
    are not paced, but they too wait out a 429 pause."""
    return "chat_id" in data and not endpoint.startswith("get")


@dataclass(order=True)
class _Ticket:
    priority: int
    seq: int
    chat: int | str = field(compare=False)
    granted: asyncio.Future[None] = field(compare=False)


class SendBudget(BaseRateLimiter[Priority]):
    """The process's only pacer; `set_rate` changes its share of the bot's budget live."""

    def __init__(
        self, rate: float, chat_rate: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.chat_interval = 1.0 / chat_rate
        self.interval = 1.0 / (rate * SAFETY)
        self.rate = rate
        self.paused_until = 0.0
        self.pauses = 0
        self._clock = clock
        self._next = 0.0
        self._chat_next: dict[int | str, float] = {}
        self._group_sent: dict[int | str, deque[float]] = {}
        self._waiting: list[_Ticket] = []
        self._seq = itertools.count()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def set_rate(self, rate: float) -> None:
        """This process's share of TELEGRAM_MAX_RATE (see bot.services.send_share)."""
        if rate != self.rate:
            log.info("send budget: %.1f calls a second for this process", rate)
        self.rate = rate
        self.interval = 1.0 / (rate * SAFETY)

    def pause(self, seconds: float) -> None:
        """Telegram said 429: nobody sends until the pause is over."""
        self.paused_until = max(self.paused_until, self._clock() + seconds + PAUSE_MARGIN)
        self.pauses += 1
        self._wake.set()

    async def initialize(self) -> None:
        """Nothing to open: the scheduler starts with the first paced call."""

    async def shutdown(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Priority | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        priority = int(Priority.REPLY if rate_limit_args is None else rate_limit_args)
        chat = _chat_key(data.get("chat_id")) if is_paced(endpoint, data) else None
        seq, waited = next(self._seq), 0.0
        for attempt in range(1, MAX_FLOOD_RETRIES + 1):
            if chat is None:
                await self._pause_over()
            else:
                await self._slot(priority, seq, chat)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                seconds = retry_seconds(exc)
                self.pause(seconds)
                waited += seconds
                if waited > FLOOD_WAIT_CAP or attempt == MAX_FLOOD_RETRIES:
                    log.warning("%s refused with 429 %d times; giving up", endpoint, attempt)
                    raise
                log.info("429 on %s: every send waits %.1f s", endpoint, seconds)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _pause_over(self) -> None:
        # Sleeps exactly the pause; loops only when another 429 made it longer meanwhile.
        while (delay := self.paused_until - self._clock()) > 0:  # noqa: ASYNC110
            await asyncio.sleep(delay)

    async def _slot(self, priority: int, seq: int, chat: int | str) -> None:
        """Queue for a slot; the scheduler resolves the future when it is this call's turn."""
        ticket = _Ticket(priority, seq, chat, asyncio.get_running_loop().create_future())
        self._waiting.append(ticket)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._schedule(), name="send-budget")
        self._wake.set()
        await ticket.granted  # a cancelled caller cancels it, and the scheduler drops it

    async def _schedule(self) -> None:
        """Hand out one slot at a time: the best waiting call whose chat may send now."""
        while True:
            self._waiting = [t for t in self._waiting if not t.granted.done()]
            now = self._clock()
            start = max(self._next, self.paused_until)
            if not self._waiting:
                await self._sleep(None)
                continue
            if start > now:
                await self._sleep(start - now)
                continue
            ready = [t for t in self._waiting if self._chat_ready(t.chat) <= now]
            if not ready:
                await self._sleep(min(self._chat_ready(t.chat) for t in self._waiting) - now)
                continue
            ticket = min(ready)
            self._waiting.remove(ticket)
            self._take(ticket.chat, start, now)
            ticket.granted.set_result(None)

    async def _sleep(self, seconds: float | None) -> None:
        """Sleep until `seconds` pass or something changes (a new call, a pause)."""
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)

    def _chat_ready(self, chat: int | str) -> float:
        ready = self._chat_next.get(chat, 0.0)
        sent = self._group_sent.get(chat)
        if sent is not None and len(sent) >= GROUP_PER_MINUTE:
            ready = max(ready, sent[0] + 60.0)
        return ready

    def _take(self, chat: int | str, planned: float, now: float) -> None:
        # On time, slots stay exactly `interval` apart (no drift); after a late wake-up the next
        # call still waits half an interval, so lateness never turns into a burst.
        self._next = max(planned + self.interval, now + self.interval / 2)
        self._chat_next[chat] = now + self.chat_interval
        if isinstance(chat, str) or chat < 0:
            sent = self._group_sent.setdefault(chat, deque(maxlen=GROUP_PER_MINUTE))
            sent.append(now)
        if len(self._chat_next) > IDLE_CHATS:
            self._forget_idle_chats(now)

    def _forget_idle_chats(self, now: float) -> None:
        self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
        self._group_sent = {c: s for c, s in self._group_sent.items() if s[-1] > now - 60}


def _chat_key(chat_id: object) -> int | str:
    """PTB may pass the id as int or str; "@channel" names stay strings (a channel's key)."""
    try:
        return int(str(chat_id))
    except ValueError:
        return str(chat_id)
