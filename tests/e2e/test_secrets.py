"""The bot token never shows: `diplobot run` at DEBUG through commands, errors, a collection.

httpx logs every request URL, and Telegram URLs carry the token; PTB puts it in exception texts;
tracebacks print whatever the exception says. Everything the process writes is searched for the
token and for its secret half (the part after the colon), and so is everything the bot sent.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli.run import TOKEN_REJECTED
from bot.logs import REDACTED
from handlers.errors import APOLOGY
from tests.fakebot import FakeBotServer
from tests.feedserver import FeedServer, load_articles, rss2

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "8123456789:AAF-distinctive_SECRET_part_9zYxWvUtSrQp"
SECRET_HALF = TOKEN.split(":", 1)[1]
ADMIN = 5550001
USER = 1000001
STARTUP_SECONDS = 60


@dataclass
class BotProcess:
    """A `diplobot run` subprocess whose stdout and stderr go to files in `workdir`."""

    process: asyncio.subprocess.Process
    workdir: Path

    def output(self) -> str:
        return "".join(
            (self.workdir / name).read_text(errors="replace") for name in ("out.log", "err.log")
        )

    async def stop(self) -> int:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        return int(self.process.returncode or 0)


async def start_bot(fake: FakeBotServer, workdir: Path, **settings: str) -> BotProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "FEEDS"))}
    env.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=fake.base_url,
        DATABASE_URL=f"sqlite:///{workdir / 'bot.db'}",
        LOG_LEVEL="DEBUG",
        ADMIN_IDS=str(ADMIN),
        FEEDS="",
        COLLECT_INTERVAL_MINUTES="1440",  # collections only when the admin asks
    )
    env.update(settings)
    with (workdir / "out.log").open("wb") as out, (workdir / "err.log").open("wb") as err:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=workdir, env=env, stdout=out, stderr=err
        )
    return BotProcess(process, workdir)


async def polled(fake: FakeBotServer, bot: BotProcess, count: int = 1) -> None:
    """Wait until the bot has asked for updates `count` times in all (it is up and polling)."""

    def enough() -> bool:
        if bot.process.returncode is not None:
            raise AssertionError(f"the bot exited early:\n{bot.output()[-3000:]}")
        return sum(1 for method, _ in fake.requests if method == "getupdates") >= count

    await fake.wait_until(enough, STARTUP_SECONDS)


async def ask(fake: FakeBotServer, chat_id: int, text: str, within: float = 20) -> str:
    await fake.user_sends(chat_id, text)
    return (await fake.wait_for_message(chat_id, within)).text


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotServer]:
    server = FakeBotServer(token=TOKEN)
    await server.start()
    server.add_chat(ADMIN)
    yield server
    await server.stop()


@pytest.fixture
async def feeds() -> AsyncIterator[FeedServer]:
    """Two of our wire articles in an RSS feed, and a feed URL that answers 500."""
    server = await FeedServer().start()
    articles = load_articles()[:2]
    server.pages(articles)
    items = [(server.url(f"/news/{a.slug}.html"), a) for a in articles]
    server.static("/rss.xml", rss2(items), content_type="application/rss+xml")
    server.status("/broken.xml", 500)
    yield server
    await server.stop()


def assert_no_secret(text: str, where: str) -> None:
    assert TOKEN not in text, f"the token appears in {where}"
    assert SECRET_HALF not in text, f"the token's secret half appears in {where}"


async def test_token_never_in_output_or_messages_through_commands_errors_and_a_collection(
    fake: FakeBotServer, feeds: FeedServer, tmp_path: Path
) -> None:
    bot = await start_bot(fake, tmp_path, ALLOW_PRIVATE_SOURCES="true")
    try:
        await polled(fake, bot)
        for path in ("/rss.xml", "/broken.xml"):
            assert (await ask(fake, ADMIN, f"/addsource {feeds.url(path)}")).startswith("Added")
        assert await ask(fake, ADMIN, "/collect") == "Collecting…"
        done = (await fake.wait_for_message(ADMIN, within=120)).text
        assert done.startswith("Collection done: 2 sources polled, 1 failed, 2 new articles")
        assert (await ask(fake, USER, "/start")).startswith("Welcome")
        await ask(fake, USER, "/subscribe Russia")
        await ask(fake, USER, "/nonsense")
        # An error inside a handler: Telegram answers 500 to the reply, the handler raises.
        fake.add_fault("server", chat_id=USER, method="sendMessage", times=1)
        assert await ask(fake, USER, "/help") == APOLOGY
        # An error in the polling loop itself: the poll after the next update gets a 500.
        fault = fake.add_fault("server", method="getUpdates", times=1)
        await ask(fake, USER, "/topics")
        await fake.wait_until(lambda: fault.hits == 1, 30)
        assert "Last collection" in await ask(fake, ADMIN, "/stats")
        listing = await ask(fake, ADMIN, "/sources")
        assert "1 failure" in listing and "1 failures" not in listing
    finally:
        await bot.stop()
    output = bot.output()
    # The run really logged token-bearing lines (redacted), the error and the polling failure.
    assert f"/bot{REDACTED}/getUpdates" in output
    assert "Traceback (most recent call last)" in output
    assert "error while handling an update" in output
    assert "Internal Server Error" in output
    assert_no_secret(output, "the bot's stdout/stderr")
    for message in fake.sent:
        assert_no_secret(message.html, f"a message to chat {message.chat_id}")
    assert_no_secret(fake.request_log(), "the parameters the bot sent to the Bot API")


async def test_token_not_printed_when_telegram_rejects_it(tmp_path: Path) -> None:
    fake = FakeBotServer(token="1:a-different-token-the-server-knows")
    await fake.start()
    try:
        bot = await start_bot(fake, tmp_path)
        code = await asyncio.wait_for(bot.process.wait(), STARTUP_SECONDS)
    finally:
        await fake.stop()
    output = bot.output()
    assert code == 2
    assert output.rstrip().endswith(f"diplobot: {TOKEN_REJECTED}")
    assert_no_secret(output, "the output of a start with a rejected token")
