"""The one send budget in the real bot: a reply overtakes queued digests, a 429 stops both.

The fake Bot API enforces Telegram's limits (tests.fakebot.limits); the digests go out through
the same Application bot as the replies, as the scheduled job sends them.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from handlers.dispatch import send_due
from storage.engine import session_scope
from storage.models import Chat
from tests.digest_news import add_statement
from tests.fakebot.fixtures import DEFAULT_NOW, USER_ID, RunningBot

DIGEST_CHATS = list(range(2001, 2013))


def seed_due_chats(bot: RunningBot) -> None:
    with session_scope(bot.services.engine) as s:
        add_statement(s, now=DEFAULT_NOW)
        for chat_id in DIGEST_CHATS:
            s.add(Chat(id=chat_id, created_at=DEFAULT_NOW - timedelta(days=1)))
            bot.fake.add_chat(chat_id)


def sent_chats(bot: RunningBot) -> list[int]:
    """Chat ids of the accepted messages, in the order the fake accepted them."""
    return [m.chat_id for m in bot.fake.sent]


async def test_a_429_stops_digests_and_replies_and_the_reply_goes_first_after_it(
    bot_factory: object,
) -> None:
    # Telegram's own per-chat rate: the fake enforces Telegram's limits below.
    async with bot_factory(telegram_max_rate=4, telegram_chat_rate=1.0) as bot:  # type: ignore[operator]
        seed_due_chats(bot)
        limits = bot.fake.enforce_limits(per_second=30)
        flood = bot.fake.add_fault("flood", chat_id=DIGEST_CHATS[2], retry_after=3)
        bot.fake.skip_messages(USER_ID)
        fanout = asyncio.create_task(send_due(bot.services, bot.application.bot))
        await bot.fake.wait_until(lambda: flood.hits == 1, within=20)
        before = len(bot.fake.sent)
        await bot.fake.user_sends(USER_ID, "/help")  # written during the pause
        reply = await bot.fake.wait_for_message(USER_ID, within=20)
        await fanout

    assert reply.text.startswith("Commands")
    after_pause = sent_chats(bot)[before:]
    assert after_pause[0] == USER_ID  # ahead of the digests that waited out the pause with it
    assert sorted(after_pause[1:]) == sorted(set(DIGEST_CHATS) - set(sent_chats(bot)[:before]))
    assert sorted(c for c in sent_chats(bot) if c != USER_ID) == DIGEST_CHATS  # each once
    assert limits.calls_in_pause == 0  # nothing, reply or digest, was sent inside the pause
    assert limits.refused == 0  # and pacing kept every other call within Telegram's limits
