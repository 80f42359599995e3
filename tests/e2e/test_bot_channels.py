"""Channels end to end: an admin sets one up from a private chat, its digest is posted there at
its local time once; others are refused; losing the channel deletes its data, its admin told once.
"""

from __future__ import annotations

import asyncio

from sqlmodel import select

from handlers.buttons import NOT_YOURS
from handlers.channels import BACK
from handlers.dispatch import send_due
from storage.engine import session_scope
from storage.models import ChannelTarget, Chat
from tests.digest_news import add_statement
from tests.e2e.test_bot_start import topics_in_db
from tests.fakebot.fixtures import GROUP_ID, OTHER_USER_ID, USER_ID, RunningBot

CHANNEL_ID = -1009876543210
ADMIN = USER_ID
STRANGER = OTHER_USER_ID
LABEL = "📢 Foreign Desk (@foreign_desk): "


def make_channel(bot: RunningBot, **kwargs: object) -> None:
    bot.fake.add_channel(
        CHANNEL_ID, title="Foreign Desk", username="foreign_desk", admins={ADMIN}, **kwargs
    )


def chat_row(bot: RunningBot, chat_id: int) -> Chat | None:
    with session_scope(bot.services.engine) as s:
        return s.get(Chat, chat_id)


def targets(bot: RunningBot) -> list[tuple[int, int]]:
    with session_scope(bot.services.engine) as s:
        return [(t.user_id, t.chat_id) for t in s.exec(select(ChannelTarget)).all()]


async def ask_text(bot: RunningBot, text: str, user_id: int = ADMIN) -> str:
    return str((await bot.ask(user_id, text)).text)


async def set_up(bot: RunningBot) -> None:
    reply = await ask_text(bot, "/channel @foreign_desk")
    assert reply.startswith("Now configuring 📢 Foreign Desk (@foreign_desk): I post its digest")


async def test_admin_sets_up_a_channel_and_its_digest_is_posted_there_once(
    bot: RunningBot,
) -> None:
    make_channel(bot)
    await set_up(bot)
    assert await ask_text(bot, "/subscribe Kremlin") == LABEL + "Now following: Kremlin."
    zone = await ask_text(bot, "/timezone Europe/Berlin")
    assert zone == LABEL + "Timezone set to Europe/Berlin: your digest comes at 08:00."
    # 09:00 UTC is 10:00 in Berlin: 11:30 there is still to come today
    assert await ask_text(bot, "/time 11:30") == (
        LABEL + "Your digest comes daily at 11:30 Europe/Berlin."
    )
    assert chat_row(bot, ADMIN) is None  # configuring a channel does not sign the admin up
    channel = chat_row(bot, CHANNEL_ID)
    assert channel is not None and channel.kind == "channel" and channel.managed_by == ADMIN
    listing = await ask_text(bot, "/topics")
    assert "Your channels\n📢 Foreign Desk (@foreign_desk): Kremlin · daily at 11:30" in listing
    assert listing.endswith("configuring now (/channel off to go back)")

    with session_scope(bot.services.engine) as s:
        add_statement(s, now=bot.clock())
    bot.clock.advance(hours=1)  # 11:00 Berlin
    assert (await send_due(bot.services, bot.application.bot)).sent == []
    bot.clock.advance(minutes=30)  # 11:30 Berlin
    summary = await send_due(bot.services, bot.application.bot)
    assert summary.sent == [CHANNEL_ID]
    posted = await bot.fake.wait_for_message(CHANNEL_ID)
    assert posted.text.startswith("Diplomacy digest · Fri 7 Jan 2022\nKremlin · ")
    assert "Dmitry Peskov" in posted.text
    for minutes in (1, 60, 600):  # later the same local day: nothing more
        bot.clock.advance(minutes=minutes)
        assert (await send_due(bot.services, bot.application.bot)).sent == []
    assert len(bot.fake.messages(CHANNEL_ID)) == 1
    assert bot.fake.messages(ADMIN)[-1].text == listing  # the admin got no digest of their own


async def test_a_forwarded_channel_post_sets_the_channel_up(bot: RunningBot) -> None:
    make_channel(bot)
    await bot.fake.forward_from_channel(ADMIN, CHANNEL_ID, "Talks resume in Geneva")
    reply = await bot.fake.wait_for_message(ADMIN)
    assert reply.text.startswith("Now configuring 📢 Foreign Desk (@foreign_desk)")
    assert targets(bot) == [(ADMIN, CHANNEL_ID)]
    assert "channel" in bot.fake.command_menu()
    assert "/channel – Post the digest in a channel" in await ask_text(bot, "/help")
    assert await ask_text(bot, "/channel off") == BACK
    assert targets(bot) == []
    assert await ask_text(bot, "/time 07:00") == "Your digest comes daily at 07:00 UTC."
    own, channel = chat_row(bot, ADMIN), chat_row(bot, CHANNEL_ID)
    assert own is not None and own.digest_time == "07:00"
    assert channel is not None and channel.digest_time == "08:00"


async def test_non_admins_and_a_bot_without_the_posting_right_are_refused(
    bot: RunningBot,
) -> None:
    make_channel(bot)
    refused = await ask_text(bot, "/channel @foreign_desk", user_id=STRANGER)
    assert refused == (
        "Only administrators of Foreign Desk (@foreign_desk) who can post messages there "
        "can set up its digest."
    )
    bot.fake.chats[CHANNEL_ID].admins.add(STRANGER)
    bot.fake.chats[CHANNEL_ID].cannot_post.add(STRANGER)
    assert await ask_text(bot, "/channel @foreign_desk", user_id=STRANGER) == refused
    bot.fake.chats[CHANNEL_ID].bot_can_post = False
    no_right = await ask_text(bot, "/channel @foreign_desk")
    assert no_right.startswith(
        "I am not an administrator of Foreign Desk (@foreign_desk) allowed to post messages."
    )
    assert (await ask_text(bot, "/channel @nosuchchannel")).startswith(
        "I can't find the channel @nosuchchannel."
    )
    assert chat_row(bot, CHANNEL_ID) is None and targets(bot) == []
    # the refused users' commands still change their own chats
    assert await ask_text(bot, "/pause", user_id=STRANGER) == (
        "Digest paused. Commands still work; /resume to get it again."
    )


async def test_commands_posted_in_the_channel_are_ignored(bot: RunningBot) -> None:
    make_channel(bot)
    await set_up(bot)
    for text in ("/help", "/stop@diplobot_test_bot", "/nosuchcommand", "hello readers"):
        await bot.fake.channel_post(CHANNEL_ID, text)
    assert (await ask_text(bot, "/help")).startswith("Commands")
    await asyncio.sleep(0.5)  # an answer in the channel would be a bug: give it a chance
    assert bot.fake.messages(CHANNEL_ID) == []
    assert chat_row(bot, CHANNEL_ID) is not None


async def test_an_admin_who_lost_the_right_is_switched_back(bot: RunningBot) -> None:
    make_channel(bot)
    await set_up(bot)
    bot.fake.chats[CHANNEL_ID].admins.discard(ADMIN)
    answer = await ask_text(bot, "/time 06:00")
    assert answer.startswith("You are no longer an administrator of Foreign Desk")
    assert targets(bot) == []
    channel = chat_row(bot, CHANNEL_ID)
    assert channel is not None and channel.digest_time == "08:00"


async def test_stop_for_a_channel_deletes_its_data(bot: RunningBot) -> None:
    make_channel(bot)
    await set_up(bot)
    await ask_text(bot, "/subscribe NATO")
    confirm = await bot.ask(ADMIN, "/stop")
    assert confirm.text.startswith(LABEL + "Delete the channel's topics and settings")
    query = await bot.fake.press_button(ADMIN, confirm.message_id, confirm.button_data("Yes"))
    await bot.fake.wait_for_answer(query)
    await bot.fake.wait_for_edit(confirm, 0)
    assert confirm.text.startswith(LABEL + "Done: its topics and settings are deleted")
    assert chat_row(bot, CHANNEL_ID) is None
    assert topics_in_db(bot, CHANNEL_ID) == [] and targets(bot) == []


async def test_removing_the_bot_deletes_the_channel_and_tells_the_admin_once(
    bot: RunningBot,
) -> None:
    make_channel(bot, creator=STRANGER)
    await set_up(bot)
    await ask_text(bot, "/subscribe NATO")
    await bot.fake.change_bot_member(CHANNEL_ID, "left", by_user=STRANGER)
    notice = await bot.fake.wait_for_message(ADMIN)
    assert notice.text.startswith(
        "I can no longer post to the channel Foreign Desk (@foreign_desk): I was removed"
    )
    assert notice.text.endswith("send /channel @foreign_desk.")
    assert chat_row(bot, CHANNEL_ID) is None and targets(bot) == []
    assert topics_in_db(bot, CHANNEL_ID) == []
    # the same news again (Telegram may repeat it) tells nobody anything new
    await bot.fake.change_bot_member(CHANNEL_ID, "left", by_user=STRANGER)
    bot.clock.advance(days=1)
    assert (await send_due(bot.services, bot.application.bot)).sent == []
    assert (await ask_text(bot, "/help")).startswith("Commands")
    await asyncio.sleep(0.5)  # a second notice would be a bug: give it a chance
    notices = [m for m in bot.fake.messages(ADMIN) if "no longer post" in m.text]
    assert len(notices) == 1


async def test_a_400_on_the_digest_forgets_the_channel_and_the_late_update_tells_no_one(
    bot: RunningBot,
) -> None:
    make_channel(bot)
    await set_up(bot)
    bot.fake.chats[CHANNEL_ID].bot_can_post = False  # demoted; the update has not arrived yet
    bot.clock.advance(days=1)
    summary = await send_due(bot.services, bot.application.bot)
    assert summary.blocked == [CHANNEL_ID] and summary.sent == []
    notice = await bot.fake.wait_for_message(ADMIN)
    assert "lost the right to post messages" in notice.text
    assert chat_row(bot, CHANNEL_ID) is None
    await bot.fake.change_bot_member(CHANNEL_ID, "administrator", can_post=False)
    assert (await ask_text(bot, "/help")).startswith("Commands")
    await asyncio.sleep(0.5)  # a second notice would be a bug: give it a chance
    assert len([m for m in bot.fake.messages(ADMIN) if "no longer post" in m.text]) == 1


async def test_a_user_blocking_the_bot_or_a_group_removing_it_deletes_their_data(
    bot: RunningBot,
) -> None:
    await ask_text(bot, "/subscribe NATO", user_id=STRANGER)
    bot.fake.add_chat(GROUP_ID, "supergroup", admins={ADMIN})
    await bot.ask(GROUP_ID, "/subscribe NATO", user_id=ADMIN, chat_type="supergroup")
    await bot.fake.change_bot_member(STRANGER, "kicked", by_user=STRANGER)
    await bot.fake.change_bot_member(GROUP_ID, "left", by_user=ADMIN)
    await bot.fake.wait_until(
        lambda: chat_row(bot, STRANGER) is None and chat_row(bot, GROUP_ID) is None
    )
    assert topics_in_db(bot, STRANGER) == [] and topics_in_db(bot, GROUP_ID) == []


async def test_the_chat_picker_sets_up_a_channel_the_bot_was_not_in(bot: RunningBot) -> None:
    make_channel(bot, bot_status="left")
    offer = await bot.ask(ADMIN, "/channel")
    assert "Choose a channel" in offer.text
    assert offer.reply_markup is not None
    button = offer.reply_markup["keyboard"][0][0]
    request = button["request_chat"]
    assert request["chat_is_channel"] is True
    assert request["bot_administrator_rights"]["can_post_messages"] is True
    assert request["user_administrator_rights"]["can_post_messages"] is True
    await bot.fake.share_chat(ADMIN, CHANNEL_ID, request["request_id"])
    reply = await bot.fake.wait_for_message(ADMIN)
    assert reply.text.startswith("Now configuring 📢 Foreign Desk (@foreign_desk)")
    assert reply.reply_markup == {"remove_keyboard": True}
    assert targets(bot) == [(ADMIN, CHANNEL_ID)]
    # another request id (not our picker) changes nothing
    await bot.fake.share_chat(STRANGER, CHANNEL_ID, request["request_id"] + 1)
    assert (await ask_text(bot, "/help", user_id=STRANGER)).startswith("Commands")
    assert targets(bot) == [(ADMIN, CHANNEL_ID)]


async def test_buttons_change_the_channel_only_for_the_user_configuring_it(
    bot: RunningBot,
) -> None:
    make_channel(bot)
    await set_up(bot)
    offer = await bot.ask(ADMIN, "/subscribe")
    assert offer.text.startswith(LABEL + "Pick a topic to follow")
    data = offer.button_data("NATO")
    assert data.startswith(f"sub:{CHANNEL_ID}:")
    # the same data pressed by someone else in their own private chat is refused
    forged = await bot.fake.press_button(STRANGER, offer.message_id, data, check=False)
    assert (await bot.fake.wait_for_answer(forged))["text"] == NOT_YOURS
    assert topics_in_db(bot, CHANNEL_ID) == []
    query = await bot.fake.press_button(ADMIN, offer.message_id, data)
    await bot.fake.wait_for_answer(query)
    followed = await bot.fake.wait_for_message(ADMIN)
    assert followed.text == LABEL + "Now following: NATO."
    assert topics_in_db(bot, CHANNEL_ID) == ["NATO"]
    # after /channel off the channel's old buttons no longer work from here
    await ask_text(bot, "/channel off")
    stale = await bot.fake.press_button(ADMIN, offer.message_id, offer.button_data("Russia"))
    assert (await bot.fake.wait_for_answer(stale))["text"] == NOT_YOURS
    assert topics_in_db(bot, CHANNEL_ID) == ["NATO"]
