"""`diplobot stats`: the processes sharing the work (heartbeats) and how much work is waiting."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from bot.app import build_services
from bot.cli.common import migrated_settings
from bot.services.worker_loop import ALIVE_WITHIN
from storage import workers
from storage.engine import session_scope
from storage.models import WorkerBeat


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("stats", help="workers alive and the depth of each queue")
    parser.set_defaults(func=_stats)


def format_stats(alive: list[WorkerBeat], depths: workers.QueueDepths, now: datetime) -> list[str]:
    seconds = int(ALIVE_WITHIN.total_seconds())
    lines = [f"processes alive (heartbeat in the last {seconds} s): {len(alive)}"]
    for w in alive:
        ago = int((now - w.seen_at).total_seconds())
        lines.append(
            f"  {w.role:<7} {w.name}  up since {w.started_at:%Y-%m-%d %H:%M} UTC, seen {ago} s ago"
        )
    lines += [
        "queues (waiting / claimed now):",
        f"  sources due       {depths.sources_due} / {depths.sources_polling}",
        f"  articles to parse {depths.articles_waiting} / {depths.articles_claimed}",
        f"  digests to send   {depths.digests_waiting} / {depths.digests_sending}",
    ]
    return lines


def _stats(_args: argparse.Namespace) -> int:
    services = build_services(migrated_settings())
    now = datetime.now(UTC)
    try:
        with session_scope(services.engine) as session:
            alive = workers.alive_workers(session=session, now=now, within=ALIVE_WITHIN)
            depths = workers.queue_depths(session=session, now=now)
            print("\n".join(format_stats(alive, depths, now)))
    finally:
        services.engine.dispose()
        services.close()
    return 0
