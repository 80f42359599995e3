"""`diplobot send-due` as a process: one pass against the fake Bot API, then a summary."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from tests.e2e.digest_procs import ROOT, digests_per_chat, seed
from tests.fakebot import FakeBotServer


async def run_send_due(fake: FakeBotServer, url: str, workdir: Path) -> tuple[int, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "DATABASE_URL": url,
        "TELEGRAM_MAX_RATE": "200",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "send-due",
        cwd=workdir,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await process.communicate()
    return int(process.returncode or 0), out.decode()


async def test_send_due_sends_once_and_prints_a_summary(tmp_path: Path) -> None:
    fake = FakeBotServer()
    await fake.start()
    try:
        url = f"sqlite:///{tmp_path / 'bot.db'}"
        chat_ids = seed(url, fake, 6)
        fake.block(chat_ids[0])
        code, out = await run_send_due(fake, url, tmp_path)
        again_code, again = await run_send_due(fake, url, tmp_path)
    finally:
        await fake.stop()
    assert code == 0, out
    assert "due chats scheduled: 6" in out and "digests sent: 5 (5 messages)" in out
    assert "blocked chats removed: 1" in out
    assert again_code == 0 and "due chats scheduled: 0" in again and "digests sent: 0" in again
    assert digests_per_chat(fake) == {chat: 1 for chat in chat_ids[1:]}
    assert fake.token not in out + again
