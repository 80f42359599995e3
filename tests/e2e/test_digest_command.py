"""/digest and /quiet through the real Application and the fake Bot API."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services.dispatch import PASS_LOCK
from handlers.common import ADMINS_ONLY
from handlers.digest_cmd import QUIET_OFF, QUIET_ON, QUIET_USAGE
from handlers.dispatch import send_due
from storage.engine import session_scope
from storage.models import Chat
from tests.digest_news import add_statement
from tests.fakebot.fixtures import DEFAULT_NOW, GROUP_ID, OTHER_USER_ID, USER_ID, RunningBot


def add_news(bot: RunningBot) -> None:
    with session_scope(bot.services.engine) as s:
        add_statement(
            s,
            now=bot.clock(),
            url="https://www.tass.com/politics/5",
            title="Kremlin <b>answers</b> & more",
            kind="direct",
            text="We expect <script> answers & guarantees",
        )


def started_at(bot: RunningBot, chat_id: int, when: datetime) -> None:
    """Date the chat's start on the bot's clock (storage stamps new chats with the real one)."""
    with session_scope(bot.services.engine) as s:
        chat = s.get(Chat, chat_id)
        assert chat is not None
        chat.created_at = when
        s.add(chat)


async def test_a_new_chat_gets_digest_now_and_its_first_scheduled_one_tomorrow(
    bot: RunningBot,
) -> None:
    await bot.ask(USER_ID, "/start")  # 09:00 UTC, after today's 08:00
    started_at(bot, USER_ID, bot.clock())
    empty = await bot.ask(USER_ID, "/digest")
    assert "Nothing new in diplomacy in the last 24 hours." in empty.text
    today = await send_due(bot.services, bot.application.bot)
    assert today.created == 0 and today.sent == []

    bot.clock.advance(hours=23)  # Sat 08:00
    add_news(bot)
    reply = await bot.ask(USER_ID, "/digest")
    assert reply.text.startswith("Diplomacy digest · Sat 8 Jan 2022")
    assert (
        "Dmitry Peskov (Kremlin spokesman): “We expect <script> answers & guarantees”" in reply.text
    )
    assert reply.link_preview_disabled

    summary = await send_due(bot.services, bot.application.bot)
    # The scheduled job's own pass may be sending it right now (it waits for the chat's
    # one-second spacing after the /digest reply); either way exactly one digest arrives.
    assert summary.busy or summary.sent == [USER_ID]
    scheduled = await bot.fake.wait_for_message(USER_ID)
    assert "Dmitry Peskov" in scheduled.text  # /digest did not consume it
    await bot.fake.wait_until(lambda: not bot.services.state[PASS_LOCK].locked())  # recorded

    bot.clock.advance(hours=1)
    again = await bot.ask(USER_ID, "/digest")
    assert "Nothing new in diplomacy since your last digest." in again.text


async def test_quiet_days_skip_the_empty_digest(bot: RunningBot) -> None:
    shown = await bot.ask(USER_ID, "/quiet")
    assert shown.text == f"{QUIET_OFF}\n{QUIET_USAGE}"
    assert (await bot.ask(USER_ID, "/quiet loudly")).text.endswith(QUIET_USAGE)
    assert (await bot.ask(USER_ID, "/quiet on")).text == QUIET_ON
    started_at(bot, USER_ID, DEFAULT_NOW - timedelta(days=1))  # a subscriber since yesterday

    summary = await send_due(bot.services, bot.application.bot)
    assert summary.skipped == 1 and summary.sent == []
    assert (await bot.ask(USER_ID, "/quiet off")).text == QUIET_OFF
    with session_scope(bot.services.engine) as s:
        chat = s.get(Chat, USER_ID)
        assert chat is not None and chat.send_empty


async def test_only_group_admins_change_quiet_days(bot: RunningBot) -> None:
    bot.fake.add_chat(GROUP_ID, "group", title="Desk", admins={USER_ID})
    refused = await bot.ask(GROUP_ID, "/quiet on", user_id=OTHER_USER_ID, chat_type="group")
    assert refused.text == ADMINS_ONLY
    done = await bot.ask(GROUP_ID, "/quiet on", user_id=USER_ID, chat_type="group")
    assert done.text == QUIET_ON
    with session_scope(bot.services.engine) as s:
        group = s.get(Chat, GROUP_ID)
        assert group is not None and not group.send_empty


async def test_digest_commands_are_in_help_and_the_menu(bot: RunningBot) -> None:
    reply = await bot.ask(4242, "/help")
    assert "/digest" in reply.text and "/quiet" in reply.text
    menu = bot.fake.command_menu()
    assert "digest" in menu and "quiet" in menu
