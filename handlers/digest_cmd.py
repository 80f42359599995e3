"""/digest: the chat's digest right now, on demand (the scheduled one still comes as usual);
/quiet: whether a day with nothing for the chat's topics sends a short line or nothing."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.services import SNAPSHOT_TTL, FactsSnapshot, Services, build_digest, load_snapshot
from handlers.commands import EXTRA_COMMANDS_KEY
from handlers.common import args_text, reply
from handlers.digest_render import render_digest
from handlers.services import get_services
from handlers.targets import changing, known, reading, registered
from storage.digests import set_send_empty, topics_of

SNAPSHOT_KEY = "digest_snapshot"


async def recent_snapshot(services: Services) -> FactsSnapshot:
    """A snapshot at most SNAPSHOT_TTL old, so a burst of /digest costs one load."""
    now = services.clock()
    cached = services.state.get(SNAPSHOT_KEY)
    if isinstance(cached, FactsSnapshot) and now - cached.loaded_at < SNAPSHOT_TTL:
        return cached
    snapshot = await services.db(load_snapshot, now=now)
    services.state[SNAPSHOT_KEY] = snapshot
    return snapshot


async def digest_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send what the next digest would say now, without moving the scheduled digest's window.

    While a channel is configured, this previews the channel's digest in the private chat.
    """
    target = await reading(update, context)
    if target is None:
        return
    services = get_services(context)
    chat = await known(services, target)  # asking does not sign a stopped chat up again
    topics = await services.db(topics_of, chat_ids=[chat.id])
    now = services.clock()
    digest = build_digest(
        await recent_snapshot(services),
        topics=topics.get(chat.id, []),
        timezone=chat.timezone,
        now=now,
        last_digest_at=chat.last_digest_at,
    )
    chunks = render_digest(digest)
    if target.is_channel:  # a preview, here in private: the channel's readers see nothing
        chunks = [target.say("its next digest would say:"), *chunks]
    await reply(update, context, chunks)


QUIET_USAGE = "Use /quiet on (no digest on days with nothing new) or /quiet off (one short line)."
QUIET_ON = "Quiet days on: on a day with nothing new for your topics I send nothing."
QUIET_OFF = "Quiet days off: on a day with nothing new for your topics you get one short line."


async def quiet_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Turn the short "nothing new" message of empty days off or on."""
    services = get_services(context)
    choice = args_text(update).casefold()
    if choice not in {"on", "off"}:
        shown = await reading(update, context)
        if shown is None:
            return
        chat = await known(services, shown)
        state = QUIET_ON if not chat.send_empty else QUIET_OFF
        await reply(update, context, shown.say(f"{state}\n{QUIET_USAGE}"))
        return
    target = await changing(update, context)
    if target is None:
        return
    chat = await registered(services, target)
    await services.db(set_send_empty, chat_id=chat.id, send_empty=choice == "off")
    await reply(update, context, target.say(QUIET_ON if choice == "on" else QUIET_OFF))


DIGEST_COMMANDS = (
    ("digest", "My digest now"),
    ("quiet", "Empty days: /quiet on (send nothing) or off"),
)


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("digest", digest_command))
    application.add_handler(CommandHandler("quiet", quiet_command))
    # The menu and /help list them too (setMyCommands runs after every register call).
    application.bot_data.setdefault(EXTRA_COMMANDS_KEY, []).extend(DIGEST_COMMANDS)
