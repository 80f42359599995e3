"""Groups: commands addressed @botname, and only group administrators change group settings."""

from __future__ import annotations

from handlers.common import ADMINS_ONLY
from storage.engine import session_scope
from storage.models import Chat
from tests.e2e.test_bot_start import topics_in_db
from tests.fakebot.fixtures import GROUP_ID, OTHER_USER_ID, USER_ID, RunningBot

GROUP_ADMIN = USER_ID
MEMBER = OTHER_USER_ID


def make_group(bot: RunningBot) -> None:
    bot.fake.add_chat(GROUP_ID, "supergroup", title="Foreign desk", admins={GROUP_ADMIN})


async def ask_group(bot: RunningBot, text: str, user_id: int) -> str:
    message = await bot.ask(GROUP_ID, text, user_id=user_id, chat_type="supergroup")
    return str(message.text)


async def test_group_admin_changes_settings_members_cannot(bot: RunningBot) -> None:
    make_group(bot)
    # a member's /start neither signs the group up nor follows a deep-link topic
    welcome = await ask_group(bot, "/start@diplobot_test_bot russia", MEMBER)
    assert welcome.endswith("A group administrator can start the daily digest here with /start.")
    with session_scope(bot.services.engine) as session:
        assert session.get(Chat, GROUP_ID) is None
    added = await ask_group(bot, "/subscribe@diplobot_test_bot NATO", GROUP_ADMIN)
    assert added == "Now following: NATO."
    for command in (
        "/subscribe Russia",
        "/unsubscribe NATO",
        "/time 09:00",
        "/timezone UTC+1",
        "/pause",
        "/stop",
    ):
        assert await ask_group(bot, command, MEMBER) == ADMINS_ONLY
    assert topics_in_db(bot, GROUP_ID) == ["NATO"]
    # reading is for everyone
    assert (await ask_group(bot, "/topics@diplobot_test_bot", MEMBER)).startswith("You follow:")
    assert "No upcoming meetings" in await ask_group(bot, "/upcoming", MEMBER)


async def test_member_cannot_press_the_groups_buttons(bot: RunningBot) -> None:
    make_group(bot)
    await ask_group(bot, "/subscribe NATO", GROUP_ADMIN)
    confirm = await bot.ask(GROUP_ID, "/stop", user_id=GROUP_ADMIN, chat_type="supergroup")
    query = await bot.fake.press_button(
        GROUP_ID, confirm.message_id, confirm.button_data("Yes"), user_id=MEMBER
    )
    answer = await bot.fake.wait_for_answer(query)
    assert answer == {"text": "Only group administrators can change this.", "show_alert": True}
    assert topics_in_db(bot, GROUP_ID) == ["NATO"]
    query = await bot.fake.press_button(
        GROUP_ID, confirm.message_id, confirm.button_data("Yes"), user_id=GROUP_ADMIN
    )
    await bot.fake.wait_for_answer(query)
    await bot.fake.wait_for_edit(confirm, 0)
    assert confirm.text.startswith("Done: your topics and settings are deleted.")
    assert topics_in_db(bot, GROUP_ID) == []


async def test_group_creator_counts_as_admin(bot: RunningBot) -> None:
    make_group(bot)
    chat = bot.fake.chats[GROUP_ID]
    chat.creator = MEMBER
    assert await ask_group(bot, "/pause", MEMBER) == (
        "Digest paused. Commands still work; /resume to get it again."
    )


async def test_group_upgraded_to_supergroup_keeps_its_topics(bot: RunningBot) -> None:
    old_id, new_id = -4001, -1004001
    bot.fake.add_chat(old_id, "group", admins={GROUP_ADMIN})
    await bot.ask(old_id, "/subscribe NATO", user_id=GROUP_ADMIN, chat_type="group")
    await bot.fake.service_message(old_id, {"migrate_to_chat_id": new_id})
    bot.fake.add_chat(new_id, "supergroup", admins={GROUP_ADMIN})
    await bot.fake.wait_until(lambda: topics_in_db(bot, new_id) == ["NATO"])
    assert topics_in_db(bot, old_id) == []
    listing = await bot.ask(new_id, "/topics", user_id=MEMBER, chat_type="supergroup")
    assert listing.text.startswith("You follow: NATO")
