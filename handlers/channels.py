"""Channels: set up from an administrator's private chat; lost channels forgotten, admin told.

A channel post has no sender a bot can check, so nothing posted in the channel is obeyed (an
answer there would go to every reader). Instead a user who is an administrator of the channel
allowed to post sends `/channel @name` (or forwards one of its posts) in a private chat; both the
user's and the bot's rights are checked live. From then on that private chat's settings commands
change the channel, every reply saying so, until `/channel off`.
"""

from __future__ import annotations

import logging

from telegram import (
    ChatAdministratorRights,
    ChatFullInfo,
    KeyboardButton,
    KeyboardButtonRequestChat,
    MessageOriginChannel,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.services.channel_loss import channel_label, tell_channel_admin
from handlers import chat_ops
from handlers.commands import EXTRA_COMMANDS_KEY, hint
from handlers.common import args_text, reply
from handlers.dispatch import telegram_outlet
from handlers.parsing import parse_channel_ref
from handlers.render import bold, esc
from handlers.services import get_services
from handlers.settings_cmds import describe_channels, describe_chat
from handlers.targets import may_post, member_of
from storage.channels import select_target, set_up_channel
from storage.deliveries import forget_blocked_chat

log = logging.getLogger(__name__)

USAGE = (
    "To post the daily digest in a channel: tap “📢 Choose a channel” below, or make me an "
    "administrator of the channel who can post messages and send /channel @name here (or "
    "forward me one of its posts). /channel off goes back to your own settings."
)
PICK_LABEL = "📢 Choose a channel"
PICK_REQUEST = 15  # the request_id our chat picker's answer (chat_shared) carries
NO_KEYBOARD = ReplyKeyboardRemove()
PRIVATE_ONLY = "Set a channel up in a private chat with me: send /channel @name there."
BACK = "Back to your own chat: commands change your own settings again."
GONE = (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED)
COMMANDS = (("channel", "Post the digest in a channel: /channel @name"),)


def not_found(ref: str | int) -> str:
    return (
        f"I can't find the channel {esc(str(ref))}. Check the name, and add me to the channel "
        "as an administrator who can post messages first."
    )


def _rights_missing(name: str, ref: str) -> str:
    return (
        f"I am not an administrator of {bold(name)} allowed to post messages. In the channel's "
        "settings open Administrators, add me with “Post messages”, then send "
        f"/channel {esc(ref)} again."
    )


def _refused(name: str) -> str:
    return f"Only administrators of {bold(name)} who can post messages there can set up its digest."


async def channel_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/channel [@name|off]: configure a channel from here, or go back; alone, the status."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type != ChatType.PRIVATE:
        await reply(update, context, PRIVATE_ONLY)
        return
    text = args_text(update)
    if not text:
        channels = await get_services(context).db(chat_ops.channel_views, user_id=user.id)
        status = f"{describe_channels(channels)}\n\n" if channels else ""
        await reply(update, context, status + USAGE, picker_keyboard())
        return
    if text.casefold() in {"off", "none", "me"}:
        await get_services(context).db(select_target, user_id=user.id, chat_id=None)
        await reply(update, context, BACK)
        return
    ref = parse_channel_ref(text)
    if ref is None:
        await reply(update, context, USAGE)
        return
    await set_up(update, context, ref)


def _posting_rights() -> ChatAdministratorRights:
    """Only "Post messages": for the user, what the picker requires; for the bot, what it asks."""
    return ChatAdministratorRights(
        is_anonymous=False,
        can_manage_chat=False,
        can_delete_messages=False,
        can_manage_video_chats=False,
        can_restrict_members=False,
        can_promote_members=False,
        can_change_info=False,
        can_invite_users=False,
        can_post_stories=False,
        can_edit_stories=False,
        can_delete_stories=False,
        can_post_messages=True,
    )


def picker_keyboard() -> ReplyKeyboardMarkup:
    """Telegram's chat picker: it lists only channels where the user may post, and adds the bot
    as an administrator that may post when it is not one yet."""
    request = KeyboardButtonRequestChat(
        request_id=PICK_REQUEST,
        chat_is_channel=True,
        user_administrator_rights=_posting_rights(),
        bot_administrator_rights=_posting_rights(),
        request_title=True,
        request_username=True,
    )
    button = KeyboardButton(PICK_LABEL, request_chat=request)
    return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)


async def on_chat_shared(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A channel picked with the chat picker: set it up as /channel would (checked the same)."""
    message = update.effective_message
    shared = message.chat_shared if message else None
    if shared is not None and shared.request_id == PICK_REQUEST:
        await set_up(update, context, shared.chat_id)


async def on_forward(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A channel post forwarded to the bot in private: set that channel up as /channel would."""
    message = update.effective_message
    origin = message.forward_origin if message else None
    if isinstance(origin, MessageOriginChannel):
        await set_up(update, context, origin.chat.id)
    else:
        await hint(update, context)


async def set_up(update: Update, context: ContextTypes.DEFAULT_TYPE, ref: str | int) -> None:
    """Check the channel, the bot's right to post and the user's, then configure it."""
    user = update.effective_user
    assert user is not None
    try:
        channel = await context.bot.get_chat(ref)
    except TelegramError:
        await reply(update, context, not_found(ref), NO_KEYBOARD)
        return
    if channel.type != ChatType.CHANNEL:
        name = esc(channel.title or str(ref))
        text = f"{bold(name)} is not a channel. For a group, add me to it and send commands there."
        await reply(update, context, text, NO_KEYBOARD)
        return
    name = esc(channel_label(channel.title, channel.username))
    again = f"@{channel.username}" if channel.username else str(channel.id)
    if not may_post(await member_of(context.bot, channel.id, context.bot.id)):
        await reply(update, context, _rights_missing(name, again), NO_KEYBOARD)
        return
    if not may_post(await member_of(context.bot, channel.id, user.id)):
        await reply(update, context, _refused(name), NO_KEYBOARD)
        return
    await _select(update, context, channel)


async def _select(
    update: Update, context: ContextTypes.DEFAULT_TYPE, channel: ChatFullInfo
) -> None:
    """Register the checked channel, make it the user's target and say what it gets."""
    services = get_services(context)
    user = update.effective_user
    assert user is not None
    defaults = (services.default_digest_time.strftime("%H:%M"), services.default_timezone)
    await services.db(
        set_up_channel,
        chat_id=channel.id,
        title=channel.title,
        username=channel.username,
        user_id=user.id,
        defaults=defaults,
        now=services.clock(),
    )
    view = await services.db(chat_ops.chat_view, chat_id=channel.id)
    assert view is not None
    name = bold(esc(channel_label(channel.title, channel.username)))
    text = (
        f"Now configuring 📢 {name}: I post its digest there.\n"
        f"{describe_chat(view).replace('You follow', 'It follows').replace('Your', 'Its')}\n"
        "/subscribe, /unsubscribe, /time, /timezone, /pause, /resume, /quiet and /stop here now "
        "change the channel, and /digest previews it. /channel off to go back to your own "
        "settings."
    )
    await reply(update, context, text, NO_KEYBOARD)


async def on_my_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot's own membership changed: a chat that lost it is forgotten, its admin told."""
    change = update.my_chat_member
    if change is None:
        return
    chat, member = change.chat, change.new_chat_member
    if chat.type == ChatType.CHANNEL:
        lost = member.status in GONE or not may_post(member)
    elif chat.type == ChatType.PRIVATE:
        lost = member.status == ChatMemberStatus.BANNED  # the user blocked the bot
    else:
        lost = member.status in GONE
    if not lost:
        return
    services = get_services(context)
    forgotten = await services.db(forget_blocked_chat, chat_id=chat.id)
    if forgotten is not None:
        log.info("lost chat %s (%s): its data is deleted", chat.id, member.status)
        await tell_channel_admin(telegram_outlet(context.bot), forgotten)


async def ignore_channel_post(_update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Posts in a channel, commands included, are the channel's own: nothing to answer."""


def register(application: Application) -> None:  # type: ignore[type-arg]
    """/channel, forwarded channel posts, channel posts and the bot's own membership changes."""
    application.add_handler(MessageHandler(filters.UpdateType.CHANNEL_POSTS, ignore_channel_post))
    application.add_handler(CommandHandler("channel", channel_command))
    application.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.FORWARDED, on_forward)
    )
    shared = filters.ChatType.PRIVATE & filters.StatusUpdate.CHAT_SHARED
    application.add_handler(MessageHandler(shared, on_chat_shared))
    application.add_handler(ChatMemberHandler(on_my_member, ChatMemberHandler.MY_CHAT_MEMBER))
    application.bot_data.setdefault(EXTRA_COMMANDS_KEY, []).extend(COMMANDS)
