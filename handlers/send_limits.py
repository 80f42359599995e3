"""Sending one digest message: through the process's SendBudget at bulk priority, retried.

Pacing and 429 pauses are the SendBudget's (handlers.send_budget), shared with every reply; a
RetryAfter reaches us only when the budget gave up. Network errors and 5xx replies (PTB raises
NetworkError for both) are retried here with exponential backoff. 400/403/migration errors are
not retried: the caller decides what they mean for the chat.
"""

from __future__ import annotations

import asyncio

from telegram import LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import ExtBot

from handlers.send_budget import Priority, SendBudget

SEND_ATTEMPTS = 5
BACKOFF_FIRST = 0.5
BACKOFF_MAX = 8.0
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def budget_of(bot: ExtBot) -> SendBudget:  # type: ignore[type-arg]
    """The bot's SendBudget; a bot without one would send digests unpaced, so that is an error."""
    budget = getattr(bot, "rate_limiter", None)
    if not isinstance(budget, SendBudget):
        raise TypeError("digests are sent through a bot whose rate_limiter is a SendBudget")
    return budget


async def send_html(bot: ExtBot, chat_id: int, text: str) -> Message:  # type: ignore[type-arg]
    """One digest message, after the replies waiting; raises what retrying cannot fix."""
    delay = BACKOFF_FIRST
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            return await bot.send_message(
                chat_id,
                text,
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                rate_limit_args=Priority.BULK,
            )
        except (BadRequest, RetryAfter):
            raise
        except NetworkError:
            if attempt == SEND_ATTEMPTS:
                raise
            await asyncio.sleep(delay)
            delay = min(delay * 2, BACKOFF_MAX)
    raise AssertionError("unreachable: the last attempt returns or raises")
