"""The scheduled collection pass, and the one-time notice to admins about disabled sources."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.services import Services, collect_once
from handlers.services import SERVICES_KEY, get_services
from storage import sources

log = logging.getLogger(__name__)

JOB_COLLECT = "collect"
JOB_COLLECT_FIRST = "collect-first"


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Schedule a pass every COLLECT_INTERVAL_MINUTES; the first one shortly after start.

    The first pass is a job of its own that runs however late the scheduler starts: an interval
    trigger counts from when the job was added, so a start-up slower than the first delay (a
    loaded machine, a slow database) would move the first pass a whole interval later, and a new
    bot would show nothing for 15 minutes.
    """
    services: Services = application.bot_data[SERVICES_KEY]
    queue = application.job_queue
    if queue is None:
        raise RuntimeError("the job-queue extra of python-telegram-bot is required")
    first = timedelta(seconds=services.collect_first_delay_seconds)
    interval = timedelta(minutes=services.collect_interval_minutes)
    queue.run_once(
        collect_job, when=first, name=JOB_COLLECT_FIRST, job_kwargs={"misfire_grace_time": None}
    )
    queue.run_repeating(
        collect_job,
        interval=interval,
        first=first + interval,
        name=JOB_COLLECT,
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": 60},
    )


async def collect_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Run one collection pass, then tell the admins about newly disabled sources."""
    services = get_services(context)
    summary = await collect_once(services)
    if summary.skipped:
        log.info("collection skipped: the previous pass is still running")
        return
    log.info(
        "collection: %d sources polled (%d unchanged, %d failed), %d new articles, "
        "%d relevant, %d statements, %d meetings",
        summary.sources_polled,
        summary.not_modified,
        summary.failed,
        summary.new_articles,
        summary.relevant,
        summary.statements,
        summary.meetings,
    )
    await notify_disabled(services, context.bot)


def disabled_notice(urls: list[str], errors: list[str | None]) -> str:
    """Plain text (sent without parse mode): URLs and errors come from strangers' servers."""
    lines = ["These sources failed too often and are no longer polled:"]
    for url, error in zip(urls, errors, strict=True):
        lines.append(f"• {url}" + (f" ({error[:200]})" if error else ""))
    lines.append("Add a source again with /addsource URL once it works.")
    return "\n".join(lines)


async def notify_disabled(services: Services, bot: Bot) -> int:
    """Tell every admin once about sources disabled since the last notice; returns how many."""
    pending = await services.db(sources.sources_to_notify)
    if not pending:
        return 0
    text = disabled_notice([s.url for s in pending], [s.last_error for s in pending])
    for admin_id in sorted(services.admin_ids):
        try:
            await bot.send_message(admin_id, text[:4096], parse_mode=None)
        except TelegramError as exc:  # an admin who blocked the bot must not stop the others
            log.warning("could not tell admin %s about disabled sources: %s", admin_id, exc)
    await services.db(sources.mark_notified, source_ids=[s.id for s in pending if s.id])
    return len(pending)
