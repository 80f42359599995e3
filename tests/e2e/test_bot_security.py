"""Hostile users: floods, forged and replayed buttons, /stop deletion, hostile text, errors."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from sqlmodel import select

from handlers import news_cmds
from handlers.buttons import NOT_YOURS
from handlers.errors import APOLOGY
from handlers.flood import BURST, NOTICE
from handlers.keyboards import topic_hash
from storage.engine import session_scope
from storage.models import Article, Chat, MeetingRow, StatementRow, Subscription
from tests.e2e import seed
from tests.e2e.test_bot_start import topics_in_db
from tests.fakebot import parse_html, utf16_len
from tests.fakebot.fixtures import OTHER_USER_ID, USER_ID, RunningBot

FLOOD = 150


@pytest.fixture
async def fast_chat_bot(bot_factory: Callable[..., Any]) -> AsyncIterator[RunningBot]:
    """The flood guard's own limits, not Telegram's 1 a second per chat, are under test."""
    async with bot_factory(telegram_chat_rate=100) as running:
        yield running


async def test_flooding_user_gets_one_notice_and_others_are_served(
    fast_chat_bot: RunningBot,
) -> None:
    bot = fast_chat_bot
    for _ in range(FLOOD):
        await bot.fake.user_sends(USER_ID, "/help")
    other = await bot.ask(OTHER_USER_ID, "/help")
    assert other.text.startswith("Commands")

    def flooder_texts() -> list[str]:
        return [m.text for m in bot.fake.messages(USER_ID)]

    await bot.fake.wait_until(lambda: len(flooder_texts()) >= BURST + 1)
    await bot.ask(OTHER_USER_ID, "/topics")  # by now every flood update has been handled
    texts = flooder_texts()
    assert texts.count(NOTICE) == 1
    assert len(texts) < BURST + 10  # slowed down: most of the 150 were dropped


async def test_stop_deletes_personal_data_and_keeps_news(bot: RunningBot) -> None:
    seed.january_talks(bot.services.engine)
    await bot.ask(USER_ID, "/subscribe Russia, NATO")
    await bot.ask(USER_ID, "/time 06:45")
    cancel = await bot.ask(USER_ID, "/stop")
    await bot.fake.press_button(USER_ID, cancel.message_id, cancel.button_data("Cancel"))
    await bot.fake.wait_for_edit(cancel, 0)
    assert cancel.text == "Nothing deleted."
    assert topics_in_db(bot, USER_ID) == ["NATO", "Russia"]

    confirm = await bot.ask(USER_ID, "/stop")
    await bot.fake.press_button(USER_ID, confirm.message_id, confirm.button_data("Yes"))
    await bot.fake.wait_for_edit(confirm, 0)
    with session_scope(bot.services.engine) as session:
        assert session.get(Chat, USER_ID) is None
        assert session.exec(select(Subscription)).all() == []
        assert len(session.exec(select(Article)).all()) == 3
        assert len(session.exec(select(MeetingRow)).all()) == 5
        assert len(session.exec(select(StatementRow)).all()) == 3
    # Looking around afterwards does not sign the chat up again for a digest of everything.
    for command in ("/topics", "/upcoming", "/who Lavrov", "/calendar"):
        answer = await bot.ask(USER_ID, command)
        assert "You follow" not in answer.text
    with session_scope(bot.services.engine) as session:
        assert session.get(Chat, USER_ID) is None


async def test_forged_and_replayed_buttons_cannot_touch_another_chat(bot: RunningBot) -> None:
    await bot.ask(USER_ID, "/subscribe Russia")
    await bot.ask(OTHER_USER_ID, "/subscribe NATO")
    victim_stop = await bot.ask(USER_ID, "/stop")
    replayed = victim_stop.button_data("Yes")  # "stop:<victim chat>:yes"
    for data in (
        replayed,
        f"unsub:{USER_ID}:{topic_hash('russia')}",
        f"time:{USER_ID}:06:00",
        f"sub:{USER_ID}:*",
        "stop:x:yes",
        "sub:",
    ):
        query = await bot.fake.press_button(
            OTHER_USER_ID, 999, data, user_id=OTHER_USER_ID, check=False
        )
        answer = await bot.fake.wait_for_answer(query)
        assert answer == {"text": NOT_YOURS, "show_alert": True}, data
    # the victim's data on a real message in the attacker's own chat: refused, nothing changes
    own = await bot.ask(OTHER_USER_ID, "/topics")
    for data in (replayed, f"sub:{USER_ID}:*", f"unsub:{USER_ID}:{topic_hash('nato')}"):
        query = await bot.fake.press_button(
            OTHER_USER_ID, own.message_id, data, user_id=OTHER_USER_ID, check=False
        )
        answer = await bot.fake.wait_for_answer(query)
        assert answer == {"text": NOT_YOURS, "show_alert": True}, data
    # the attacker pressing the victim's own message as another user is refused as well
    query = await bot.fake.press_button(
        USER_ID, victim_stop.message_id, replayed, user_id=OTHER_USER_ID
    )
    assert (await bot.fake.wait_for_answer(query))["show_alert"]
    assert topics_in_db(bot, USER_ID) == ["Russia"]
    assert topics_in_db(bot, OTHER_USER_ID) == ["NATO"]
    unknown = await bot.fake.press_button(USER_ID, 999, "legacy-data", check=False)
    assert (await bot.fake.wait_for_answer(unknown))["text"] == "This button no longer works."


HOSTILE = [
    "<b>bold</b> & <script>alert(1)</script> &amp;",
    "\u202eRTL override \u200f\u200e mark",
    "emoji 😀👍🏽 and *markdown* _x_ `code` [link](http://x)",
    "control \x00\x07\x1b chars",
    "long " + "Ж" * 100_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=["html", "rtl", "emoji", "control", "100kb"])
async def test_hostile_arguments_get_valid_short_answers(bot: RunningBot, text: str) -> None:
    for command in (
        "/subscribe",
        "/who",
        "/upcoming",
        "/unsubscribe",
        "/timezone",
        "/time",
        "/start",
        "/addsource",
    ):
        bot.fake.skip_messages(USER_ID)
        answer = await bot.ask(USER_ID, f"{command} {text}")
        assert utf16_len(answer.text) <= 4096
        assert parse_html(answer.html) == answer.text
        assert "Traceback" not in answer.text
    listing = await bot.ask(USER_ID, "/topics")
    assert utf16_len(listing.text) <= 4096


async def test_errors_are_logged_and_answered_briefly(
    bot: RunningBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(**_kwargs: object) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(news_cmds, "statements_by", broken)
    with caplog.at_level(logging.ERROR, logger="handlers.errors"):
        answer = await bot.ask(USER_ID, "/who Lavrov")
    assert answer.text == APOLOGY
    assert "database on fire" in caplog.text
    assert (await bot.ask(USER_ID, "/help")).text.startswith("Commands")  # still running
