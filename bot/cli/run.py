"""`diplobot run`: the bot itself, long polling by default or a webhook with WEBHOOK_URL."""

from __future__ import annotations

import argparse

from telegram import Update

from bot.app import build_application
from bot.cli.common import fail, load_settings
from storage.migrate import upgrade

NO_TOKEN = (
    "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather in Telegram, then put "
    "TELEGRAM_BOT_TOKEN=<token> in .env or the environment."
)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "run", help="run the bot (long polling, or webhook with WEBHOOK_URL)"
    )
    parser.set_defaults(func=_run)


def _run(_args: argparse.Namespace) -> int:
    settings = load_settings()
    if settings.token is None:
        fail(NO_TOKEN)
    upgrade(settings.database_url)
    application = build_application(settings)
    if settings.webhook_url:
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url.rstrip("/") + "/telegram",
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
