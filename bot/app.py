"""The composition root: the one place that wires settings, database, spaCy and PTB."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from telegram.ext import Application, ApplicationBuilder, ExtBot

from bot.config import Settings
from bot.services import Outlet, Services
from bot.services.send_share import refresh_share
from bot.services.worker_loop import beat_until
from handlers import collect_job, dispatch, send_limits, setup
from handlers.send_budget import SendBudget
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


def send_budget(settings: Settings) -> SendBudget:
    """The process's one pacer for every Bot API call (replies first, then digests)."""
    return SendBudget(settings.telegram_max_rate, settings.telegram_chat_rate)


def digest_outlet(bot: ExtBot) -> Outlet:  # type: ignore[type-arg]
    """The Bot API sender for a dispatch pass run outside the bot (`diplobot send-due`)."""
    return dispatch.telegram_outlet(bot)


def share_budget(services: Services, bot: ExtBot) -> Callable[[], Awaitable[object]]:  # type: ignore[type-arg]
    """After each heartbeat: this process's share of TELEGRAM_MAX_RATE, applied to the bot's
    SendBudget (see bot.services.send_share)."""
    budget = send_limits.budget_of(bot)

    async def refresh() -> object:
        return await refresh_share(services, budget.set_rate)

    return refresh


def admin_notifier(services: Services, bot: ExtBot) -> Callable[[], Awaitable[object]]:  # type: ignore[type-arg]
    """For `diplobot worker`: tell the admins once about sources that were disabled."""

    async def notify() -> object:
        return await collect_job.notify_disabled(services, bot)

    return notify


def build_application(
    settings: Settings, services: Services | None = None, *, role: str = "run"
) -> Application:
    """Build the PTB application; nothing connects until it runs.

    `role="run"` (the one-process default) schedules collection and dispatch too; `"front"`
    only answers Telegram, for deployments where `diplobot worker` processes do the work.
    """
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
        .rate_limiter(send_budget(settings))
        .concurrent_updates(True)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data[SERVICES_KEY] = services
    application.bot_data[ROLE_KEY] = role
    setup.register(application, jobs=role == "run")
    return application


ROLE_KEY = "role"
_BEAT = "heartbeat"


async def _post_init(application: Application) -> None:
    await setup.on_start(application)
    services: Services = application.bot_data[SERVICES_KEY]
    stop = asyncio.Event()
    role = application.bot_data.get(ROLE_KEY, "run")
    on_beat = share_budget(services, application.bot)
    beat = asyncio.create_task(beat_until(services, role, stop, on_beat))
    services.state[_BEAT] = (stop, beat)
    log.info("diplobot started as @%s (%s)", application.bot.username, role)


async def _post_shutdown(application: Application) -> None:
    services: Services = application.bot_data[SERVICES_KEY]
    beat = services.state.pop(_BEAT, None)
    if beat is not None:
        stop, task = beat
        stop.set()
        await task
    services.engine.dispose()
    services.close()
