"""SendBudget, the one pacer: priorities, per-chat pacing, group windows and 429 pauses.

Calls go to a recording callback instead of Telegram; the assertions are about order and counts.
"""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from typing import Any

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from handlers import send_budget
from handlers.dispatch import TelegramOutlet
from handlers.send_budget import GROUP_PER_MINUTE, Priority, SendBudget


class Recorder:
    """Stands in for PTB's _do_post: records each call, raises 429 for chats told to."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object, float]] = []
        self.flood: dict[object, int] = {}
        self.first = asyncio.Event()

    async def __call__(self, endpoint: str, data: dict[str, Any]) -> bool:
        chat = data.get("chat_id")
        self.calls.append((endpoint, chat, time.monotonic()))
        self.first.set()
        if self.flood.get(chat, 0) > 0:
            self.flood[chat] -= 1
            raise RetryAfter(timedelta(seconds=1))
        return True


async def call(
    budget: SendBudget,
    record: Recorder,
    endpoint: str,
    data: dict[str, Any],
    priority: Priority | None = None,
) -> Any:
    return await budget.process_request(record, (endpoint, data), {}, endpoint, data, priority)


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_a_reply_overtakes_queued_digest_messages() -> None:
    budget, record = SendBudget(rate=20, chat_rate=100), Recorder()
    bulk = [
        asyncio.create_task(call(budget, record, "sendMessage", {"chat_id": c}, Priority.BULK))
        for c in range(1, 7)
    ]
    await settle()  # the first digest message has its slot, five wait
    reply = asyncio.create_task(call(budget, record, "sendMessage", {"chat_id": 99}))
    await asyncio.gather(reply, *bulk)
    await budget.shutdown()
    assert [chat for _, chat, _ in record.calls] == [1, 99, 2, 3, 4, 5, 6]


async def test_a_chat_waits_for_its_own_rate_and_others_go_meanwhile() -> None:
    budget, record = SendBudget(rate=1000, chat_rate=5), Recorder()
    sends = [call(budget, record, "sendMessage", {"chat_id": chat}) for chat in (1, 1, 1, 2)]
    await asyncio.gather(*sends)
    await budget.shutdown()
    assert [chat for _, chat, _ in record.calls] == [1, 2, 1, 1]


async def test_a_429_pauses_every_call_and_the_refused_one_is_sent_again() -> None:
    budget, record = SendBudget(rate=1000, chat_rate=1000), Recorder()
    record.flood[1] = 1
    first = asyncio.create_task(call(budget, record, "sendMessage", {"chat_id": 1}))
    await record.first.wait()
    others = [
        call(budget, record, "sendMessage", {"chat_id": 2}, Priority.BULK),
        call(budget, record, "answerCallbackQuery", {"callback_query_id": "7"}),
        call(budget, record, "getChatMember", {"chat_id": -5, "user_id": 3}),
    ]
    await asyncio.gather(first, *others)
    await budget.shutdown()
    refused_at = record.calls[0][2]
    after = record.calls[1:]
    assert sorted(e for e, _, _ in after) == [
        "answerCallbackQuery",
        "getChatMember",
        "sendMessage",
        "sendMessage",
    ]
    assert all(t >= refused_at + 1 for _, _, t in after)  # nobody called inside the pause
    assert budget.pauses == 1


async def test_a_flood_wait_over_the_cap_reaches_the_caller(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(send_budget, "FLOOD_WAIT_CAP", 0.5)
    budget, record = SendBudget(rate=1000), Recorder()
    record.flood[1] = 5
    with pytest.raises(RetryAfter):
        await call(budget, record, "sendMessage", {"chat_id": 1})
    await budget.shutdown()
    assert len(record.calls) == 1


def test_a_group_gets_at_most_twenty_a_minute() -> None:
    budget = SendBudget(rate=1000, chat_rate=1000)
    start = 1000.0
    for i in range(GROUP_PER_MINUTE):
        budget._take(-5, start + i, start + i)
        budget._take(7, start + i, start + i)
    assert budget._chat_ready(-5) == start + 60  # the 21st waits for the first to age out
    assert budget._chat_ready(7) < start + GROUP_PER_MINUTE  # private chats have no window


def test_the_digest_sender_refuses_a_bot_without_the_budget() -> None:
    with pytest.raises(TypeError):
        TelegramOutlet(Bot("1:x"))  # type: ignore[arg-type]
