"""Where a dispatch pass sends: the one contract between the use case and the Bot API sender.

The pass decides what to send and records what happened; it never sees Telegram. The sender
(handlers.dispatch.TelegramOutlet) renders digests to Telegram HTML, paces and retries, and turns
what the Bot API answers into the outcomes below, each of which the pass records differently.
"""

from __future__ import annotations

from typing import Protocol

from bot.pipeline.digest import Digest


class ChatGone(Exception):
    """The chat blocked or removed the bot: its data is deleted."""


class MessageRejected(Exception):
    """The message can never be sent as it is (a 400): the delivery fails for good."""


class SendDeferred(Exception):
    """Retrying within this pass did not help (network, 5xx, 429): the next pass tries again."""


class ChatMoved(Exception):
    """The group became a supergroup with a new id; the digest goes on there."""

    def __init__(self, new_chat_id: int) -> None:
        super().__init__(f"chat moved to {new_chat_id}")
        self.new_chat_id = new_chat_id


class Outlet(Protocol):
    """Renders a digest into message texts and sends one text, returning its message id."""

    def render(self, digest: Digest) -> list[str]: ...

    async def send(self, chat_id: int, text: str) -> int: ...
