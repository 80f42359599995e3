"""`diplobot worker`: collection, extraction and digest dispatch, next to any number of others.

Workers share the work through PostgreSQL claims (see bot.services.worker_loop); on SQLite only
one process may write, so `worker` is refused there with the reason.
"""

from __future__ import annotations

import argparse
import asyncio
import signal

from bot.app import admin_notifier, build_services, digest_outlet, share_budget
from bot.cli.common import fail, migrated_settings
from bot.cli.send_due import make_bot
from bot.config import Settings
from bot.services.worker_loop import run_worker
from storage.engine import is_sqlite

ON_SQLITE = (
    "`worker` shares the work with other processes through PostgreSQL; SQLite takes one "
    "process only, so run everything in it with `diplobot run` (or set DATABASE_URL to "
    "postgresql+psycopg://...)"
)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "worker", help="collect, extract and send digests alongside other workers (PostgreSQL)"
    )
    parser.set_defaults(func=_worker)


async def _serve(settings: Settings, token: str) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    services = build_services(settings)
    try:
        async with make_bot(settings, token) as bot:
            await run_worker(
                services,
                digest_outlet(bot),
                stop,
                idle_seconds=settings.worker_idle_seconds,
                dispatch_seconds=settings.worker_dispatch_seconds,
                notify=admin_notifier(services, bot),
                on_beat=share_budget(services, bot),
            )
    finally:
        services.engine.dispose()
        services.close()


def _worker(_args: argparse.Namespace) -> int:
    settings = migrated_settings()
    if is_sqlite(settings.database_url):
        fail(ON_SQLITE)
    token = settings.token
    if token is None:
        fail("TELEGRAM_BOT_TOKEN is not set (workers send the digests)")
    asyncio.run(_serve(settings, token))
    return 0
