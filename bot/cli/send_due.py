"""`diplobot send-due`: one digest dispatch pass now (for cron deployments), then a summary.

Safe next to a running bot: the same outbox rows and claims keep every digest once a day.
"""

from __future__ import annotations

import argparse
import asyncio

from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.app import build_services, digest_outlet, send_budget, share_budget
from bot.cli.common import fail, migrated_settings
from bot.config import Settings
from bot.services import DispatchSummary, dispatch_due
from bot.services.worker_loop import beat_until


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("send-due", help="send the digests that are due now, once")
    parser.set_defaults(func=_send_due)


# Enough for 30 msg/s at real Telegram latency; httpx scans its whole pool on every request.
CONNECTIONS = 16


def make_bot(settings: Settings, token: str) -> ExtBot:  # type: ignore[type-arg]
    """A bot for one pass, paced by its own SendBudget as the bot process is."""
    base = settings.telegram_api_base_url.rstrip("/")
    return ExtBot(
        token,
        base_url=base,
        base_file_url=base.removesuffix("/bot") + "/file/bot",
        request=HTTPXRequest(connection_pool_size=CONNECTIONS, read_timeout=15.0),
        rate_limiter=send_budget(settings),
    )


async def _pass(settings: Settings, token: str) -> DispatchSummary:
    services = build_services(settings)
    try:
        async with make_bot(settings, token) as bot:
            # A sender like the others: it takes its share of the bot's budget while it runs.
            stop = asyncio.Event()
            beat = asyncio.create_task(
                beat_until(services, "send-due", stop, share_budget(services, bot))
            )
            try:
                return await dispatch_due(services, digest_outlet(bot))
            finally:
                stop.set()
                await beat
    finally:
        services.engine.dispose()
        services.close()


def _send_due(args: argparse.Namespace) -> int:
    settings = migrated_settings()
    token = settings.token
    if token is None:
        fail("TELEGRAM_BOT_TOKEN is not set")
    summary = asyncio.run(_pass(settings, token))
    print("\n".join(summary.lines()))
    return 1 if summary.failed else 0
