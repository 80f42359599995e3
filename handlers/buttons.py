"""Inline-button handlers.

Each checks that the button belongs to the chat it was pressed in and that the presser may
change that chat, so forged or replayed data changes nothing else.
"""

from __future__ import annotations

import html
import re

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from handlers import chat_ops
from handlers.common import ADMINS_ONLY as GROUP_ADMINS_ONLY
from handlers.common import NO_PREVIEW, send
from handlers.keyboards import (
    EVERYTHING,
    PAGE_PREFIX,
    STOP_PREFIX,
    SUB_PREFIX,
    TIME_CHOICES,
    TIME_MENU,
    TIME_PREFIX,
    UNSUB_PREFIX,
    split_data,
    time_keyboard,
)
from handlers.news_cmds import page_view
from handlers.parsing import describe_timezone
from handlers.render import bold, esc
from handlers.services import get_services
from handlers.settings_cmds import follow_topics
from handlers.targets import Target, resolve
from storage.chats import delete_chat, get_chat, update_chat

NOT_YOURS = "This button belongs to another chat."
ADMINS_ONLY = "Only group administrators can change this."
EXPIRED = "This list has expired: send /upcoming again."


def strip_tags(text: str) -> str:
    """A refusal written for HTML, as plain text for a callback answer."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


async def _edit(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the button message's text; an unchanged message is not an error."""
    try:
        await query.edit_message_text(
            text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW, reply_markup=markup
        )
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def _authorised(
    update: Update, context: ContextTypes.DEFAULT_TYPE, prefix: str
) -> tuple[Target, str] | None:
    """The target and the data after "<prefix><chat>:" when the user may act on it, else None.

    A button names the chat it changes: the chat it was pressed in, or (in a private chat) the
    channel its user is configuring, with that right re-checked live.
    """
    query = update.callback_query
    assert query is not None
    parsed = split_data(query.data or "", prefix)
    chat = update.effective_chat
    private = chat is not None and chat.type == ChatType.PRIVATE
    if parsed is None or chat is None or (parsed[0] != chat.id and not private):
        await query.answer(NOT_YOURS, show_alert=True)
        return None
    target = await resolve(update, context, change=True)
    if isinstance(target, str):
        refusal = ADMINS_ONLY if target == GROUP_ADMINS_ONLY else strip_tags(target)
        await query.answer(refusal[:200], show_alert=True)
        return None
    if parsed[0] != target.chat_id:
        await query.answer(NOT_YOURS, show_alert=True)
        return None
    return target, parsed[1]


async def on_subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A suggested-topic button: follow it ("Everything" clears the topics)."""
    authorised = await _authorised(update, context, SUB_PREFIX)
    if authorised is None:
        return
    target, topic = authorised
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None and chat is not None
    services = get_services(context)
    if topic == EVERYTHING:
        await services.db(chat_ops.unfollow_all, chat_id=target.chat_id)
        await query.answer("You now get everything.")
        text = "You follow everything. Narrow it down with /subscribe."
        await send(context, chat.id, target.say(text))
        return
    text = await follow_topics(target, services, [topic])
    await query.answer(f"Following {topic}"[:200])
    await send(context, chat.id, text)


async def on_unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A "✕ topic" button: stop following it."""
    authorised = await _authorised(update, context, UNSUB_PREFIX)
    if authorised is None:
        return
    target, handle = authorised
    query = update.callback_query
    assert query is not None
    removed = await get_services(context).db(
        chat_ops.unfollow_by_hash, chat_id=target.chat_id, handle=handle
    )
    await query.answer()
    text = f"No longer following {bold(removed)}." if removed else "You don't follow that topic."
    await _edit(query, target.say(text))


async def on_time_menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ "Change time": show the time choices (read-only until one is pressed)."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    if chat is None or (query.data or "").removeprefix(TIME_MENU) != str(chat.id):
        await query.answer(NOT_YOURS, show_alert=True)
        return
    await query.answer()
    row = await get_services(context).db(get_chat, chat_id=chat.id)
    zone = describe_timezone(row.timezone) if row else "UTC"
    text = f"When should your digest come? Times are {esc(zone)}; /timezone to change."
    await send(context, chat.id, text, time_keyboard(chat.id))


async def on_time(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A time choice: set the digest time."""
    authorised = await _authorised(update, context, TIME_PREFIX)
    if authorised is None:
        return
    target, value = authorised
    query = update.callback_query
    assert query is not None
    if value not in TIME_CHOICES:
        await query.answer(NOT_YOURS, show_alert=True)
        return
    row = await get_services(context).db(update_chat, chat_id=target.chat_id, digest_time=value)
    await query.answer()
    if row is None:
        await _edit(query, "Send /start first.")
        return
    zone = describe_timezone(row.timezone)
    await _edit(query, target.say(f"Your digest comes daily at {bold(value)} {esc(zone)}."))


async def on_stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The /stop confirmation: delete the chat's topics and settings, or keep them."""
    authorised = await _authorised(update, context, STOP_PREFIX)
    if authorised is None:
        return
    target, answer = authorised
    query = update.callback_query
    assert query is not None
    await query.answer()
    if answer != "yes":
        await _edit(query, target.say("Nothing deleted."))
        return
    await get_services(context).db(delete_chat, chat_id=target.chat_id)
    text = (
        "Done: its topics and settings are deleted and I no longer post there. You can remove "
        "me from its administrators; your commands change this chat again."
        if target.is_channel
        else "Done: your topics and settings are deleted. /start to come back."
    )
    await _edit(query, target.say(text))


async def on_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Previous/Next on an /upcoming list (read-only: pages live in this chat's chat_data)."""
    query = update.callback_query
    assert query is not None
    token, _sep, page = (query.data or "").removeprefix(PAGE_PREFIX).partition(":")
    valid = page.isdecimal() and page.isascii() and len(page) < 5
    view = page_view(context, token, int(page)) if valid else None
    if view is None:
        await query.answer(EXPIRED, show_alert=True)
        return
    await query.answer()
    await _edit(query, view[0], view[1])


async def on_unknown(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Data no handler knows (an old bot version, or forged)."""
    if update.callback_query is not None:
        await update.callback_query.answer("This button no longer works.")


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Add the button handlers; unknown data gets a short answer."""
    for prefix, callback in (
        (SUB_PREFIX, on_subscribe),
        (UNSUB_PREFIX, on_unsubscribe),
        (TIME_MENU, on_time_menu),
        (TIME_PREFIX, on_time),
        (STOP_PREFIX, on_stop),
        (PAGE_PREFIX, on_page),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=f"^{prefix}"))
    application.add_handler(CallbackQueryHandler(on_unknown))
