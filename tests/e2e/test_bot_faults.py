"""Telegram pushing back: replies honour 429 retry_after; a blocked user does not break the bot."""

from __future__ import annotations

from tests.fakebot.fixtures import OTHER_USER_ID, USER_ID, RunningBot


async def test_reply_waits_out_a_429_and_arrives(bot: RunningBot) -> None:
    fault = bot.fake.add_fault("flood", chat_id=USER_ID, retry_after=1)
    answer = await bot.ask(USER_ID, "/help")
    assert answer.text.startswith("Commands")
    assert fault.hits == 1
    sends = [p for m, p in bot.fake.requests if m == "sendmessage" and p["chat_id"] == str(USER_ID)]
    assert len(sends) == 2  # refused once, then sent after the pause Telegram asked for


async def test_blocked_user_is_skipped_and_others_are_served(bot: RunningBot) -> None:
    blocked = bot.fake.block(USER_ID)
    await bot.fake.user_sends(USER_ID, "/help")
    await bot.fake.wait_until(lambda: blocked.hits >= 1)
    answer = await bot.ask(OTHER_USER_ID, "/help")
    assert answer.text.startswith("Commands")
    assert bot.fake.messages(USER_ID) == []
