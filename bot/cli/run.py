"""`diplobot run`: the bot itself, long polling by default or a webhook with WEBHOOK_URL."""

from __future__ import annotations

import argparse

from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import Application

from bot.app import build_application
from bot.cli.common import fail, load_settings
from bot.config import Settings
from bot.logs import webhook_secret
from storage.migrate import upgrade

TOKEN_REJECTED = (
    "Telegram rejected TELEGRAM_BOT_TOKEN (not shown here). Check it with @BotFather, or "
    "TELEGRAM_API_BASE_URL if you use your own Bot API server."
)
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
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
