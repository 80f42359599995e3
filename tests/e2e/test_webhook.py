"""Webhook mode: only Telegram can post updates, because only Telegram knows the secret token.

Without `secret_token`, anyone who learns the webhook URL could post an update "from" an admin
and run /collect or /addsource. The real `diplobot run` with WEBHOOK_URL is started against the
fake Bot API (which here also accepts setWebhook), and forged updates are posted to its server.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.logs import webhook_secret
from tests.e2e.test_secrets import ADMIN, SECRET_HALF, TOKEN, assert_no_secret, start_bot
from tests.fakebot import FakeBotServer

pytestmark = pytest.mark.e2e

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookFakeBot(FakeBotServer):
    """The fake Bot API, also answering setWebhook (the bot calls it at start in webhook mode)."""

    def __init__(self) -> None:
        super().__init__(token=TOKEN)
        self._methods["setwebhook"] = self._true

    def webhook_params(self) -> dict[str, Any] | None:
        return next((p for m, p in self.requests if m == "setwebhook"), None)


@pytest.fixture
async def fake() -> AsyncIterator[WebhookFakeBot]:
    server = WebhookFakeBot()
    await server.start()
    server.add_chat(ADMIN)
    yield server
    await server.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def update(update_id: int, text: str) -> dict[str, Any]:
    """A private message from the admin, as Telegram would post it."""
    person = {"id": ADMIN, "is_bot": False, "first_name": "Admin"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": person,
            "chat": {"id": ADMIN, "type": "private", "first_name": "Admin"},
            "date": int(time.time()),
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        },
    }


async def post(url: str, body: dict[str, Any], secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    async with httpx.AsyncClient() as client:
        for _ in range(100):  # the webhook server starts listening just after setWebhook
            try:
                response = await client.post(url, content=json.dumps(body), headers=headers)
                return response.status_code
            except httpx.ConnectError:
                await asyncio.sleep(0.1)
    raise AssertionError(f"nothing listening at {url}")


async def test_forged_updates_without_the_secret_are_refused(
    fake: WebhookFakeBot, tmp_path: Path
) -> None:
    port = free_port()
    bot = await start_bot(
        fake,
        tmp_path,
        WEBHOOK_URL="https://bot.example.org/hook",
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    try:
        params = await fake.wait_until(fake.webhook_params, 60)
        assert params["url"] == "https://bot.example.org/hook/telegram"
        secret = params.get("secret_token")
        assert secret == webhook_secret(TOKEN)
        assert TOKEN not in secret and SECRET_HALF not in secret
        url = f"http://127.0.0.1:{port}/telegram"
        assert await post(url, update(1, "/stats"), None) == 403
        assert await post(url, update(2, "/sources"), "guessed-secret") == 403
        assert await post(url, update(3, "/help"), secret) == 200
        reply = await fake.wait_for_message(ADMIN, within=20)
        assert reply.text.startswith("Commands")
        assert await post(url, update(4, "/topics"), secret) == 200
        await fake.wait_for_message(ADMIN, within=20)
        texts = [m.text for m in fake.messages(ADMIN)]
        assert len(texts) == 2  # neither forged /stats nor forged /sources was answered
    finally:
        await bot.stop()
    output = bot.output()
    assert "setWebhook" in output
    assert_no_secret(output, "the webhook run's output")
    assert webhook_secret(TOKEN) not in output
