"""The composition root: the one place that wires settings, database, spaCy and PTB."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

from bot.config import Settings
from bot.services import Outlet, Services
from handlers import dispatch, setup
from handlers.services import SERVICES_KEY
from storage.engine import make_engine

log = logging.getLogger(__name__)


def build_services(settings: Settings) -> Services:
    """Services without Telegram: shared by the bot and the one-shot CLI commands."""
    model = settings.spacy_model

    def load_extractor() -> object:
        from bot.pipeline.extractor import Extractor, load_nlp

        return Extractor(load_nlp(model))

    return Services(
        engine=make_engine(settings.database_url),
        admin_ids=frozenset(settings.admin_ids),
        default_digest_time=settings.digest_time,
        default_timezone=settings.default_timezone,
        collect_interval_minutes=settings.collect_interval_minutes,
        feeds=tuple(settings.feeds),
        spacy_model=model,
        allow_private_sources=settings.allow_private_sources,
        telegram_max_rate=settings.telegram_max_rate,
        telegram_chat_rate=settings.telegram_chat_rate,
        extractor_factory=load_extractor,
    )


def digest_outlet(services: Services, bot: Bot) -> Outlet:
    """The Bot API sender for a dispatch pass run outside the bot (`diplobot send-due`)."""
    return dispatch.telegram_outlet(services, bot)


def build_application(settings: Settings, services: Services | None = None) -> Application:
    """Build the PTB application with handlers and jobs; nothing connects until it runs."""
    token = settings.token
    if token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    services = services or build_services(settings)
    base = settings.telegram_api_base_url.rstrip("/")
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(base)
        .base_file_url(base.removesuffix("/bot") + "/file/bot")
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=settings.telegram_max_rate, overall_time_period=1, max_retries=3
            )
        )
        .concurrent_updates(True)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data[SERVICES_KEY] = services
    setup.register(application)
    return application


async def _post_init(application: Application) -> None:
    await setup.on_start(application)
    log.info("diplobot started as @%s", application.bot.username)


async def _post_shutdown(application: Application) -> None:
    services: Services = application.bot_data[SERVICES_KEY]
    services.engine.dispose()
    services.close()
