"""The error handler: log the exception first, then a short apology, never a traceback."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.error import Conflict, Forbidden, RetryAfter, TelegramError
from telegram.ext import ContextTypes

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log with the traceback (the log formatter redacts the token), then tell the user briefly."""
    error = context.error
    if isinstance(error, Forbidden):
        log.info("cannot write to a chat: %s", error)
        return
    if isinstance(error, Conflict):  # a second poller: bot.cli.polling decides who stays
        log.warning("getUpdates answered 409: another process polled this bot's updates")
        return
    if isinstance(error, RetryAfter):
        # The send budget waited out every flood wait up to its cap; an apology now would only
        # be refused too and lengthen the pause for everyone.
        log.warning("Telegram still refuses sends after the longest wait: %s", error)
        return
    log.error("error while handling an update", exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type == ChatType.CHANNEL:
        return  # an apology in a channel would go to every reader
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(APOLOGY)
        else:
            await context.bot.send_message(update.effective_chat.id, APOLOGY)
    except TelegramError:
        log.warning("could not send the error notice to chat %s", update.effective_chat.id)
