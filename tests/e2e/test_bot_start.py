"""A new user's first minutes: /start, buttons, deep links, /help, menus, unknown commands."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import select

from handlers.commands import (
    ADMIN_COMMANDS,
    HINT,
    UNKNOWN,
    USER_COMMANDS,
    set_menus,
    user_commands,
)
from storage.engine import session_scope
from storage.models import Chat, Subscription
from tests.fakebot import FakeBotServer
from tests.fakebot.fixtures import ADMIN_ID, GROUP_ID, USER_ID, FakeClock, RunningBot, run_bot


def topics_in_db(bot: RunningBot, chat_id: int) -> list[str]:
    with session_scope(bot.services.engine) as session:
        query = select(Subscription.topic).where(Subscription.chat_id == chat_id)
        return sorted(session.exec(query).all())


async def test_start_registers_and_offers_topics(bot: RunningBot) -> None:
    welcome = await bot.ask(USER_ID, "/start")
    assert "who said what" in welcome.text
    assert "08:00 UTC" in welcome.text
    assert welcome.link_preview_disabled
    labels = [label for label, _data in welcome.buttons()]
    assert {"Russia", "NATO", "Everything", "Change time"} <= set(labels)
    with session_scope(bot.services.engine) as session:
        chat = session.get(Chat, USER_ID)
        assert chat is not None and chat.kind == "private" and chat.active

    query = await bot.fake.press_button(USER_ID, welcome.message_id, welcome.button_data("NATO"))
    assert (await bot.fake.wait_for_answer(query))["text"] == "Following NATO"
    confirmation = await bot.fake.wait_for_message(USER_ID)
    assert "Now following: NATO." in confirmation.text
    assert topics_in_db(bot, USER_ID) == ["NATO"]


async def test_everything_button_clears_topics(bot: RunningBot) -> None:
    await bot.ask(USER_ID, "/subscribe Russia")
    welcome = await bot.ask(USER_ID, "/start")
    await bot.fake.press_button(USER_ID, welcome.message_id, welcome.button_data("Everything"))
    assert "everything" in (await bot.fake.wait_for_message(USER_ID)).text
    assert topics_in_db(bot, USER_ID) == []


async def test_change_time_button(bot: RunningBot) -> None:
    welcome = await bot.ask(USER_ID, "/start")
    await bot.fake.press_button(USER_ID, welcome.message_id, welcome.button_data("Change time"))
    menu = await bot.fake.wait_for_message(USER_ID)
    assert menu.text == "When should your digest come? Times are UTC; /timezone to change."
    await bot.fake.press_button(USER_ID, menu.message_id, menu.button_data("07:00"))
    await bot.fake.wait_for_edit(menu, 0)
    assert menu.text == "Your digest comes daily at 07:00 UTC."
    with session_scope(bot.services.engine) as session:
        chat = session.get(Chat, USER_ID)
        assert chat is not None and chat.digest_time == "07:00"


async def test_deep_link_subscribes(bot: RunningBot) -> None:
    first = await bot.ask(USER_ID, "/start united_states")
    assert "Now following: United States." in first.text
    assert "Welcome" in (await bot.fake.wait_for_message(USER_ID)).text
    assert topics_in_db(bot, USER_ID) == ["United States"]


async def test_help_lists_commands_and_admin_extras(bot: RunningBot) -> None:
    user_help = await bot.ask(USER_ID, "/help")
    for name, _desc in USER_COMMANDS:
        assert f"/{name} – " in user_help.text
    assert "/addsource" not in user_help.text
    admin_help = await bot.ask(ADMIN_ID, "/help")
    for name, _desc in ADMIN_COMMANDS:
        assert f"/{name} – " in admin_help.text


async def test_command_menus_registered_per_scope(bot: RunningBot) -> None:
    users = [name for name, _ in user_commands(bot.application.bot_data)]
    assert {"digest", "quiet"} <= set(users) and users[: len(USER_COMMANDS)] == [
        name for name, _ in USER_COMMANDS
    ]
    assert bot.fake.command_menu() == users
    admins = bot.fake.command_menu({"type": "chat", "chat_id": ADMIN_ID})
    assert admins == users + [name for name, _ in ADMIN_COMMANDS]


async def test_unknown_command_points_to_help(bot: RunningBot) -> None:
    assert (await bot.ask(USER_ID, "/frobnicate now")).text == UNKNOWN
    # in groups: only when addressed to this bot; /cmd@otherbot is someone else's
    await bot.fake.user_sends(GROUP_ID, "/frobnicate", user_id=USER_ID, chat_type="supergroup")
    await bot.fake.user_sends(GROUP_ID, "/help@other_bot", user_id=USER_ID, chat_type="supergroup")
    reply = await bot.ask(
        GROUP_ID, "/frobnicate@diplobot_test_bot", user_id=USER_ID, chat_type="supergroup"
    )
    assert reply.text == UNKNOWN
    assert len(bot.fake.messages(GROUP_ID)) == 1


async def test_plain_text_gets_a_hint_in_private_only(bot: RunningBot) -> None:
    assert (await bot.ask(USER_ID, "hello, what can you do?")).text == HINT
    await bot.fake.user_sends(GROUP_ID, "chatting in the group", chat_type="supergroup")
    assert (await bot.ask(GROUP_ID, "/help", chat_type="supergroup")).text.startswith("Commands")
    assert len(bot.fake.messages(GROUP_ID)) == 1


async def test_admin_who_never_wrote_does_not_stop_the_start(
    fakebot: FakeBotServer, e2e_db_url: str
) -> None:
    """Telegram has no chat for an admin who never wrote to the bot: setMyCommands says 400."""
    never_wrote = 5550999
    fakebot.chats.pop(never_wrote, None)
    async with run_bot(fakebot, e2e_db_url, admin_ids=(ADMIN_ID,)) as bot:
        bot.services.admin_ids = frozenset({ADMIN_ID, never_wrote})
        await set_menus(bot.application)
        assert (await bot.ask(USER_ID, "/help")).text.startswith("Commands")
    assert fakebot.command_menu({"type": "chat", "chat_id": ADMIN_ID})


async def test_welcome_says_when_the_first_digest_comes(bot_factory: Any) -> None:
    before_due = FakeClock(datetime(2022, 1, 7, 6, 0, tzinfo=UTC))
    async with bot_factory(clock=before_due) as early:
        assert "Your digest comes daily at 08:00 UTC" in (await early.ask(7001, "/start")).text
        early.clock.advance(hours=3)
        # The same chat keeps today's digest; a chat starting after 08:00 waits for tomorrow.
        assert "daily at 08:00 UTC" in (await early.ask(7001, "/start")).text
        late = (await early.ask(7002, "/start")).text
        assert "Your first digest comes tomorrow at 08:00 UTC" in late
