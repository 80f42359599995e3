"""Admin commands (ADMIN_IDS only): sources, a collection pass on demand, and numbers."""

from __future__ import annotations

from datetime import datetime, time

from sqlmodel import Session
from telegram import Update
from telegram.ext import ContextTypes

from bot.pipeline.collect import check_source_url
from bot.services import collect_once
from handlers.common import args_text, reply
from handlers.parsing import parse_source_id
from handlers.render import bold, chunk_items, count, esc, shorten
from handlers.services import get_services
from storage.chats import Stats, bot_stats
from storage.models import Source
from storage.sources import add_source, list_sources

REFUSED = "This command is for the bot's administrators."
USAGE_ADDSOURCE = "Use /addsource URL, for example /addsource https://example.org/news/rss.xml"
USAGE_REMOVESOURCE = "Use /removesource ID (the number shown by /sources)."
MAX_URL = 2048


async def _is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    if get_services(context).is_admin(user.id if user else None):
        return True
    await reply(update, context, REFUSED)
    return False


async def addsource(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/addsource URL: poll a new feed (public http(s) addresses only)."""
    if not await _is_admin(update, context):
        return
    url = args_text(update)
    if (
        not url
        or len(url) > MAX_URL
        or " " in url
        or not url.lower().startswith(("http://", "https://"))
    ):
        await reply(update, context, USAGE_ADDSOURCE)
        return
    services = get_services(context)
    reason = await check_source_url(url, allow_private=services.allow_private_sources)
    if reason is not None:
        await reply(update, context, f"Refused: {esc(shorten(reason, 200))}")
        return
    source, created = await services.db(add_source, url=url)
    verb = "Added" if created else "Already there:"
    await reply(update, context, f"{verb} source #{source.id}: {esc(url)}")


def remove_source_by_id(
    *, session: Session, source_id: int, configured: frozenset[str] = frozenset()
) -> str | None:
    """Stop polling a source by id; its articles stay. Returns its URL, or None if unknown.

    A feed listed in FEEDS is disabled rather than deleted: the next pass would add it again.
    """
    source = session.get(Source, source_id)
    if source is None:
        return None
    url = source.url
    if url in configured:
        source.enabled = False
        source.disabled_notified = True  # an admin did it: nobody needs telling
        session.add(source)
    else:
        session.delete(source)
    return url


async def removesource(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/removesource ID: stop polling a feed (its articles stay)."""
    if not await _is_admin(update, context):
        return
    source_id = parse_source_id(args_text(update))
    if source_id is None:
        await reply(update, context, USAGE_REMOVESOURCE)
        return
    services = get_services(context)
    url = await services.db(
        remove_source_by_id, source_id=source_id, configured=frozenset(services.feeds)
    )
    text = (
        f"Removed source #{source_id}: {esc(url)}"
        if url
        else f"No source #{source_id}. See /sources."
    )
    await reply(update, context, text)


def _source_line(source: Source) -> str:
    if not source.enabled:
        state = "disabled"
    elif source.consecutive_failures:
        state = count(source.consecutive_failures, "failure")
    else:
        state = "ok"
    return f"#{source.id} {esc(source.url)} · {state}"


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sources: every feed with its id and state."""
    if not await _is_admin(update, context):
        return
    rows = await get_services(context).db(list_sources)
    if not rows:
        await reply(update, context, "No sources yet. Add one with /addsource URL.")
        return
    await reply(
        update, context, chunk_items(bold(f"{len(rows)} sources"), [_source_line(s) for s in rows])
    )


async def collect(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/collect: run a collection pass now and report what it found."""
    if not await _is_admin(update, context):
        return
    await reply(update, context, "Collecting…")
    summary = await collect_once(get_services(context))
    if summary.skipped:
        await reply(update, context, "A collection pass is already running.")
        return
    text = (
        f"{bold('Collection done')}: {summary.sources_polled} sources polled, "
        f"{summary.failed} failed, {summary.new_articles} new articles "
        f"({summary.relevant} about diplomacy), {summary.statements} statements, "
        f"{summary.meetings} meetings."
    )
    errors = [f"• {esc(shorten(e, 200))}" for e in summary.errors[:10]]
    await reply(update, context, chunk_items(text, errors))


def _stats_text(stats: Stats) -> list[str]:
    last = stats.last_run_at.strftime("%Y-%m-%d %H:%M UTC") if stats.last_run_at else "never"
    lines = [
        f"Chats: {stats.chats} · active subscribers: {stats.active_subscribers}",
        f"Topics followed: {stats.topics}",
        f"Today: {stats.articles_today} articles, {stats.meetings_today} new meetings",
        f"Last collection: {esc(last)}",
    ]
    failing = [f"• #{i} {esc(u)} · {count(n, 'failure')}" for i, u, n in stats.failing_sources]
    if failing:
        lines.append(bold("Failing sources"))
    return chunk_items(bold("Stats"), lines + failing)


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats: chats, subscribers, topics, today's articles and meetings, failing sources."""
    if not await _is_admin(update, context):
        return
    services = get_services(context)
    today = datetime.combine(services.clock().date(), time(0), tzinfo=services.clock().tzinfo)
    await reply(update, context, _stats_text(await services.db(bot_stats, since=today)))
