"""The aiohttp application behind the fake Bot API: routing, request decoding, the methods."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import BodyPartReader, web

from tests.fakebot.state import ApiError, Document, FakeChat, SentMessage, chat_not_found
from tests.fakebot.telegram_html import HtmlError, parse_html, utf16_len

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "allowed_updates",
        "link_preview_options",
        "entities",
        "reply_parameters",
        "caption_entities",
    }
)
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)

Handler = Callable[[dict[str, Any]], Awaitable[Any]]


async def read_params(request: web.Request) -> dict[str, Any]:
    """Decode form, multipart or JSON bodies as PTB sends them (complex values JSON-encoded)."""
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json()
        params.update(body if isinstance(body, dict) else {})
        return params
    if request.content_type.startswith("multipart/"):
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            if part.filename is not None:
                mime = part.headers.get("Content-Type", "application/octet-stream")
                params[part.name] = Document(part.filename, bytes(await part.read()), mime)
            else:
                params[part.name] = await part.text()
    else:
        params.update(await request.post())
    for key in _JSON_FIELDS & params.keys():
        if isinstance(params[key], str):
            try:
                params[key] = json.loads(params[key])
            except ValueError as exc:
                raise ApiError(400, f"Bad Request: can't parse {key} JSON object") from exc
    return params


def as_int(params: dict[str, Any], key: str, *, required: bool = True) -> int | None:
    """An integer parameter; Telegram answers 400 for a missing or malformed one."""
    value = params.get(key)
    if value is None or value == "":
        if required:
            raise ApiError(400, f"Bad Request: {key} is empty")
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        if key == "chat_id":
            raise chat_not_found() from exc
        raise ApiError(400, f"Bad Request: invalid {key} specified") from exc


def check_text(text: Any, parse_mode: Any, *, limit: int, empty_ok: bool = False) -> str:
    """Validate a text or caption as Telegram does and return its visible text."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    visible = text
    if parse_mode is not None and str(parse_mode).upper() == "HTML":
        try:
            visible = parse_html(text)
        except HtmlError as exc:
            raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from exc
    elif parse_mode not in (None, "", "Markdown", "MarkdownV2"):
        raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode}")
    if not visible.strip() and not empty_ok:
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(visible) > limit:
        raise ApiError(400, "Bad Request: message is too long")
    return visible


def check_markup(markup: Any) -> dict[str, Any] | None:
    """Inline keyboards: every button has text and exactly one action; callback data <= 64 B."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError(400, 'Bad Request: field "inline_keyboard" must be an Array of Arrays')
    for row in rows:
        for button in row:
            _check_button(button)
    return markup


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not str(button.get("text", "")).strip():
        raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
    actions = [k for k in ("callback_data", "url", "switch_inline_query", "pay") if k in button]
    if len(actions) != 1:
        raise ApiError(400, "Bad Request: inline keyboard button must have exactly one action")
    data = button.get("callback_data")
    if data is not None and not 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA:
        raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and not str(url).startswith(("http://", "https://", "tg://")):
        raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")


def preview_disabled(params: dict[str, Any]) -> bool:
    options = params.get("link_preview_options")
    if isinstance(options, dict) and options.get("is_disabled"):
        return True
    return str(params.get("disable_web_page_preview", "")).lower() in {"true", "1"}


def check_commands(commands: Any) -> list[dict[str, str]]:
    """setMyCommands rules: 1-32 lowercase/digit/underscore names, 1-256 char descriptions."""
    if not isinstance(commands, list) or len(commands) > 100:
        raise ApiError(400, "Bad Request: commands must be an array of at most 100 items")
    for item in commands:
        name = str(item.get("command", "")) if isinstance(item, dict) else ""
        desc = str(item.get("description", "")) if isinstance(item, dict) else ""
        if not (1 <= len(name) <= 32 and all(c.islower() or c.isdigit() or c == "_" for c in name)):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(desc) <= 256:
            raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
    return [{"command": c["command"], "description": c["description"]} for c in commands]


def scope_key(scope: Any, chats: dict[int, FakeChat]) -> str:
    """A canonical key for a BotCommandScope; chat scopes need a chat the bot knows."""
    scope = scope or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in _COMMAND_SCOPES:
        raise ApiError(400, "Bad Request: wrong scope type")
    if "chat_id" in scope:
        try:
            chat_id = int(scope["chat_id"])
        except (TypeError, ValueError) as exc:
            raise chat_not_found() from exc
        if chat_id not in chats:
            raise chat_not_found()
    return json.dumps({k: scope[k] for k in sorted(scope)}, separators=(",", ":"))


def message_json(bot_user: dict[str, Any], chat: FakeChat, message: SentMessage) -> dict[str, Any]:
    """The Message object Telegram returns for a message the bot sent or edited."""
    data: dict[str, Any] = {
        "message_id": message.message_id,
        "from": bot_user,
        "chat": chat.as_json(),
        "date": message.date,
    }
    if message.edits:
        data["edit_date"] = int(time.time())
    if message.document is not None:
        doc = message.document
        data["document"] = {
            "file_id": f"doc{message.message_id}",
            "file_unique_id": f"u{message.message_id}",
            "file_name": doc.filename,
            "mime_type": doc.mime_type,
            "file_size": len(doc.content),
        }
        if message.text:
            data["caption"] = message.text
    else:
        data["text"] = message.text
    if message.reply_markup and message.reply_markup.get("inline_keyboard"):
        data["reply_markup"] = message.reply_markup
    return data


def chat_action_ok(action: Any) -> None:
    if action not in _CHAT_ACTIONS:
        raise ApiError(400, "Bad Request: wrong parameter action in request")


async def wait_changed(condition: asyncio.Condition, within: float) -> bool:
    """Wait for the next state change; False when `within` seconds passed first."""
    async with condition:
        try:
            await asyncio.wait_for(condition.wait(), within)
        except TimeoutError:
            return False
    return True
