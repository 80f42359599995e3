"""FakeBotServer: the fake Bot API plus the test-side API that acts as users and reads replies."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

from tests.fakebot import members as m
from tests.fakebot import server as s
from tests.fakebot.api import BOT_ID, BOT_USERNAME, DEFAULT_TOKEN, BotApi
from tests.fakebot.limits import TelegramLimits
from tests.fakebot.state import FakeChat, Fault, FaultKind, RateCap, SentMessage

__all__ = ["BOT_ID", "BOT_USERNAME", "DEFAULT_TOKEN", "FakeBotServer"]


class FakeBotServer(BotApi):
    """The fake Bot API server; see the package docstring for how tests use it."""

    def add_chat(
        self,
        chat_id: int,
        chat_type: str = "private",
        *,
        title: str | None = None,
        admins: set[int] | frozenset[int] = frozenset(),
    ) -> FakeChat:
        """Make a chat known (Telegram only knows chats that talked to the bot)."""
        chat = self.chats.get(chat_id)
        if chat is None:
            chat = FakeChat(chat_id, chat_type, title)
            self.chats[chat_id] = chat
        chat.admins |= set(admins)
        return chat

    async def user_sends(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
    ) -> int:
        """A user writes `text` in a chat; returns the update_id. Private chats: user = chat."""
        user_id = chat_id if user_id is None else user_id
        chat = self.add_chat(chat_id, chat_type)
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"},
            "chat": chat.as_json(),
            "date": int(time.time()),
            "text": text,
        }
        entities = _command_entities(text)
        if entities:
            message["entities"] = entities
        return await self._push({"message": message})

    def add_channel(
        self,
        chat_id: int,
        *,
        title: str,
        username: str | None = None,
        admins: set[int] | frozenset[int] = frozenset(),
        creator: int | None = None,
        bot_status: str = "administrator",
        bot_can_post: bool = True,
    ) -> FakeChat:
        """A channel with its administrators; by default the bot is an admin that may post."""
        chat = self.add_chat(chat_id, "channel", title=title, admins=admins)
        chat.username, chat.creator = username, creator
        chat.bot_status, chat.bot_can_post = bot_status, bot_can_post
        return chat

    async def channel_post(self, chat_id: int, text: str) -> int:
        """Someone posts in the channel (no sender but the channel itself); returns update_id."""
        chat = self.chats[chat_id]
        post: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "sender_chat": chat.as_json(),
            "chat": chat.as_json(),
            "date": int(time.time()),
            "text": text,
        }
        if entities := _command_entities(text):
            post["entities"] = entities
        return await self._push({"channel_post": post})

    async def forward_from_channel(self, user_id: int, channel_id: int, text: str) -> int:
        """A user forwards one of a channel's posts to the bot in their private chat."""
        user = self.add_chat(user_id)
        channel = self.chats[channel_id]
        now = int(time.time())
        origin = {"type": "channel", "chat": channel.as_json(), "message_id": 7, "date": now}
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"},
            "chat": user.as_json(),
            "date": now,
            "text": text,
            "forward_origin": origin,
        }
        return await self._push({"message": message})

    async def share_chat(self, user_id: int, chat_id: int, request_id: int) -> int:
        """The user picks a channel with a request_chat button. Telegram first makes the bot an
        administrator (may post) if it is not one, then sends chat_shared; returns its update_id."""
        chat = self.chats[chat_id]
        if chat.bot_status != "administrator":
            await self.change_bot_member(chat_id, "administrator", by_user=user_id)
        user = self.add_chat(user_id)
        shared: dict[str, Any] = {"request_id": request_id, "chat_id": chat_id}
        shared |= {k: v for k, v in (("title", chat.title), ("username", chat.username)) if v}
        message = {
            "message_id": next(self._message_ids),
            "from": m.user_json(user_id),
            "chat": user.as_json(),
            "date": int(time.time()),
            "chat_shared": shared,
        }
        return await self._push({"message": message})

    async def change_bot_member(
        self, chat_id: int, status: str, *, can_post: bool = True, by_user: int | None = None
    ) -> int:
        """The bot's membership changes (removed, demoted, blocked) and a my_chat_member update
        says so, as Telegram sends it; returns the update_id."""
        chat = self.chats[chat_id]
        old = m.bot_member(chat, self.bot_user)
        chat.bot_status, chat.bot_can_post = status, can_post
        actor = by_user if by_user is not None else (chat.creator or chat_id)
        change = {
            "chat": chat.as_json(),
            "from": m.user_json(actor),
            "date": int(time.time()),
            "old_chat_member": old,
            "new_chat_member": m.bot_member(chat, self.bot_user),
        }
        return await self._push({"my_chat_member": change})

    async def service_message(
        self, chat_id: int, fields: dict[str, Any], *, chat_type: str = "group"
    ) -> int:
        """A service message (no text), e.g. {"migrate_to_chat_id": -100...} when a group
        becomes a supergroup; returns the update_id."""
        chat = self.add_chat(chat_id, chat_type)
        message = {
            "message_id": next(self._message_ids),
            "chat": chat.as_json(),
            "date": int(time.time()),
            **fields,
        }
        return await self._push({"message": message})

    async def press_button(
        self,
        chat_id: int,
        message_id: int,
        callback_data: str,
        *,
        user_id: int | None = None,
        check: bool = True,
    ) -> str:
        """A user presses an inline button; returns the callback query id.

        With check=False the data need not be on the message (a forged or replayed query).
        """
        chat = self.chats.get(chat_id) or self.add_chat(chat_id)
        message = next(
            (m for m in self.sent if m.chat_id == chat_id and m.message_id == message_id), None
        )
        if check and (message is None or callback_data not in [d for _, d in message.buttons()]):
            raise AssertionError(f"no button {callback_data!r} on message {message_id}")
        user_id = chat_id if user_id is None else user_id
        query_id = str(next(self._query_ids))
        self.callback_answers[query_id] = {}
        query: dict[str, Any] = {
            "id": query_id,
            "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"},
            "chat_instance": f"ci{chat_id}",
            "data": callback_data,
        }
        if message is not None:
            query["message"] = s.message_json(self.bot_user, chat, message)
        await self._push({"callback_query": query})
        return query_id

    async def _push(self, payload: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **payload})
        await self._notify()
        return update_id

    async def release_polls(self, released: bool = True) -> None:
        """Answer long polls at once (a bot stopping need not wait out its poll timeout)."""
        self.polls_released = released
        await self._notify()

    def messages(self, chat_id: int) -> list[SentMessage]:
        """Every message the bot sent to `chat_id` (documents included), oldest first."""
        return [m for m in self.sent if m.chat_id == chat_id and not m.deleted]

    def documents(self, chat_id: int) -> list[SentMessage]:
        return [m for m in self.messages(chat_id) if m.document is not None]

    def command_menu(self, scope: dict[str, Any] | None = None, language: str = "") -> list[str]:
        """Command names registered for a scope (default scope when None)."""
        key = s.scope_key(scope, self.chats)
        return [c["command"] for c in self.commands.get((key, language), [])]

    async def wait_until(
        self, predicate: Callable[[], Any], within: float = 5.0, *, every: float | None = None
    ) -> Any:
        """Wait until predicate() is truthy (re-checked on every server change); return it.

        With `every`, it is checked every `every` seconds instead: for a predicate that reads a
        database, which a fan-out changing the server a hundred times a second would otherwise
        query as often, taking the CPU the processes under test need."""
        deadline = time.monotonic() + within
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"condition not met within {within}s")
            if every is None:
                await s.wait_changed(self._changed, min(remaining, 0.05))
            else:
                await asyncio.sleep(min(remaining, every))

    async def wait_for_message(self, chat_id: int, within: float = 5.0) -> SentMessage:
        """The next message to `chat_id` not yet returned by this method."""
        seen = self._read_cursor.get(chat_id, 0)

        def arrived() -> SentMessage | None:
            sent = [m for m in self.sent if m.chat_id == chat_id]
            return sent[seen] if len(sent) > seen else None

        message = await self.wait_until(arrived, within)
        self._read_cursor[chat_id] = seen + 1
        return message  # type: ignore[no-any-return]

    async def wait_for_edit(self, message: SentMessage, edits: int, within: float = 5.0) -> None:
        """Wait until `message` has been edited more than `edits` times."""
        await self.wait_until(lambda: message.edits > edits, within)

    async def wait_for_answer(self, query_id: str, within: float = 5.0) -> dict[str, Any]:
        """The bot's answerCallbackQuery for a pressed button."""
        return await self.wait_until(lambda: self.callback_answers.get(query_id), within)  # type: ignore[no-any-return]

    def skip_messages(self, chat_id: int) -> None:
        """Mark everything sent so far to `chat_id` as read for wait_for_message."""
        self._read_cursor[chat_id] = len([m for m in self.sent if m.chat_id == chat_id])

    def add_fault(
        self,
        kind: FaultKind,
        *,
        chat_id: int | None = None,
        method: str | None = None,
        times: int | None = 1,
        retry_after: int = 1,
        migrate_to_chat_id: int | None = None,
    ) -> Fault:
        """Fail matching requests `times` times (None: until cleared)."""
        fault = Fault(kind, chat_id, method, times, retry_after, migrate_to_chat_id)
        self.faults.append(fault)
        return fault

    def block(self, chat_id: int) -> Fault:
        """The user blocked the bot: every send to the chat gets 403."""
        return self.add_fault("blocked", chat_id=chat_id, times=None)

    def migrate_group(self, old_id: int, new_id: int) -> FakeChat:
        """Upgrade a group to a supergroup: sends to the old id get 400 with migrate_to_chat_id."""
        old = self.chats.get(old_id) or self.add_chat(old_id, "group")
        new = self.add_chat(new_id, "supergroup", title=old.title, admins=old.admins)
        new.creator = old.creator
        self.add_fault("migrated", chat_id=old_id, times=None, migrate_to_chat_id=new_id)
        return new

    def set_rate_cap(self, per_second: int, chat_id: int | None = None) -> RateCap:
        """Accept at most `per_second` sends a second (globally or to one chat); 429 beyond."""
        cap = RateCap(per_second, chat_id)
        self.rate_caps.append(cap)
        return cap

    def enforce_limits(self, **limits: float) -> TelegramLimits:
        """Enforce Telegram's flood control (see tests.fakebot.limits); keywords override the
        defaults: per_second=30, chat_per_second=1, chat_burst=3, group_per_minute=20,
        flood_wait=1."""
        self.limits = TelegramLimits(**limits)  # type: ignore[arg-type]
        return self.limits

    def clear_faults(self) -> None:
        self.faults.clear()
        self.rate_caps.clear()
        self.limits = None

    def request_log(self) -> str:
        """Every request as one JSON line each (for token-leak or call-count assertions)."""
        return "\n".join(json.dumps([m, p], default=str) for m, p in self.requests)


def _command_entities(text: str) -> list[dict[str, Any]]:
    """A bot_command entity for a leading /command, measured in UTF-16 units like Telegram."""
    if not text.startswith("/"):
        return []
    word = text.split(maxsplit=1)[0] if text.strip() else text
    if len(word) < 2:
        return []
    return [{"type": "bot_command", "offset": 0, "length": len(word.encode("utf-16-le")) // 2}]
