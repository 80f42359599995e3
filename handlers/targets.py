"""Which chat a settings command changes: the chat it was sent in, or the user's channel.

In a private chat, after `/channel @name`, the settings commands and their buttons change that
channel. Every change re-checks with Telegram that the user is still an administrator of it who
can post; one who is not is switched back to their own chat and told why.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot, ChatMember, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.services import Services
from bot.services.channel_loss import channel_label
from handlers.common import ADMINS_ONLY, may_change, reply
from handlers.render import bold, esc
from handlers.services import get_services
from storage.channels import CHANNEL, select_target, target_of
from storage.chats import ensure_chat, get_chat
from storage.models import Chat


@dataclass(frozen=True)
class Target:
    """The chat a command acts on, named the way its replies name it."""

    chat_id: int
    kind: str
    title: str | None = None
    username: str | None = None

    @property
    def is_channel(self) -> bool:
        return self.kind == CHANNEL

    @property
    def label(self) -> str:
        return channel_label(self.title, self.username)

    def say(self, text: str) -> str:
        """Replies about a channel start with its name, so none is mistaken for the user's own."""
        return f"📢 {bold(self.label)}: {text}" if self.is_channel else text


def may_post(member: ChatMember | None) -> bool:
    """The channel's creator, or an administrator with the right to post messages."""
    if member is None:
        return False
    if member.status == ChatMemberStatus.OWNER:
        return True
    return member.status == ChatMemberStatus.ADMINISTRATOR and bool(
        getattr(member, "can_post_messages", False)
    )


async def member_of(bot: Bot, chat_id: int, user_id: int) -> ChatMember | None:
    """getChatMember, None when Telegram will not say (e.g. the bot is not in the channel)."""
    try:
        return await bot.get_chat_member(chat_id, user_id)
    except TelegramError:
        return None


def _no_longer_admin(channel: Chat) -> str:
    name = esc(channel_label(channel.title, channel.username))
    return (
        f"You are no longer an administrator of {bold(name)} who can post, so I stopped "
        "configuring it. Commands change this chat again."
    )


async def resolve(
    update: Update, context: ContextTypes.DEFAULT_TYPE, *, change: bool
) -> Target | str:
    """The target chat, or the refusal to show; reading in a group needs no admin."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return ADMINS_ONLY
    if chat.type == ChatType.PRIVATE and user is not None:
        services = get_services(context)
        channel = await services.db(target_of, user_id=user.id)
        if channel is not None:
            if may_post(await member_of(context.bot, channel.id, user.id)):
                return Target(channel.id, CHANNEL, channel.title, channel.username)
            await services.db(select_target, user_id=user.id, chat_id=None)
            return _no_longer_admin(channel)
    if change and not await may_change(update, context):
        return ADMINS_ONLY
    return Target(chat.id, str(chat.type), chat.title)


async def changing(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Target | None:
    """The chat a settings command may change; None after telling the user why not."""
    target = await resolve(update, context, change=True)
    if isinstance(target, str):
        await reply(update, context, target)
        return None
    return target


async def reading(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Target | None:
    """The chat a read-only command shows; None after telling the user why not."""
    target = await resolve(update, context, change=False)
    if isinstance(target, str):
        await reply(update, context, target)
        return None
    return target


async def registered(services: Services, target: Target) -> Chat:
    """The target's row, created with the operator's defaults on first contact."""
    row, _new = await services.db(
        ensure_chat,
        chat_id=target.chat_id,
        kind=target.kind,
        title=target.title,
        digest_time=services.default_digest_time.strftime("%H:%M"),
        timezone=services.default_timezone,
        now=services.clock(),
    )
    return row  # type: ignore[no-any-return]


async def known(services: Services, target: Target) -> Chat:
    """The target's row if it has one, else an unsaved row with the defaults (reads only)."""
    row = await services.db(get_chat, chat_id=target.chat_id)
    if row is not None:
        return row  # type: ignore[no-any-return]
    return Chat(
        id=target.chat_id,
        kind=target.kind,
        digest_time=services.default_digest_time.strftime("%H:%M"),
        timezone=services.default_timezone,
        active=False,
    )
