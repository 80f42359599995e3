"""Command latency through the real Application and the fake Bot API (same process, loopback).

Measures, per command, the time from the update being offered by getUpdates to the bot's reply
arriving at the fake server (p50/p95/max over --runs), with a database of --meetings meetings and
--statements statements (SQLite file). Then the flood case: one user sends --flood commands at
once while another user asks /help --runs times; the other user's latency is reported next to
the quiet baseline, and the flooder's replies (allowed + the one notice) are counted.

    .venv/bin/python benchmarks/bench_commands.py [--runs 30] [--meetings 2000]
        [--statements 5000] [--flood 300]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage.engine import make_engine, session_scope  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Article, MeetingArticle, MeetingRow, StatementRow  # noqa: E402
from tests.fakebot import FakeBotServer  # noqa: E402
from tests.fakebot.fixtures import DEFAULT_NOW, RunningBot, run_bot  # noqa: E402

USER = 1000001
COMMANDS = (
    "/help",
    "/topics",
    "/subscribe Russia, NATO",
    "/upcoming 30",
    "/upcoming Lavrov 90",
    "/who Lavrov",
    "/calendar",
)
PLACES = ("Geneva", "Brussels", "Vienna", "New York", "Minsk", "Ankara")
SPEAKERS = ("Sergei Lavrov", "Antony Blinken", "Jens Stoltenberg", "Dmitry Peskov", "Wang Yi")


def seed(url: str, meetings: int, statements: int) -> None:
    """Invented rows: meetings spread over 90 days, statements over the last 7."""
    engine = make_engine(url)
    with session_scope(engine) as session:
        articles = []
        for n in range(200):
            article = Article(
                url=f"https://wire.example/{n}",
                title=f"Envoys prepare round {n}",
                published=DEFAULT_NOW - timedelta(hours=n % 160),
                text="",
                content_hash=f"h{n}",
            )
            session.add(article)
            articles.append(article)
        session.flush()
        for n in range(meetings):
            row = MeetingRow(
                key=f"m{n}",
                title=f"Consultations round {n} on regional security",
                kind="talks",
                participants=[SPEAKERS[n % 5], "Russia" if n % 2 else "NATO"],
                place=PLACES[n % len(PLACES)],
                start=date(2022, 1, 7) + timedelta(days=n % 90),
                evidence="The talks will take place next week.",
            )
            session.add(row)
            session.flush()
            session.add(MeetingArticle(meeting_id=row.id, article_id=articles[n % 200].id))
        for n in range(statements):
            session.add(
                StatementRow(
                    article_id=articles[n % 200].id,
                    speaker=SPEAKERS[n % 5],
                    kind="direct",
                    text=f"We are ready for talks, statement number {n}",
                    evidence="quoted",
                )
            )
    engine.dispose()


_users = iter(range(2_000_000, 3_000_000))


async def timed(bot: RunningBot, text: str) -> float:
    """One command from a fresh user (one user would soon meet the flood guard)."""
    chat_id = next(_users)
    start = time.perf_counter()
    await bot.fake.user_sends(chat_id, text)
    await bot.fake.wait_for_message(chat_id, within=60)
    return time.perf_counter() - start


def row(name: str, samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"| {name:<24} | {statistics.median(ms):8.1f} | {p95:8.1f} | {ms[-1]:8.1f} |"


async def flood_case(bot: RunningBot, flood: int, runs: int) -> tuple[list[float], int]:
    bot.fake.skip_messages(USER)
    for _ in range(flood):
        await bot.fake.user_sends(USER, "/help")
    others = [await timed(bot, "/help") for _ in range(runs)]
    await asyncio.sleep(0.5)  # let the last flood updates finish before counting
    return others, len(bot.fake.messages(USER))


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        seed(url, args.meetings, args.statements)
        fake = FakeBotServer()
        await fake.start()
        try:
            async with run_bot(fake, url) as bot:
                print(f"{args.meetings} meetings, {args.statements} statements, {args.runs} runs")
                print("| command                  | p50 ms   | p95 ms   | max ms   |")
                print("|---|---|---|---|")
                for command in COMMANDS:
                    samples = [await timed(bot, command) for _ in range(args.runs)]
                    print(row(command, samples))
                quiet = [await timed(bot, "/help") for _ in range(args.runs)]
                print(row("/help (quiet)", quiet))
                during, replies = await flood_case(bot, args.flood, args.runs)
                print(row(f"/help during {args.flood}-cmd flood", during))
                print(f"flooder: {args.flood} commands sent, {replies} replies (incl. 1 notice)")
        finally:
            await fake.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--meetings", type=int, default=2000)
    parser.add_argument("--statements", type=int, default=5000)
    parser.add_argument("--flood", type=int, default=300)
    asyncio.run(main(parser.parse_args()))
