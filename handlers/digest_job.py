"""The scheduled digest pass: every minute, send the digests whose local time has come."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram.ext import Application, ContextTypes

from handlers.dispatch import send_due
from handlers.services import get_services

log = logging.getLogger(__name__)

JOB_DIGESTS = "digests"
DIGEST_INTERVAL = timedelta(minutes=1)
# Soon after start, so digests a crash interrupted resume at once.
FIRST_RUN_DELAY = timedelta(seconds=2)


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Run a dispatch pass every minute; passes never overlap within one process."""
    queue = application.job_queue
    if queue is None:
        raise RuntimeError("the job-queue extra of python-telegram-bot is required")
    queue.run_repeating(
        digest_job,
        interval=DIGEST_INTERVAL,
        first=FIRST_RUN_DELAY,
        name=JOB_DIGESTS,
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": 30},
    )


async def digest_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """One dispatch pass, logged when it did anything."""
    summary = await send_due(get_services(context), context.bot)
    if summary.busy:
        log.info("digest pass skipped: the previous pass is still running")
    elif summary.created or summary.sent or summary.failed or summary.blocked:
        log.info("digests: %s", "; ".join(summary.lines()))
