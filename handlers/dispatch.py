"""The Bot API side of a dispatch pass: the one sender, and `send_due` for the job and /digest.

bot.services.dispatch plans and records the pass; here a digest becomes Telegram HTML, every
message goes through the bot's SendBudget at bulk priority (after the replies waiting), and what
Telegram answers becomes the outcomes of bot.services.outlet (403, or a 400 saying the bot may no
longer post there: chat gone; any other 400: rejected; migration: moved; network, 5xx or 429
after the retries: deferred). Any other Telegram error reaches the pass unchanged.
"""

from __future__ import annotations

from datetime import datetime

from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter
from telegram.ext import ExtBot

from bot.pipeline.digest import Digest
from bot.services import (
    ChatGone,
    ChatMoved,
    DispatchSummary,
    MessageRejected,
    SendDeferred,
    Services,
    dispatch_due,
)
from handlers.digest_render import render_digest
from handlers.send_limits import budget_of, send_html

# What Telegram answers (400) when the bot may no longer post in a channel or group: demoted,
# its posting right taken, or the chat deleted. The chat is gone for us, as after a 403.
LOST_RIGHTS = (
    "need administrator rights",
    "not enough rights",
    "have no rights to send",
    "chat_write_forbidden",
    "chat not found",
)


def lost_rights(exc: BadRequest) -> bool:
    text = str(exc).casefold()
    return any(phrase in text for phrase in LOST_RIGHTS)


class TelegramOutlet:
    """bot.services.outlet.Outlet over the Bot API: Telegram HTML, paced and retried."""

    def __init__(self, bot: ExtBot) -> None:  # type: ignore[type-arg]
        budget_of(bot)  # refuse a bot that would send the fan-out past the process's budget
        self.bot = bot

    def render(self, digest: Digest) -> list[str]:
        return render_digest(digest)

    async def send(self, chat_id: int, text: str) -> int:
        try:
            message = await send_html(self.bot, chat_id, text)
        except ChatMigrated as exc:
            raise ChatMoved(int(exc.new_chat_id)) from exc
        except Forbidden as exc:
            raise ChatGone(str(exc)) from exc
        except BadRequest as exc:
            if lost_rights(exc):
                raise ChatGone(str(exc)) from exc
            raise MessageRejected(str(exc)) from exc
        except (NetworkError, RetryAfter) as exc:
            raise SendDeferred(str(exc)) from exc
        return message.message_id


def telegram_outlet(bot: ExtBot) -> TelegramOutlet:  # type: ignore[type-arg]
    """The sender for a pass: the bot's SendBudget paces it together with every reply."""
    return TelegramOutlet(bot)


async def send_due(
    services: Services,
    bot: ExtBot,  # type: ignore[type-arg]
    *,
    now: datetime | None = None,
) -> DispatchSummary:
    """Run one dispatch pass through `bot`; see bot.services.dispatch.dispatch_due."""
    return await dispatch_due(services, telegram_outlet(bot), now=now)
