"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests of the real bot.

The bot runs unchanged (python-telegram-bot's real HTTP stack, long polling) with
TELEGRAM_API_BASE_URL pointed at `FakeBotServer.base_url`. The server validates like Telegram:
token in the path (401 otherwise), HTML parse mode (only Telegram's tags, nested properly, `<>&`
escaped), text <= 4096 UTF-16 units (captions 1024), callback data 1..64 bytes, inline buttons
with exactly one action, command names/descriptions for setMyCommands, unknown chat ->
400 "Bad Request: chat not found", editing to identical content -> 400 "message is not modified",
answering a callback query twice -> 400. Unknown methods -> 404 "Not Found".

Methods: getMe, getUpdates (offset/limit/timeout long polling; as on Telegram, a second getUpdates
while one is pending answers the pending one 409 Conflict, counted in fake.poll_conflicts),
deleteWebhook, getWebhookInfo,
setMyCommands/getMyCommands/deleteMyCommands (with scopes), sendMessage, editMessageText,
editMessageReplyMarkup, deleteMessage, answerCallbackQuery, sendDocument (multipart),
getChatMember, getChatAdministrators, getChat (by id or "@username"), sendChatAction.

Fixtures (tests/fakebot/fixtures.py; in a conftest: `from tests.fakebot.fixtures import *`):
  fakebot            a started FakeBotServer
  bot                a RunningBot: the Application from bot.app.build_application(Settings(...),
                     services) long-polling the fake; admin ADMIN_ID; clock at DEFAULT_NOW
  bot_factory        `async with bot_factory(admin_ids=(...), clock=FakeClock(...),
                     customize=lambda services: ..., **settings) as running:` for other setups
  e2e_db_url         a fresh migrated SQLite URL (copied from a session template)
  run_bot(fake, url, ...)   the same as an async context manager, for custom fixtures
RunningBot has .fake, .application, .services, .settings, .clock (FakeClock: .now, .advance(
hours=1)) and `await running.ask(chat_id, "/help")` -> the bot's next message in that chat.

Acting as users (FakeBotServer):
  await fake.user_sends(chat_id, text, user_id=None, chat_type="private"|"group"|"supergroup")
      private chats: user_id defaults to chat_id; a leading /command gets a bot_command entity
  await fake.press_button(chat_id, message_id, callback_data, user_id=None, check=True)
      -> query id; check=False sends data that is not on the message (forged/replayed)
  await fake.service_message(chat_id, {"migrate_to_chat_id": new_id}, chat_type="group")
  fake.add_chat(chat_id, chat_type, title=..., admins={user ids}); chat.creator = user_id
Channels (tests/fakebot/members.py has Telegram's answers):
  fake.add_channel(chat_id, title=..., username=None, admins={ids}, creator=None,
                   bot_status="administrator", bot_can_post=True) -> FakeChat; chat.cannot_post
      holds admins without "Post messages". A bot that is not the channel's admin cannot read
      its members (400 "member list is inaccessible"); sending there answers 403 "bot is not a
      member of the channel chat" (left/kicked) or 400 "need administrator rights in the
      channel chat" (no posting right), as Telegram does
  await fake.channel_post(chat_id, text)            a channel_post update (sender_chat only)
  await fake.forward_from_channel(user_id, channel_id, text)   forward_origin type "channel"
  await fake.share_chat(user_id, chat_id, request_id)   the chat picker: promotes the bot if
                                    needed (my_chat_member), then a chat_shared message
  await fake.change_bot_member(chat_id, "left"|"kicked"|"administrator", can_post=True,
                               by_user=None)        changes the bot's status + my_chat_member
Reading what the bot did:
  fake.messages(chat_id) / fake.documents(chat_id) -> [SentMessage] (current state after edits):
      .message_id .html (as sent) .text (visible) .reply_markup .buttons() -> [(text, data)]
      .button_data("Next") .link_preview_disabled .document (.filename .content .mime_type)
      .edits .deleted
  await fake.wait_for_message(chat_id, within=5) -> the next message not yet returned
  fake.skip_messages(chat_id); await fake.wait_for_edit(message, edits_before)
  await fake.wait_for_answer(query_id) -> {"text", "show_alert"} of answerCallbackQuery
  await fake.wait_until(predicate, within, every=None) -> predicate's truthy value (every=0.2:
      polled, not re-checked on each server change; for predicates that read a database)
  fake.command_menu(scope=None | {"type": "chat", "chat_id": ADMIN_ID}) -> [command names]
  fake.requests -> [(method lowercased, params)]; fake.request_log() -> JSON lines
  fake.chat_actions -> [(chat_id, action)]; fake.callback_answers
Fault injection (send-type methods: sendMessage, sendDocument, edit*, sendChatAction,
deleteMessage, unless `method=` names another):
  fake.add_fault("flood"|"server"|"blocked"|"migrated", chat_id=None, method=None, times=1,
                 retry_after=1, migrate_to_chat_id=None) -> Fault (.hits); times=None: forever
      flood -> 429 with parameters.retry_after; server -> 500; blocked -> 403 "Forbidden: bot was
      blocked by the user"; migrated -> 400 "group chat was upgraded to a supergroup chat" with
      parameters.migrate_to_chat_id
  fake.block(chat_id); fake.migrate_group(old_id, new_id) -> the new supergroup chat
  fake.set_rate_cap(per_second, chat_id=None) -> RateCap (.refused); 429 retry_after=1 beyond it
  fake.enforce_limits(per_second=30, chat_per_second=1, chat_burst=3, group_per_minute=20,
                      flood_wait=1) -> TelegramLimits (.accepted [(time, chat)], .refused,
      .calls_in_pause, .pauses): Telegram's flood control; an overrun is a 429 with
      retry_after=flood_wait and refuses every counted call until it is over
  fake.clear_faults()
"""

from tests.fakebot.api import BOT_ID, BOT_USERNAME, DEFAULT_TOKEN
from tests.fakebot.fake import FakeBotServer
from tests.fakebot.limits import TelegramLimits
from tests.fakebot.state import Document, FakeChat, Fault, RateCap, SentMessage
from tests.fakebot.telegram_html import HtmlError, parse_html, utf16_len

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "DEFAULT_TOKEN",
    "Document",
    "FakeBotServer",
    "FakeChat",
    "Fault",
    "HtmlError",
    "RateCap",
    "SentMessage",
    "TelegramLimits",
    "parse_html",
    "utf16_len",
]
