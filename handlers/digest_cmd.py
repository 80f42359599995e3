"""/digest: the chat's digest right now, on demand; the scheduled one still comes as usual."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from handlers.common import registered_chat, reply
from handlers.digest_facts import (
    SNAPSHOT_TTL,
    FactsSnapshot,
    build_digest,
    load_snapshot,
    window_start,
)
from handlers.digest_render import render_digest
from handlers.services import Services, get_services
from storage.digests import topics_of

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
    """Send what the next digest would say now, without moving the scheduled digest's window."""
    services = get_services(context)
    chat = await registered_chat(update, services)
    topics = await services.db(topics_of, chat_ids=[chat.id])
    now = services.clock()
    digest = build_digest(
        await recent_snapshot(services),
        topics=topics.get(chat.id, []),
        timezone=chat.timezone,
        now=now,
        since=window_start(chat.last_digest_at, now),
    )
    await reply(update, context, render_digest(digest))


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("digest", digest_command))
