"""The fake Bot API itself: it must refuse what Telegram refuses, or e2e tests prove nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)

from tests.fakebot import FakeBotServer, HtmlError, parse_html
from tests.fakebot.fixtures import RunningBot

CHAT = 4242


@pytest.fixture
async def client(fakebot: FakeBotServer) -> AsyncIterator[Bot]:
    fakebot.add_chat(CHAT)
    bot = Bot(fakebot.token, base_url=fakebot.base_url)
    async with bot:
        yield bot


@pytest.mark.parametrize(
    "text",
    [
        '<b>bold</b> &amp; <i>it<u>al</u></i> <a href="https://x.org/?a=1&amp;b=2">l</a>',
        '<pre><code class="language-python">x &lt; 1</code></pre>',
        '<span class="tg-spoiler">s</span> &#x27;q&#39; &quot;',
        "<blockquote expandable>quote</blockquote>",
    ],
)
def test_valid_html_parses(text: str) -> None:
    assert parse_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "<b>unclosed",
        "<b><i>crossed</b></i>",
        "<div>not a telegram tag</div>",
        "a < b",
        "fish & chips",
        "&nbsp;",
        "<a>no href</a>",
        '<a href="javascript:alert(1)">x</a>',
        "<code><b>x</b></code>",
        "<span>plain span</span>",
        "</b>",
    ],
)
def test_invalid_html_refused(text: str) -> None:
    with pytest.raises(HtmlError):
        parse_html(text)


async def test_wrong_token_is_unauthorized(fakebot: FakeBotServer) -> None:
    bot = Bot("1:wrong", base_url=fakebot.base_url)
    with pytest.raises(InvalidToken):
        await bot.initialize()


async def test_send_validates_like_telegram(client: Bot, fakebot: FakeBotServer) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await client.send_message(999, "hi")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await client.send_message(CHAT, "<b>x", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await client.send_message(CHAT, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await client.send_message(CHAT, "😀" * 2049)  # UTF-16 units, as Telegram counts
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="x" * 65)]])
        await client.send_message(CHAT, "hi", reply_markup=markup)
    sent = await client.send_message(CHAT, "x" * 4096, disable_web_page_preview=True)
    assert fakebot.messages(CHAT)[-1].message_id == sent.message_id
    assert fakebot.messages(CHAT)[-1].link_preview_disabled


async def test_edit_and_callback_rules(client: Bot, fakebot: FakeBotServer) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Next ›", callback_data="p:2")]])
    sent = await client.send_message(CHAT, "<b>page 1</b>", parse_mode="HTML", reply_markup=markup)
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await client.edit_message_text(
            "<b>page 1</b>", CHAT, sent.message_id, parse_mode="HTML", reply_markup=markup
        )
    await client.edit_message_text("page 2", CHAT, sent.message_id)
    message = fakebot.messages(CHAT)[0]
    assert (message.text, message.edits, message.buttons()) == ("page 2", 1, [])
    with pytest.raises(AssertionError):
        await fakebot.press_button(CHAT, sent.message_id, "p:2")
    query_id = await fakebot.press_button(CHAT, sent.message_id, "p:9", check=False)
    assert await client.answer_callback_query(query_id, "ok")
    with pytest.raises(BadRequest, match=r"(?i)query ID is invalid"):
        await client.answer_callback_query(query_id, "again")


async def test_commands_documents_and_members(client: Bot, fakebot: FakeBotServer) -> None:
    await client.set_my_commands([BotCommand("help", "All commands")])
    await client.set_my_commands([BotCommand("stats", "Numbers")], scope=BotCommandScopeChat(CHAT))
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await client.set_my_commands([BotCommand("x", "y")], scope=BotCommandScopeChat(1))
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await client.set_my_commands([BotCommand("Bad-Name", "y")])
    assert fakebot.command_menu() == ["help"]
    assert fakebot.command_menu({"type": "chat", "chat_id": CHAT}) == ["stats"]
    await client.send_document(CHAT, InputFile(b"BEGIN:VCALENDAR", filename="a.ics"), caption="c")
    (doc,) = fakebot.documents(CHAT)
    assert doc.document is not None
    assert (doc.document.filename, doc.document.content) == ("a.ics", b"BEGIN:VCALENDAR")
    fakebot.add_chat(-100, "supergroup", admins={7})
    member = await client.get_chat_member(-100, 7)
    assert member.status == "administrator"
    assert (await client.get_chat_member(-100, 8)).status == "member"


async def test_fault_injection(client: Bot, fakebot: FakeBotServer) -> None:
    fakebot.add_fault("flood", chat_id=CHAT, retry_after=3)
    with pytest.raises(RetryAfter):
        await client.send_message(CHAT, "a")
    await client.send_message(CHAT, "a")  # times=1: used up
    fakebot.add_fault("server")
    with pytest.raises(NetworkError):
        await client.send_message(CHAT, "a")
    fakebot.block(CHAT)
    with pytest.raises(Forbidden, match=r"(?i)blocked"):
        await client.send_message(CHAT, "a")
    fakebot.clear_faults()
    fakebot.add_chat(-5, "group")
    fakebot.migrate_group(-5, -1005)
    with pytest.raises(ChatMigrated) as caught:
        await client.send_message(-5, "a")
    assert caught.value.new_chat_id == -1005
    cap = fakebot.set_rate_cap(2)
    await client.send_message(CHAT, "1")
    await client.send_message(CHAT, "2")
    with pytest.raises(RetryAfter):
        await client.send_message(CHAT, "3")
    assert cap.refused == 1


async def test_real_application_polls_the_fake(bot: RunningBot) -> None:
    """The running bot consumes updates: the fake sees getUpdates confirm them by offset."""
    update_id = await bot.fake.user_sends(4343, "hello")

    def confirmed() -> bool:
        return any(
            method == "getupdates" and int(params.get("offset") or 0) > update_id
            for method, params in bot.fake.requests
        )

    await bot.fake.wait_until(confirmed)
    assert bot.application.bot.username == bot.fake.bot_user["username"]


async def test_telegram_limits_refuse_overruns_and_every_call_inside_the_pause(
    client: Bot, fakebot: FakeBotServer
) -> None:
    for chat_id in (1, 2, 3, -7):
        fakebot.add_chat(chat_id, "group" if chat_id < 0 else "private")
    limits = fakebot.enforce_limits(per_second=1000, chat_burst=2, flood_wait=3)
    await client.send_message(1, "a")
    await client.send_message(1, "b")  # the burst allows two at once
    with pytest.raises(RetryAfter) as caught:
        await client.send_message(1, "c")  # the third within a second is one too many
    assert caught.value.retry_after == 3
    with pytest.raises(RetryAfter):
        await client.send_message(2, "a")  # the pause holds for every chat
    assert (len(limits.accepted), limits.refused, limits.calls_in_pause) == (2, 2, 1)
    assert len(limits.pauses) == 1

    overall = fakebot.enforce_limits(per_second=2)
    await client.send_message(2, "x")
    await client.send_message(3, "x")
    with pytest.raises(RetryAfter):
        await client.send_message(-7, "x")  # a third message within the second
    assert overall.refused == 1

    group = fakebot.enforce_limits(group_per_minute=1)
    await client.send_message(-7, "y")
    with pytest.raises(RetryAfter):
        await client.send_message(-7, "z")  # within the burst, but a group's minute is full
    assert group.refused == 1
