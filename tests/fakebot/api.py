"""The Bot API half of the fake server: routing, validation and the methods the bot calls."""

from __future__ import annotations

import asyncio
import itertools
import time
from typing import Any

from aiohttp import web

from tests.fakebot import members as m
from tests.fakebot import server as s
from tests.fakebot.limits import TelegramLimits
from tests.fakebot.state import (
    ApiError,
    Document,
    FakeChat,
    Fault,
    RateCap,
    SentMessage,
    chat_not_found,
)

BOT_ID = 777000111
# What Telegram answers the older of two overlapping getUpdates calls.
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
    "running"
)
BOT_USERNAME = "diplobot_test_bot"
DEFAULT_TOKEN = "123456789:TEST-fake-token-ABCdefGHIjklMNOpqrSTUvwxYZ"


class BotApi:
    """A Bot API look-alike on 127.0.0.1: the state and the methods, without the test-side API."""

    def __init__(self, token: str = DEFAULT_TOKEN, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.bot_user = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Diplobot",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.chats: dict[int, FakeChat] = {}
        self.sent: list[SentMessage] = []
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.chat_actions: list[tuple[int, str]] = []
        self.faults: list[Fault] = []
        self.rate_caps: list[RateCap] = []
        self.limits: TelegramLimits | None = None
        self.port = 0
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._read_cursor: dict[int, int] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.polls_released = False
        self._poll_generation = 0  # bumped by every getUpdates: a newer poll ends an older one
        self.poll_conflicts = 0
        self._methods: dict[str, s.Handler] = {
            "getme": self._get_me,
            "getupdates": self._get_updates,
            "deletewebhook": self._true,
            "getwebhookinfo": self._webhook_info,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_reply_markup,
            "deletemessage": self._delete_message,
            "answercallbackquery": self._answer_callback_query,
            "senddocument": self._send_document,
            "getchatmember": self._get_chat_member,
            "getchatadministrators": self._get_chat_administrators,
            "getchat": self._get_chat,
            "sendchataction": self._send_chat_action,
        }

    # ----- lifecycle ---------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """The TELEGRAM_API_BASE_URL value for the bot: http://127.0.0.1:PORT/bot."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> None:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._dispatch)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _not_found(self, _request: web.Request) -> web.Response:
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )

    async def _dispatch(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"].lower()
        try:
            params = await s.read_params(request)
            self.requests.append((method, params))
            handler = self._methods.get(method)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            self._apply_faults(method, params)
            result = await handler(params)
        except ApiError as exc:
            return web.json_response(exc.payload(), status=exc.code)
        await self._notify()
        return web.json_response({"ok": True, "result": result})

    def _apply_faults(self, method: str, params: dict[str, Any]) -> None:
        raw = str(params.get("chat_id", ""))
        chat_id = int(raw) if raw.removeprefix("-").isdecimal() else None  # "@name" too
        for fault in self.faults:
            if fault.matches(method, chat_id):
                fault.hits += 1
                if fault.kind == "flood" and self.limits is not None:
                    self.limits.pause(fault.retry_after)  # an injected 429 pauses like a real one
                raise fault.error()
        for cap in self.rate_caps:
            if not cap.admit(method, chat_id):
                raise ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        if self.limits is not None and (wait := self.limits.admit(method, chat_id)) is not None:
            raise ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})

    # ----- Bot API methods ---------------------------------------------------------------------
    async def _true(self, _params: dict[str, Any]) -> bool:
        return True

    async def _get_me(self, _params: dict[str, Any]) -> dict[str, Any]:
        return self.bot_user

    async def _webhook_info(self, _params: dict[str, Any]) -> dict[str, Any]:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Long polling; as on Telegram, a newer getUpdates ends a pending one with 409."""
        offset = s.as_int(params, "offset", required=False) or 0
        limit = s.as_int(params, "limit", required=False) or 100
        timeout = float(params.get("timeout") or 0)
        self._poll_generation += 1
        mine = self._poll_generation
        await self._notify()  # wakes the pending poll, which finds it was overtaken
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        deadline = time.monotonic() + timeout
        while not self._updates and time.monotonic() < deadline and not self.polls_released:
            await s.wait_changed(self._changed, deadline - time.monotonic())
            if self._poll_generation != mine:
                self.poll_conflicts += 1
                raise ApiError(409, POLL_CONFLICT)
            if offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
        return self._updates[:limit]

    async def _set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = s.check_commands(params.get("commands"))
        key = (s.scope_key(params.get("scope"), self.chats), str(params.get("language_code", "")))
        self.commands[key] = commands
        return True

    async def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, str]]:
        key = (s.scope_key(params.get("scope"), self.chats), str(params.get("language_code", "")))
        return self.commands.get(key, [])

    async def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        key = (s.scope_key(params.get("scope"), self.chats), str(params.get("language_code", "")))
        self.commands.pop(key, None)
        return True

    def _chat(self, params: dict[str, Any]) -> FakeChat:
        chat_id = s.as_int(params, "chat_id")
        assert chat_id is not None
        chat = self.chats.get(chat_id)
        if chat is None:
            raise chat_not_found()
        return chat

    def _message(self, chat: FakeChat, params: dict[str, Any], *, what: str) -> SentMessage:
        message_id = s.as_int(params, "message_id")
        for message in self.sent:
            if (message.chat_id, message.message_id) == (
                chat.id,
                message_id,
            ) and not message.deleted:
                return message
        raise ApiError(400, f"Bad Request: message to {what} not found")

    async def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        m.check_can_send(chat)
        mode = params.get("parse_mode")
        visible = s.check_text(params.get("text"), mode, limit=s.MAX_TEXT)
        message = SentMessage(
            message_id=next(self._message_ids),
            chat_id=chat.id,
            html=str(params.get("text")),
            text=visible,
            parse_mode=mode,
            reply_markup=s.check_markup(params.get("reply_markup")),
            link_preview_disabled=s.preview_disabled(params),
            date=int(time.time()),
        )
        self.sent.append(message)
        return s.message_json(self.bot_user, chat, message)

    async def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        message = self._message(chat, params, what="edit")
        mode = params.get("parse_mode")
        visible = s.check_text(params.get("text"), mode, limit=s.MAX_TEXT)
        markup = s.check_markup(params.get("reply_markup"))
        if visible == message.text and markup == message.reply_markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        message.html, message.text, message.reply_markup = str(params["text"]), visible, markup
        message.parse_mode = mode
        message.link_preview_disabled = s.preview_disabled(params)
        message.edits += 1
        return s.message_json(self.bot_user, chat, message)

    async def _edit_reply_markup(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        message = self._message(chat, params, what="edit")
        markup = s.check_markup(params.get("reply_markup"))
        if markup == message.reply_markup:
            raise ApiError(400, "Bad Request: message is not modified")
        message.reply_markup = markup
        message.edits += 1
        return s.message_json(self.bot_user, chat, message)

    async def _delete_message(self, params: dict[str, Any]) -> bool:
        chat = self._chat(params)
        self._message(chat, params, what="delete").deleted = True
        return True

    async def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self.callback_answers or self.callback_answers[query_id]:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        text = str(params.get("text") or "")
        if len(text) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.callback_answers[query_id] = {
            "text": text,
            "show_alert": str(params.get("show_alert", "")).lower() in {"true", "1"},
        }
        return True

    async def _send_document(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        document = params.get("document")
        if isinstance(document, str) and document.startswith("attach://"):
            document = params.get(document.removeprefix("attach://"))
        if not isinstance(document, Document):
            raise ApiError(400, "Bad Request: there is no document in the request")
        mode = params.get("parse_mode")
        caption = s.check_text(params.get("caption"), mode, limit=s.MAX_CAPTION, empty_ok=True)
        message = SentMessage(
            message_id=next(self._message_ids),
            chat_id=chat.id,
            html=str(params.get("caption") or ""),
            text=caption,
            parse_mode=mode,
            reply_markup=s.check_markup(params.get("reply_markup")),
            link_preview_disabled=True,
            date=int(time.time()),
            document=document,
        )
        self.sent.append(message)
        return s.message_json(self.bot_user, chat, message)

    async def _get_chat_member(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        user_id = s.as_int(params, "user_id")
        assert user_id is not None
        return m.member_json(chat, user_id, self.bot_user)

    async def _get_chat_administrators(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        chat = self._chat(params)
        if chat.type == "private":
            raise ApiError(400, "Bad Request: there are no administrators in the private chat")
        ids = sorted(chat.admins | ({chat.creator} if chat.creator else set()))
        return [m.member_json(chat, user_id, self.bot_user) for user_id in ids]

    async def _get_chat(self, params: dict[str, Any]) -> dict[str, Any]:
        """By id, or by "@username" for public groups and channels."""
        ref = str(params.get("chat_id", ""))
        if ref.startswith("@"):
            name = ref[1:].casefold()
            found = [c for c in self.chats.values() if (c.username or "").casefold() == name]
            if not found:
                raise chat_not_found()
            return m.full_info(found[0])
        return m.full_info(self._chat(params))

    async def _send_chat_action(self, params: dict[str, Any]) -> bool:
        chat = self._chat(params)
        s.chat_action_ok(params.get("action"))
        self.chat_actions.append((chat.id, str(params["action"])))
        return True
