"""`diplobot run` and `diplobot front`: the bot, long polling or a webhook with WEBHOOK_URL.

`run` does everything in one process (the default, and all SQLite supports); `front` only
answers Telegram while `diplobot worker` processes collect, extract and send on PostgreSQL.
"""

from __future__ import annotations

import argparse

from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import Application

from bot.app import build_application
from bot.cli.common import fail, load_settings
from bot.cli.polling import SECOND_POLLER, PollGuard
from bot.config import Settings
from bot.logs import webhook_secret
from storage.engine import is_sqlite
from storage.migrate import upgrade

TOKEN_REJECTED = (
    "Telegram rejected TELEGRAM_BOT_TOKEN (not shown here). Check it with @BotFather, or "
    "TELEGRAM_API_BASE_URL if you use your own Bot API server."
)
NO_TOKEN = (
    "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather in Telegram, then put "
    "TELEGRAM_BOT_TOKEN=<token> in .env or the environment."
)
FRONT_ON_SQLITE = (
    "`front` leaves collection and digests to `diplobot worker` processes, which need "
    "PostgreSQL (DATABASE_URL); on SQLite run everything in one process with `diplobot run`"
)
EXIT_SECOND_POLLER = 1


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "run", help="run the bot and all its work (long polling, or webhook with WEBHOOK_URL)"
    )
    parser.set_defaults(func=_run, role="run")
    front = subparsers.add_parser(
        "front", help="answer Telegram only; `diplobot worker` processes do the work (PostgreSQL)"
    )
    front.set_defaults(func=_run, role="front")


def _run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if settings.token is None:
        fail(NO_TOKEN)
    if args.role == "front" and is_sqlite(settings.database_url):
        fail(FRONT_ON_SQLITE)
    upgrade(settings.database_url)
    application = build_application(settings, role=args.role)
    try:
        _serve(application, settings)
    except InvalidToken:
        fail(TOKEN_REJECTED)
    return 0


def _serve(application: Application, settings: Settings) -> None:  # type: ignore[type-arg]
    if settings.webhook_url:
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url.rstrip("/") + "/telegram",
            allowed_updates=Update.ALL_TYPES,
            secret_token=webhook_secret(application.bot.token),
        )
        return
    guard = PollGuard(application)
    application.run_polling(allowed_updates=Update.ALL_TYPES)
    if guard.conflict:
        fail(SECOND_POLLER, EXIT_SECOND_POLLER)
