"""/start, /help, the unknown-command pointer, command registration and the command menus."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select
from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from bot.pipeline.digest import due_at, zone
from bot.services import Services
from handlers import admin, news_cmds, settings_cmds
from handlers.common import (
    GROUP_TYPES,
    args_text,
    known_chat,
    may_change,
    registered_chat,
    reply,
)
from handlers.keyboards import subscribe_keyboard
from handlers.parsing import describe_timezone, parse_deep_link
from handlers.render import bold, count, esc
from handlers.services import SERVICES_KEY, get_services
from handlers.targets import Target
from storage.deliveries import move_chat
from storage.models import Chat, Source

log = logging.getLogger(__name__)

USER_COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Start, with suggested topics"),
    ("help", "All commands"),
    ("subscribe", "Follow topics: /subscribe Russia, NATO"),
    ("unsubscribe", "Stop following a topic"),
    ("topics", "What I follow, digest time and timezone"),
    ("upcoming", "Upcoming meetings: /upcoming [TOPIC] [DAYS]"),
    ("who", "Latest statements: /who Lavrov"),
    ("time", "Digest time: /time 07:30"),
    ("timezone", "Timezone: /timezone Europe/Berlin"),
    ("pause", "Pause the digest"),
    ("resume", "Resume the digest"),
    ("calendar", "Upcoming meetings as a calendar file"),
    ("stop", "Delete my topics and settings"),
)
ADMIN_COMMANDS: tuple[tuple[str, str], ...] = (
    ("addsource", "Add a feed: /addsource URL"),
    ("removesource", "Remove a feed: /removesource ID"),
    ("sources", "List feeds"),
    ("collect", "Run a collection pass now"),
    ("stats", "Numbers"),
)
UNKNOWN = "I don't know that command. /help lists what I can do."
HINT = "I answer commands: /subscribe TOPIC to follow a topic, /help for everything else."
# Other modules that add user commands (e.g. /digest) append (name, description) here at register
# time, so the menu and /help list them without this module knowing them.
EXTRA_COMMANDS_KEY = "extra_user_commands"


def user_commands(bot_data: dict[str, object]) -> list[tuple[str, str]]:
    extra = bot_data.get(EXTRA_COMMANDS_KEY, [])
    return [*USER_COMMANDS, *(extra if isinstance(extra, list) else [])]


def _enabled_sources(*, session: Session) -> int:
    query = select(func.count()).select_from(Source).where(col(Source.enabled))
    return int(session.exec(query).one())


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start [topic]: register the chat and welcome it; a deep-link payload subscribes."""
    services = get_services(context)
    allowed = await may_change(update, context)
    # A group member who is not an administrator cannot sign the group up for daily messages.
    chat = await (registered_chat if allowed else known_chat)(update, services)
    payload = parse_deep_link(args_text(update))
    if payload and allowed:
        here = Target(chat.id, chat.kind, chat.title)  # /start is about this chat, never a channel
        await reply(update, context, await settings_cmds.follow_topics(here, services, [payload]))
    # Configured feeds enter the database on the first collection pass; count them before that.
    sources = max(await services.db(_enabled_sources), len(services.feeds))
    suggestions = await settings_cmds.suggested_topics(services, [], count=4)
    last = (
        f"{digest_promise(chat, services.clock())} · /help for all commands"
        if chat.active
        else "A group administrator can start the daily digest here with /start."
    )
    text = (
        f"Welcome! I read diplomacy news from {count(sources, 'source')} and send you, once a day, "
        f"{bold('who said what')} and {bold('which talks are coming up')}.\n"
        f"Follow a country, leader or organisation, or everything:\n{last}"
    )
    await reply(update, context, text, subscribe_keyboard(chat.id, suggestions, time_button=True))


def digest_promise(chat: Chat, now: datetime) -> str:
    """When the digest comes; a chat that started after today's time waits for tomorrow's."""
    at = bold(f"{chat.digest_time} {describe_timezone(chat.timezone)}")
    today = now.astimezone(zone(chat.timezone)).date()
    if chat.last_digest_at is None and chat.created_at > due_at(
        today, chat.digest_time, chat.timezone
    ):
        return f"Your first digest comes tomorrow at {at}"
    return f"Your digest comes daily at {at}"


def help_text(is_admin: bool, commands: list[tuple[str, str]] | None = None) -> str:
    listed = USER_COMMANDS if commands is None else commands
    lines = [bold("Commands")] + [f"/{name} – {esc(desc)}" for name, desc in listed]
    if is_admin:
        lines += ["", bold("Admin")] + [f"/{name} – {esc(desc)}" for name, desc in ADMIN_COMMANDS]
    lines += ["", "Topics are countries, people, organisations, places or keywords."]
    return "\n".join(lines)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: every command with one line each (admin commands for admins, in private)."""
    user = update.effective_user
    private = update.effective_chat is not None and update.effective_chat.type not in GROUP_TYPES
    is_admin = private and get_services(context).is_admin(user.id if user else None)
    await reply(update, context, help_text(is_admin, user_commands(context.bot_data)))


async def unknown(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any other /command: a pointer to /help (in groups only when addressed to this bot)."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or not message.text:
        return
    command = message.text.split(maxsplit=1)[0]
    _name, _at, target = command.partition("@")
    if target and target.casefold() != (context.bot.username or "").casefold():
        return
    if chat.type in GROUP_TYPES and not target:
        return  # in a group an unaddressed unknown command is probably for another bot
    await reply(update, context, UNKNOWN)


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Add every user and admin command."""
    handlers = {
        "start": start,
        "help": help_command,
        "subscribe": settings_cmds.subscribe,
        "unsubscribe": settings_cmds.unsubscribe,
        "topics": settings_cmds.topics_command,
        "time": settings_cmds.time_command,
        "timezone": settings_cmds.timezone_command,
        "pause": settings_cmds.pause,
        "resume": settings_cmds.resume,
        "stop": settings_cmds.stop,
        "upcoming": news_cmds.upcoming,
        "who": news_cmds.who,
        "calendar": news_cmds.calendar,
        "addsource": admin.addsource,
        "removesource": admin.removesource,
        "sources": admin.sources,
        "collect": admin.collect,
        "stats": admin.stats,
    }
    for name, callback in handlers.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migrate))


async def on_migrate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup: its settings and topics follow it to the new chat id."""
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None:
        return
    old_id, new_id = message.chat.id, message.migrate_to_chat_id
    await get_services(context).db(move_chat, old_id=old_id, new_id=new_id)
    context.application.migrate_chat_data(old_chat_id=old_id, new_chat_id=new_id)
    log.info("chat %s moved to supergroup %s", old_id, new_id)


async def hint(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Plain text in a private chat: say how to talk to the bot."""
    await reply(update, context, HINT)


def register_fallback(application: Application) -> None:  # type: ignore[type-arg]
    """The unknown-command pointer and the private-text hint; register them last."""
    application.add_handler(MessageHandler(filters.COMMAND, unknown))
    private_text = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(private_text & ~filters.UpdateType.EDITED, hint))


async def set_menus(application: Application) -> None:  # type: ignore[type-arg]
    """User commands for everyone; users+admin commands in each admin's private chat."""
    bot = application.bot
    services: Services = application.bot_data[SERVICES_KEY]
    users = [BotCommand(n, d) for n, d in user_commands(application.bot_data)]
    await bot.set_my_commands(users, scope=BotCommandScopeDefault())
    admins = users + [BotCommand(n, d) for n, d in ADMIN_COMMANDS]
    for admin_id in sorted(services.admin_ids):
        try:
            await bot.set_my_commands(admins, scope=BotCommandScopeChat(admin_id))
        except TelegramError as exc:  # an admin who never wrote to the bot has no chat yet
            log.warning("admin command menu not set for %s: %s", admin_id, exc)
