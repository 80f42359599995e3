"""Commands that change what a chat follows and when: subscribe, topics, time, timezone, stop."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.pipeline.digest import display_topic, normalize_topic
from bot.pipeline.language.gazetteer import canonical_org, country_of
from bot.services import Services
from bot.services.channel_loss import channel_label
from handlers import chat_ops
from handlers.common import args_text, reply
from handlers.keyboards import (
    DEFAULT_SUGGESTIONS,
    stop_keyboard,
    subscribe_keyboard,
    unsubscribe_keyboard,
)
from handlers.parsing import describe_timezone, parse_time, parse_timezone, parse_topics
from handlers.render import bold, esc
from handlers.services import get_services
from handlers.targets import Target, changing, registered
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


async def follow_topics(target: Target, services: Services, topics: list[str]) -> str:
    """Subscribe the target chat and describe the result."""
    defaults = (services.default_digest_time.strftime("%H:%M"), services.default_timezone)
    result = await services.db(
        chat_ops.follow,
        chat_id=target.chat_id,
        kind=target.kind,
        topics=topics,
        defaults=defaults,
    )
    return target.say(describe_follow(result))


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
    target = await changing(update, context)
    if target is None:
        return
    services = get_services(context)
    topics = parse_topics(args_text(update))
    if topics:
        await reply(update, context, await follow_topics(target, services, topics))
        return
    chat = await registered(services, target)
    view = await services.db(chat_ops.chat_view, chat_id=chat.id)
    suggestions = await suggested_topics(services, view.topics if view else [])
    text = (
        "Pick a topic to follow, or send /subscribe with a country, person, organisation, "
        "place or keyword, e.g. /subscribe Lavrov, sanctions"
    )
    keyboard = subscribe_keyboard(chat.id, suggestions, everything=False)
    await reply(update, context, target.say(text), keyboard)


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe [TOPIC]: stop following a topic; without arguments, a keyboard of them."""
    target = await changing(update, context)
    if target is None:
        return
    services = get_services(context)
    chat = await registered(services, target)
    topic = args_text(update)
    if topic:
        if topic.casefold() == "all":
            removed = await services.db(chat_ops.unfollow_all, chat_id=chat.id)
            text = f"Removed {removed} topics. You now get everything."
            await reply(update, context, target.say(text))
            return
        shown = await services.db(chat_ops.unfollow, chat_id=chat.id, topic=topic)
        text = (
            f"No longer following {bold(shown)}."
            if shown
            else f"You don't follow {bold(display_topic(topic)[:64])}. See /topics."
        )
        await reply(update, context, target.say(text))
        return
    view = await services.db(chat_ops.chat_view, chat_id=chat.id)
    if view is None or not view.topics:
        await reply(update, context, target.say(USAGE_UNSUBSCRIBE))
        return
    pairs = [(t, normalize_topic(t)) for t in view.topics]
    text = target.say("Tap a topic to stop following it:")
    await reply(update, context, text, unsubscribe_keyboard(chat.id, pairs))


def describe_chat(view: chat_ops.ChatView) -> str:
    topics = ", ".join(bold(t) for t in view.topics) if view.topics else bold("everything")
    return f"You follow: {topics}\nYour digest: {_schedule(view)}"


def _schedule(view: chat_ops.ChatView) -> str:
    when = f"{esc(view.digest_time)} {esc(describe_timezone(view.timezone))}"
    return "paused (/resume to restart)" if view.paused else f"daily at {when}"


def describe_channels(channels: list[chat_ops.ChannelView]) -> str:
    """The /topics lines for the channels a user manages, the one being configured marked."""
    lines = [bold("Your channels")]
    for channel in channels:
        topics = ", ".join(channel.view.topics) if channel.view.topics else "everything"
        line = (
            f"📢 {bold(channel_label(channel.title, channel.username))}: {esc(topics)} · "
            f"{_schedule(channel.view)}"
        )
        if channel.selected:
            line += " · configuring now (/channel off to go back)"
        lines.append(line)
    return "\n".join(lines)


async def topics_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/topics: what this chat follows and when; in private, also the user's channels."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    services = get_services(context)
    view = await services.db(chat_ops.chat_view, chat_id=chat.id)
    # Never started, or /stop deleted everything: asking must not re-register.
    parts = [describe_chat(view) if view else NOT_STARTED]
    if chat.type == ChatType.PRIVATE and user is not None:
        channels = await services.db(chat_ops.channel_views, user_id=user.id)
        if channels:
            parts.append(describe_channels(channels))
    await reply(update, context, "\n\n".join(parts))


async def time_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/time HH:MM: when the daily digest comes, in the chat's timezone."""
    value = parse_time(args_text(update))
    if value is None:
        await reply(update, context, USAGE_TIME)
        return
    target = await changing(update, context)
    if target is None:
        return
    services = get_services(context)
    chat = await registered(services, target)
    row = await services.db(update_chat, chat_id=chat.id, digest_time=value)
    zone = describe_timezone(row.timezone if row else chat.timezone)
    text = f"Your digest comes daily at {bold(value)} {esc(zone)}."
    await reply(update, context, target.say(text))


async def timezone_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timezone Area/City or UTC+3: the timezone for the digest time and dates."""
    zone = parse_timezone(args_text(update))
    if zone is None:
        await reply(update, context, USAGE_TIMEZONE)
        return
    target = await changing(update, context)
    if target is None:
        return
    services = get_services(context)
    chat = await registered(services, target)
    row = await services.db(update_chat, chat_id=chat.id, timezone=zone)
    at = row.digest_time if row else chat.digest_time
    text = f"Timezone set to {bold(describe_timezone(zone))}: your digest comes at {esc(at)}."
    await reply(update, context, target.say(text))


async def _set_paused(update: Update, context: ContextTypes.DEFAULT_TYPE, paused: bool) -> None:
    target = await changing(update, context)
    if target is None:
        return
    services = get_services(context)
    chat = await registered(services, target)
    await services.db(update_chat, chat_id=chat.id, paused=paused)
    when = f"{chat.digest_time} {describe_timezone(chat.timezone)}"
    text = (
        "Digest paused. Commands still work; /resume to get it again."
        if paused
        else f"Digest resumed: daily at {esc(when)}."
    )
    await reply(update, context, target.say(text))


async def pause(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pause: no digests until /resume."""
    await _set_paused(update, context, True)


async def resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/resume: digests again."""
    await _set_paused(update, context, False)


async def stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stop: ask before deleting the chat's (or the configured channel's) topics and settings."""
    target = await changing(update, context)
    if target is None:
        return
    text = (
        "Delete the channel's topics and settings and stop posting its digest there?"
        if target.is_channel
        else "Delete this chat's topics and settings and stop the digest? "
        "The news itself stays; /start brings you back any time."
    )
    await reply(update, context, target.say(text), stop_keyboard(target.chat_id))
