"""What the fake Bot API remembers: chats, messages the bot sent, faults to inject."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Literal

FaultKind = Literal["flood", "server", "blocked", "migrated"]

# Methods that deliver something to a chat: faults and the rate cap apply to these by default.
SEND_METHODS = frozenset(
    {
        "sendmessage",
        "senddocument",
        "editmessagetext",
        "editmessagereplymarkup",
        "sendchataction",
        "deletemessage",
    }
)


class ApiError(Exception):
    """A Telegram-style error response: error_code, description and optional parameters."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def chat_not_found() -> ApiError:
    return ApiError(400, "Bad Request: chat not found")


@dataclass
class FakeChat:
    """A chat the fake server knows; groups and channels keep their administrators' user ids.

    `bot_status` is the bot's own membership ("member" in groups; a channel's bot is an
    "administrator", or "left"/"kicked"); `cannot_post` are admins without the posting right.
    """

    id: int
    type: str = "private"
    title: str | None = None
    admins: set[int] = field(default_factory=set)
    creator: int | None = None
    username: str | None = None
    bot_status: str = "member"
    bot_can_post: bool = True
    cannot_post: set[int] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private":
            data["first_name"] = f"User{self.id}"
        else:
            data["title"] = self.title or f"Group {self.id}"
        if self.username:
            data["username"] = self.username
        return data


@dataclass
class Document:
    """A file the bot sent with sendDocument."""

    filename: str
    content: bytes
    mime_type: str


@dataclass
class SentMessage:
    """A message the bot sent, as it currently reads (edits update it in place)."""

    message_id: int
    chat_id: int
    html: str
    text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    link_preview_disabled: bool
    date: int
    document: Document | None = None
    edits: int = 0
    deleted: bool = False

    def buttons(self) -> list[tuple[str, str]]:
        """(button text, callback_data or url) for every inline button, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [
            (b["text"], b.get("callback_data") or b.get("url", "")) for row in rows for b in row
        ]

    def button_data(self, label_part: str) -> str:
        """The callback data of the first button whose text contains `label_part`."""
        for text, data in self.buttons():
            if label_part.casefold() in text.casefold():
                return data
        raise KeyError(f"no button containing {label_part!r} in {self.buttons()}")


@dataclass
class Fault:
    """An injected failure: applies to matching requests while `times` is not used up."""

    kind: FaultKind
    chat_id: int | None = None
    method: str | None = None
    times: int | None = 1
    retry_after: int = 1
    migrate_to_chat_id: int | None = None
    hits: int = 0

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        if self.method is not None:
            if self.method.lower() != method:
                return False
        elif method not in SEND_METHODS:
            return False
        return self.chat_id is None or self.chat_id == chat_id

    def error(self) -> ApiError:
        if self.kind == "flood":
            return ApiError(
                429,
                f"Too Many Requests: retry after {self.retry_after}",
                {"retry_after": self.retry_after},
            )
        if self.kind == "server":
            return ApiError(500, "Internal Server Error")
        if self.kind == "blocked":
            return ApiError(403, "Forbidden: bot was blocked by the user")
        return ApiError(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": self.migrate_to_chat_id},
        )


@dataclass
class RateCap:
    """At most `per_second` accepted send-type requests in any one-second window."""

    per_second: int
    chat_id: int | None = None
    accepted: deque[float] = field(default_factory=deque)
    refused: int = 0

    def admit(self, method: str, chat_id: int | None) -> bool:
        if method not in SEND_METHODS or (self.chat_id is not None and self.chat_id != chat_id):
            return True
        now = time.monotonic()
        while self.accepted and now - self.accepted[0] >= 1.0:
            self.accepted.popleft()
        if len(self.accepted) >= self.per_second:
            self.refused += 1
            return False
        self.accepted.append(now)
        return True
