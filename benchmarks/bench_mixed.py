"""Replies and digests on one send budget: N digests in flight while M new users send /start.

The real bot (build_application, long polling, the scheduled digest job) runs against the fake
Bot API enforcing Telegram's limits (tests.fakebot.limits: 30 counted calls in any second, 1 a
second per chat with a burst of 3, a 429 with retry_after = the flood wait, every call refused
inside the pause). Once the fan-out has sent --burst-after digests, M users send /start at once.

Printed per flood wait: counted sends, 429s, calls inside a retry_after pause, reply latency
(the update pushed -> the fake accepting the welcome) p50 / p95 / max, the fan-out rate after the
last welcome as a share of the limit, and whether every subscriber got exactly one digest.

    .venv/bin/python benchmarks/bench_mixed.py [--digests 200] [--users 200] [--waits 1 3]
        [--arrival USERS_PER_SECOND]   (default 0: all M at once)
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_fanout import FIRST_CHAT, NOW, seed  # noqa: E402

from tests.fakebot import FakeBotServer, TelegramLimits  # noqa: E402
from tests.fakebot.fixtures import FakeClock, run_bot  # noqa: E402

LIMIT = 30
FIRST_USER = 90_000_000
DIGEST_TITLE = "Diplomacy digest"


@dataclass
class Result:
    wait: int
    sends: int
    refused: int
    in_pause: int
    latencies: list[float]
    share_after: float
    once: bool


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def run(
    digests: int, users: int, wait: int, burst_after: int, arrival: float, db: str
) -> Result:
    fake = FakeBotServer()
    await fake.start()
    for chat_id in range(FIRST_CHAT, FIRST_CHAT + digests):
        fake.add_chat(chat_id)
    limits = fake.enforce_limits(per_second=LIMIT, flood_wait=wait)
    subscribers = set(range(FIRST_CHAT, FIRST_CHAT + digests))
    pushed: dict[int, float] = {}
    try:
        async with run_bot(fake, db, clock=FakeClock(NOW), telegram_max_rate=LIMIT) as bot:
            await fake.wait_until(
                lambda: sum(1 for _, c in limits.accepted if c in subscribers) >= burst_after,
                within=60,
            )
            for user in range(FIRST_USER, FIRST_USER + users):
                pushed[user] = time.monotonic()
                await fake.user_sends(user, "/start")
                if arrival:
                    await asyncio.sleep(1 / arrival)
            await fake.wait_until(lambda: _done(fake, subscribers, pushed), within=300)
            del bot
    finally:
        await fake.stop()
    return _result(fake, limits, wait, subscribers, pushed)


def _done(fake: FakeBotServer, subscribers: set[int], pushed: dict[int, float]) -> bool:
    got = {m.chat_id for m in fake.sent}
    return subscribers <= got and set(pushed) <= got


def _result(
    fake: FakeBotServer,
    limits: TelegramLimits,
    wait: int,
    subscribers: set[int],
    pushed: dict[int, float],
) -> Result:
    first_reply: dict[int, float] = {}
    for at, chat in limits.accepted:
        if chat in pushed:
            first_reply.setdefault(chat, at)
    latencies = [first_reply[u] - pushed[u] for u in pushed] or [0.0]
    last_reply = max(first_reply.values(), default=0.0)
    after = [at for at, chat in limits.accepted if chat in subscribers and at > last_reply]
    share = (len(after) - 1) / (after[-1] - after[0]) / LIMIT if len(after) > 10 else float("nan")
    headers = [m.chat_id for m in fake.sent if m.chat_id in subscribers and DIGEST_TITLE in m.text]
    once = sorted(headers) == sorted(subscribers)
    sends = len(limits.accepted) + limits.refused
    return Result(wait, sends, limits.refused, limits.calls_in_pause, latencies, share, once)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--digests", type=int, default=200)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--waits", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--burst-after", type=int, default=20)
    parser.add_argument(
        "--arrival", type=float, default=0, help="users per second (0: all at once)"
    )
    args = parser.parse_args()
    print(
        "| flood wait s | digests | users | sends | 429s | 429 share | calls in pause "
        "| reply p50 s | p95 s | max s | fan-out after burst / limit | each digest once |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for wait in args.waits:
        with tempfile.TemporaryDirectory() as tmp:
            db = f"sqlite:///{Path(tmp) / 'bench.db'}"
            seed(db, args.digests)
            r = asyncio.run(run(args.digests, args.users, wait, args.burst_after, args.arrival, db))
        print(
            f"| {r.wait} | {args.digests} | {args.users} | {r.sends} | {r.refused} "
            f"| {r.refused / r.sends:.1%} | {r.in_pause} | {statistics.median(r.latencies):.2f} "
            f"| {percentile(r.latencies, 0.95):.2f} | {max(r.latencies):.2f} "
            f"| {r.share_after:.3f} | {'yes' if r.once else 'NO'} |",
            flush=True,
        )
    print(
        "\ntargets: 429s <= 1% of sends, 0 calls in a pause, reply p95 <= 2 s, "
        "fan-out after the burst >= 0.9 of the limit, every digest exactly once"
    )


if __name__ == "__main__":
    main()
