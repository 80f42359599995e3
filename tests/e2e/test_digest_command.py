"""/digest through the real Application: the digest now, without consuming the scheduled one."""

from __future__ import annotations

from handlers.dispatch import send_due
from storage.engine import session_scope
from tests.digest_news import add_statement
from tests.fakebot.fixtures import DEFAULT_NOW, USER_ID, RunningBot


def add_news(bot: RunningBot) -> None:
    with session_scope(bot.services.engine) as s:
        add_statement(
            s,
            now=DEFAULT_NOW,
            url="https://www.tass.com/politics/5",
            title="Kremlin <b>answers</b> & more",
            kind="direct",
            text="We expect <script> answers & guarantees",
        )


async def test_digest_now_does_not_consume_the_scheduled_one(bot: RunningBot) -> None:
    await bot.ask(USER_ID, "/start")
    add_news(bot)
    reply = await bot.ask(USER_ID, "/digest")
    assert reply.text.startswith("Diplomacy digest · Fri 7 Jan 2022")
    assert (
        "Dmitry Peskov (Kremlin spokesman): “We expect <script> answers & guarantees”" in reply.text
    )
    assert reply.link_preview_disabled

    summary = await send_due(bot.services, bot.application.bot)
    assert summary.sent == [USER_ID]
    scheduled = await bot.fake.wait_for_message(USER_ID)
    assert "Dmitry Peskov" in scheduled.text

    bot.clock.advance(hours=1)
    again = await bot.ask(USER_ID, "/digest")
    assert "Nothing new in diplomacy since your last digest." in again.text
