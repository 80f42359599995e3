"""Commands that change what a chat follows and when: subscribe, topics, time, timezone, stop."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import ContextTypes

from bot.pipeline.digest import display_topic, normalize_topic
from bot.pipeline.language.gazetteer import canonical_org, country_of
from bot.services import Services
from handlers import chat_ops
from handlers.common import args_text, ensure_may_change, registered_chat, reply
from handlers.keyboards import (
    DEFAULT_SUGGESTIONS,
    stop_keyboard,
    subscribe_keyboard,
    unsubscribe_keyboard,
)
from handlers.parsing import describe_timezone, parse_time, parse_timezone, parse_topics
from handlers.render import bold, esc
from handlers.services import get_services
from storage.chats import update_chat
from storage.news import recent_names

USAGE_TIME = "Use /time HH:MM, for example /time 07:30."
USAGE_TIMEZONE = (
    "I don't know that timezone. Use a name like Europe/Berlin or an offset like UTC+3."
)
USAGE_UNSUBSCRIBE = "You follow no topics, so you get everything. Add some with /subscribe."
NOT_STARTED = "You get no digest. /start to begin, or /subscribe TOPIC."
SUGGESTION_DAYS = 3


def describe_follow(result: chat_ops.FollowResult) -> str:
    """One line per outcome: added, already followed, over the limit."""
    lines = []
    if result.added:
        lines.append("Now following: " + ", ".join(bold(t) for t in result.added) + ".")
    if result.already:
        lines.append("Already following: " + esc(", ".join(result.already)) + ".")
    if result.over_limit:
        lines.append(
            "Not added (you follow the maximum of topics): " + esc(", ".join(result.over_limit))
        )
    return "\n".join(lines) or "No topic given."


async def follow_topics(update: Update, services: Services, topics: list[str]) -> str:
    """Subscribe the update's chat and describe the result."""
    chat = update.effective_chat
    assert chat is not None
    defaults = (services.default_digest_time.strftime("%H:%M"), services.default_timezone)
    result = await services.db(
        chat_ops.follow, chat_id=chat.id, kind=str(chat.type), topics=topics, defaults=defaults
    )
    return describe_follow(result)


async def suggested_topics(services: Services, followed: list[str], count: int = 6) -> list[str]:
    """Topics from recent news (countries, people, organisations), not already followed."""
    since = services.clock() - timedelta(days=SUGGESTION_DAYS)
    names = await services.db(recent_names, since=since)
    # Countries and organisations first: a newcomer knows "Kenya" before its president's name.
    names.sort(key=lambda pair: country_of(pair[0]) is None and canonical_org(pair[0]) is None)
    skip = {normalize_topic(t) for t in followed}
    chosen: dict[str, str] = {}
    for name, _count in [*names, *((t, 0) for t in DEFAULT_SUGGESTIONS)]:
        shown = display_topic(name)
        key = normalize_topic(shown)
        if key and key not in skip and key not in chosen and len(shown) <= 32:
            chosen[key] = shown
        if len(chosen) >= count:
            break
    return list(chosen.values())


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscribe TOPIC...: follow topics; without arguments, offer topics from recent news."""
    if not await ensure_may_change(update, context):
        return
    services = get_services(context)
    topics = parse_topics(args_text(update))
    if topics:
        await reply(update, context, await follow_topics(update, services, topics))
        return
    chat = await registered_chat(update, services)
    view = await services.db(chat_ops.chat_view, chat_id=chat.id)
    suggestions = await suggested_topics(services, view.topics if view else [])
    text = (
        "Pick a topic to follow, or send /subscribe with a country, person, organisation, "
        "place or keyword, e.g. /subscribe Lavrov, sanctions"
    )
    await reply(update, context, text, subscribe_keyboard(chat.id, suggestions, everything=False))


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe [TOPIC]: stop following a topic; without arguments, a keyboard of them."""
    if not await ensure_may_change(update, context):
        return
    services = get_services(context)
    chat = await registered_chat(update, services)
    topic = args_text(update)
    if topic:
        if topic.casefold() == "all":
            removed = await services.db(chat_ops.unfollow_all, chat_id=chat.id)
            await reply(update, context, f"Removed {removed} topics. You now get everything.")
            return
        shown = await services.db(chat_ops.unfollow, chat_id=chat.id, topic=topic)
        text = (
            f"No longer following {bold(shown)}."
            if shown
            else f"You don't follow {bold(display_topic(topic)[:64])}. See /topics."
        )
        await reply(update, context, text)
        return
    view = await services.db(chat_ops.chat_view, chat_id=chat.id)
    if view is None or not view.topics:
        await reply(update, context, USAGE_UNSUBSCRIBE)
        return
    pairs = [(t, normalize_topic(t)) for t in view.topics]
    await reply(
        update, context, "Tap a topic to stop following it:", unsubscribe_keyboard(chat.id, pairs)
    )


def describe_chat(view: chat_ops.ChatView) -> str:
    topics = ", ".join(bold(t) for t in view.topics) if view.topics else bold("everything")
    when = f"{esc(view.digest_time)} {esc(describe_timezone(view.timezone))}"
    digest = "paused (/resume to restart)" if view.paused else f"daily at {when}"
    return f"You follow: {topics}\nYour digest: {digest}"


async def topics_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/topics: what this chat follows, and its digest time and timezone."""
    chat = update.effective_chat
    assert chat is not None
    view = await get_services(context).db(chat_ops.chat_view, chat_id=chat.id)
    if view is None:  # never started, or /stop deleted everything: asking must not re-register
        await reply(update, context, NOT_STARTED)
        return
    await reply(update, context, describe_chat(view))


async def time_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/time HH:MM: when the daily digest comes, in the chat's timezone."""
    value = parse_time(args_text(update))
    if value is None:
        await reply(update, context, USAGE_TIME)
        return
    if not await ensure_may_change(update, context):
        return
    services = get_services(context)
    chat = await registered_chat(update, services)
    row = await services.db(update_chat, chat_id=chat.id, digest_time=value)
    zone = describe_timezone(row.timezone if row else chat.timezone)
    await reply(update, context, f"Your digest comes daily at {bold(value)} {esc(zone)}.")


async def timezone_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timezone Area/City or UTC+3: the timezone for the digest time and dates."""
    zone = parse_timezone(args_text(update))
    if zone is None:
        await reply(update, context, USAGE_TIMEZONE)
        return
    if not await ensure_may_change(update, context):
        return
    services = get_services(context)
    chat = await registered_chat(update, services)
    row = await services.db(update_chat, chat_id=chat.id, timezone=zone)
    at = row.digest_time if row else chat.digest_time
    text = f"Timezone set to {bold(describe_timezone(zone))}: your digest comes at {esc(at)}."
    await reply(update, context, text)


async def _set_paused(update: Update, context: ContextTypes.DEFAULT_TYPE, paused: bool) -> None:
    if not await ensure_may_change(update, context):
        return
    services = get_services(context)
    chat = await registered_chat(update, services)
    await services.db(update_chat, chat_id=chat.id, paused=paused)
    when = f"{chat.digest_time} {describe_timezone(chat.timezone)}"
    text = (
        "Digest paused. Commands still work; /resume to get it again."
        if paused
        else f"Digest resumed: daily at {esc(when)}."
    )
    await reply(update, context, text)


async def pause(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pause: no digests until /resume."""
    await _set_paused(update, context, True)


async def resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/resume: digests again."""
    await _set_paused(update, context, False)


async def stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stop: ask before deleting the chat's topics and settings."""
    if not await ensure_may_change(update, context):
        return
    chat = update.effective_chat
    assert chat is not None
    text = (
        "Delete this chat's topics and settings and stop the digest? "
        "The news itself stays; /start brings you back any time."
    )
    await reply(update, context, text, stop_keyboard(chat.id))
