"""What every command shares: replying in HTML, the chat's row, and who may change a chat."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram import (
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.services import Services
from storage.chats import ensure_chat, get_chat
from storage.models import Chat

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
GROUP_TYPES = frozenset({ChatType.GROUP, ChatType.SUPERGROUP})
ADMIN_STATUSES = frozenset({ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})
ADMINS_ONLY = "Only group administrators can change this group's settings."
Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


async def send(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    chunks: str | Sequence[str],
    markup: Markup | None = None,
) -> Message | None:
    """Send HTML chunks (already escaped, each within 4096); the keyboard goes on the last."""
    parts = [chunks] if isinstance(chunks, str) else list(chunks)
    last: Message | None = None
    for index, text in enumerate(parts):
        last = await context.bot.send_message(
            chat_id,
            text,
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
            reply_markup=markup if index == len(parts) - 1 else None,
        )
    return last


async def reply(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    chunks: str | Sequence[str],
    markup: Markup | None = None,
) -> Message | None:
    """Answer in the chat the update came from."""
    chat = update.effective_chat
    if chat is None:
        return None
    return await send(context, chat.id, chunks, markup)


def args_text(update: Update) -> str:
    """Everything after the command word, as typed (CommandHandler's args lose the spacing)."""
    message = update.effective_message
    text = (message.text or "") if message else ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


async def registered_chat(update: Update, services: Services) -> Chat:
    """The chat's row, created with the operator's defaults on first contact."""
    chat = update.effective_chat
    assert chat is not None
    row, _new = await services.db(
        ensure_chat,
        chat_id=chat.id,
        kind=str(chat.type),
        title=chat.title,
        digest_time=services.default_digest_time.strftime("%H:%M"),
        timezone=services.default_timezone,
        now=services.clock(),
    )
    return row


async def known_chat(update: Update, services: Services) -> Chat:
    """The chat's row if it has one, else an unsaved row with the defaults.

    Read-only commands use this: asking /upcoming after /stop must not sign the chat up again.
    """
    chat = update.effective_chat
    assert chat is not None
    row = await services.db(get_chat, chat_id=chat.id)
    if row is not None:
        return row  # type: ignore[no-any-return]
    return Chat(
        id=chat.id,
        kind=str(chat.type),
        digest_time=services.default_digest_time.strftime("%H:%M"),
        timezone=services.default_timezone,
        active=False,
    )


async def may_change(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Private chats change themselves; in groups only administrators may (checked live)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return False
    if chat.type not in GROUP_TYPES:
        return user is not None and user.id == chat.id
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id  # an anonymous administrator
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError:
        return False
    return member.status in ADMIN_STATUSES


async def ensure_may_change(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """may_change, telling a refused group member why."""
    if await may_change(update, context):
        return True
    await reply(update, context, ADMINS_ONLY)
    return False


def local_today(services: Services, timezone: str) -> date:
    return local_now(services, timezone).date()


def local_now(services: Services, timezone: str) -> datetime:
    try:
        zone = ZoneInfo(timezone)
    except (ValueError, OSError):
        zone = ZoneInfo("UTC")
    return services.clock().astimezone(zone)
