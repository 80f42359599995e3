"""Sending within Telegram's limits: overall and per-chat pacing, 429 pauses, retried failures.

Pacing is a schedule of slots `1/rate` apart, handed out one sender at a time, and a late
event loop never "catches up" in a burst (Telegram counts any one-second window). A RetryAfter
pauses every send for the time Telegram asks; network errors and 5xx replies (PTB raises
NetworkError for both) are retried with exponential backoff. 400/403/migration errors
are not retried here: the caller decides what they mean for the chat.
"""

from __future__ import annotations

import asyncio
import time
import warnings
from collections.abc import Callable
from datetime import timedelta

from telegram import Bot, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter

# Pace a little under the configured rate so jitter on the wire never crosses Telegram's window.
SAFETY = 0.97
SEND_ATTEMPTS = 5
BACKOFF_FIRST = 0.5
BACKOFF_MAX = 8.0
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def retry_seconds(exc: RetryAfter) -> float:
    """RetryAfter.retry_after is an int or a timedelta depending on PTB settings."""
    with warnings.catch_warnings():  # PTB 22 warns that the int form will become a timedelta
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class SendLimiter:
    """Shared by every sender in the process: overall rate, per-chat rate, and 429 pauses."""

    def __init__(
        self, rate: float, chat_rate: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.interval = 1.0 / (rate * SAFETY)
        self.chat_interval = 1.0 / chat_rate
        self._clock = clock
        self._next = 0.0
        self._paused_until = 0.0
        self._chat_next: dict[int, float] = {}
        self._gate = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Telegram said 429: nobody sends until the pause is over."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def wait(self, chat_id: int) -> None:
        """Sleep until both this chat and the whole bot may send, then take the slot."""
        ready = self._chat_next.get(chat_id, 0.0) - self._clock()
        if ready > 0:
            await asyncio.sleep(ready)
        async with self._gate:  # one sender at a time waits for the next slot
            planned = max(self._next, self._paused_until, self._clock())
            while True:
                if (delay := planned - self._clock()) > 0:
                    await asyncio.sleep(delay)
                if self._paused_until <= planned:
                    break
                planned = max(self._paused_until, self._clock())  # a 429 came in meanwhile
            now = self._clock()
            # On time, slots stay exactly `interval` apart (no drift); after a late wake-up the
            # next send still waits half an interval, so lateness never turns into a burst.
            self._next = max(planned + self.interval, now + self.interval / 2)
        self._chat_next[chat_id] = now + self.chat_interval
        if len(self._chat_next) > 50_000:
            self._forget_idle_chats()

    def _forget_idle_chats(self) -> None:
        now = self._clock()
        self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}


async def send_html(bot: Bot, limiter: SendLimiter, chat_id: int, text: str) -> Message:
    """One message, paced and retried; raises what retrying cannot fix (or the last error)."""
    delay = BACKOFF_FIRST
    for attempt in range(1, SEND_ATTEMPTS + 1):
        await limiter.wait(chat_id)
        try:
            return await bot.send_message(
                chat_id, text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
            )
        except RetryAfter as exc:
            limiter.pause(retry_seconds(exc))
            if attempt == SEND_ATTEMPTS:
                raise
        except BadRequest:
            raise
        except NetworkError:
            if attempt == SEND_ATTEMPTS:
                raise
            await asyncio.sleep(delay)
            delay = min(delay * 2, BACKOFF_MAX)
    raise AssertionError("unreachable: the last attempt returns or raises")
