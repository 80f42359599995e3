"""Pytest fixtures: the fake Bot API server and the REAL Application long-polling against it.

Use from a conftest.py: `from tests.fakebot.fixtures import *  # noqa: F403`.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from telegram import Update
from telegram.ext import Application

from bot.app import build_application, build_services
from bot.config import Settings
from bot.services import Services
from storage.migrate import upgrade
from tests.fakebot.fake import FakeBotServer

ADMIN_ID = 5550001
USER_ID = 1000001
OTHER_USER_ID = 1000002
GROUP_ID = -1001234567890
# A Friday in the January 2022 talks season: the fixture articles are written around it.
DEFAULT_NOW = datetime(2022, 1, 7, 9, 0, tzinfo=UTC)
# Messages a second per chat for the bot under test, as for the processes of start_role.
TEST_CHAT_RATE = 20.0

__all__ = [
    "ADMIN_ID",
    "DEFAULT_NOW",
    "GROUP_ID",
    "OTHER_USER_ID",
    "USER_ID",
    "FakeClock",
    "RunningBot",
    "bot",
    "bot_factory",
    "e2e_db_url",
    "fakebot",
    "migrated_template",
    "run_bot",
]


@dataclass
class FakeClock:
    """An injectable UTC clock (Services.clock) that tests move by hand."""

    now: datetime = DEFAULT_NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@dataclass
class RunningBot:
    """A started bot: the fake server, the PTB Application, its Services and the clock."""

    fake: FakeBotServer
    application: Application
    services: Services
    settings: Settings
    clock: FakeClock
    extra: dict[str, Any] = field(default_factory=dict)

    async def ask(self, chat_id: int, text: str, **kwargs: Any) -> Any:
        """Send `text` as a user and return the bot's next message in that chat."""
        await self.fake.user_sends(chat_id, text, **kwargs)
        return await self.fake.wait_for_message(chat_id)


@asynccontextmanager
async def run_bot(
    fake: FakeBotServer,
    database_url: str,
    *,
    admin_ids: tuple[int, ...] = (ADMIN_ID,),
    clock: FakeClock | None = None,
    customize: Callable[[Services], None] | None = None,
    **settings_kwargs: Any,
) -> AsyncIterator[RunningBot]:
    """Start build_application(...) with long polling against `fake`; stop it on exit.

    The bot paces TEST_CHAT_RATE messages a second per chat unless `telegram_chat_rate` is
    given (Telegram's 1 a second would make every second reply in a chat wait a second; a
    test of per-chat pacing against fake.enforce_limits passes the real rate)."""
    settings_kwargs.setdefault("telegram_chat_rate", TEST_CHAT_RATE)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=SecretStr(fake.token),
        telegram_api_base_url=fake.base_url,
        database_url=database_url,
        admin_ids=list(admin_ids),
        feeds=[],
        **settings_kwargs,
    )
    clock = clock or FakeClock()
    services = build_services(settings)
    services.clock = clock
    if customize is not None:
        customize(services)
    for admin in admin_ids:  # admins have talked to the bot, so their chat scope exists
        fake.add_chat(admin)
    application = build_application(settings, services)
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    assert application.updater is not None
    await application.updater.start_polling(
        poll_interval=0.0, timeout=1, bootstrap_retries=0, allowed_updates=Update.ALL_TYPES
    )
    await application.start()
    try:
        yield RunningBot(fake, application, services, settings, clock)
    finally:
        await fake.release_polls()
        await application.updater.stop()
        await fake.release_polls(False)
        await application.stop()
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file per session; each bot gets a copy (migrating takes a while)."""
    path = tmp_path_factory.mktemp("fakebot-db") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def e2e_db_url(migrated_template: Path, tmp_path: Path) -> Iterator[str]:
    target = tmp_path / "bot.db"
    shutil.copyfile(migrated_template, target)
    yield f"sqlite:///{target}"


@pytest.fixture
async def fakebot() -> AsyncIterator[FakeBotServer]:
    """A started fake Bot API server on 127.0.0.1 with a random free port."""
    fake = FakeBotServer()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
def bot_factory(fakebot: FakeBotServer, e2e_db_url: str) -> Callable[..., Any]:
    """`async with bot_factory(admin_ids=..., clock=..., customize=...) as running:`."""

    def factory(**kwargs: Any) -> Any:
        return run_bot(fakebot, e2e_db_url, **kwargs)

    return factory


@pytest.fixture
async def bot(bot_factory: Callable[..., Any]) -> AsyncIterator[RunningBot]:
    """The bot running with default settings (one admin: ADMIN_ID, clock at DEFAULT_NOW)."""
    async with bot_factory() as running:
        yield running
