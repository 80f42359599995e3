"""Subscribing, listing and removing topics, digest time, timezone, pause and resume."""

from __future__ import annotations

from storage.engine import session_scope
from storage.models import Chat
from tests.e2e import seed
from tests.e2e.test_bot_start import topics_in_db
from tests.fakebot.fixtures import USER_ID, RunningBot


def chat_row(bot: RunningBot) -> Chat:
    with session_scope(bot.services.engine) as session:
        chat = session.get(Chat, USER_ID)
        assert chat is not None
        return chat


async def test_subscribe_topics_and_unsubscribe(bot: RunningBot) -> None:
    added = await bot.ask(USER_ID, "/subscribe Russia NATO, sanctions")
    assert added.text == "Now following: Russia, NATO, sanctions."
    again = await bot.ask(USER_ID, "/subscribe russian")
    assert again.text == "Already following: Russia."
    listing = await bot.ask(USER_ID, "/topics")
    assert listing.text == "You follow: Russia, NATO, sanctions\nYour digest: daily at 08:00 UTC"
    gone = await bot.ask(USER_ID, "/unsubscribe NATO")
    assert gone.text == "No longer following NATO."
    missing = await bot.ask(USER_ID, "/unsubscribe Chile")
    assert missing.text == "You don't follow Chile. See /topics."
    assert topics_in_db(bot, USER_ID) == ["Russia", "sanctions"]


async def test_unsubscribe_keyboard(bot: RunningBot) -> None:
    assert "You follow no topics" in (await bot.ask(USER_ID, "/unsubscribe")).text
    await bot.ask(USER_ID, "/subscribe Russia, Sergei Lavrov")
    keyboard = await bot.ask(USER_ID, "/unsubscribe")
    assert [label for label, _ in keyboard.buttons()] == ["✕ Russia", "✕ Sergei Lavrov"]
    query = await bot.fake.press_button(
        USER_ID, keyboard.message_id, keyboard.button_data("Lavrov")
    )
    await bot.fake.wait_for_answer(query)
    await bot.fake.wait_for_edit(keyboard, 0)
    assert keyboard.text == "No longer following Sergei Lavrov."
    assert topics_in_db(bot, USER_ID) == ["Russia"]
    # pressing the stale button again changes nothing and says so
    await bot.fake.press_button(USER_ID, keyboard.message_id, "x", check=False)
    assert topics_in_db(bot, USER_ID) == ["Russia"]
    assert (await bot.ask(USER_ID, "/unsubscribe all")).text.startswith("Removed 1 topics")


async def test_subscribe_without_arguments_suggests_from_news(bot: RunningBot) -> None:
    seed.january_talks(bot.services.engine)
    await bot.ask(USER_ID, "/subscribe Russia")
    offer = await bot.ask(USER_ID, "/subscribe")
    labels = [label for label, _ in offer.buttons()]
    assert "Sergei Lavrov" in labels
    assert "Russia" not in labels  # already followed
    # countries and organisations in the news come before the people in it
    assert labels.index("NATO") < labels.index("Sergei Lavrov")
    assert labels.index("European Union") < labels.index("Sergei Lavrov")
    await bot.fake.press_button(USER_ID, offer.message_id, offer.button_data("Sergei Lavrov"))
    assert "Now following: Sergei Lavrov." in (await bot.fake.wait_for_message(USER_ID)).text


async def test_time_and_timezone(bot: RunningBot) -> None:
    assert (await bot.ask(USER_ID, "/time 25:99")).text == (
        "Use /time HH:MM, for example /time 07:30."
    )
    assert (await bot.ask(USER_ID, "/time")).text.startswith("Use /time HH:MM")
    assert (await bot.ask(USER_ID, "/time 7:30")).text == "Your digest comes daily at 07:30 UTC."
    bad = await bot.ask(USER_ID, "/timezone Mars/Base")
    assert bad.text == (
        "I don't know that timezone. Use a name like Europe/Berlin or an offset like UTC+3."
    )
    ok = await bot.ask(USER_ID, "/timezone europe/berlin")
    assert ok.text == "Timezone set to Europe/Berlin: your digest comes at 07:30."
    offset = await bot.ask(USER_ID, "/timezone UTC+3")
    assert offset.text == "Timezone set to UTC+3: your digest comes at 07:30."
    row = chat_row(bot)
    assert (row.digest_time, row.timezone) == ("07:30", "Etc/GMT-3")


async def test_pause_and_resume(bot: RunningBot) -> None:
    assert "paused" in (await bot.ask(USER_ID, "/pause")).text
    assert chat_row(bot).paused
    assert "paused" in (await bot.ask(USER_ID, "/topics")).text
    assert (await bot.ask(USER_ID, "/resume")).text == "Digest resumed: daily at 08:00 UTC."
    assert not chat_row(bot).paused
