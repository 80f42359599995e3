"""`diplobot collect`: one collection pass now, with a progress bar on a terminal and a summary."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TextIO

from bot.app import build_services
from bot.cli.common import migrated_settings
from bot.services import CollectSummary, collect_once

BAR_WIDTH = 30


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("collect", help="poll the due sources once and extract facts")
    parser.set_defaults(func=_collect)


class ProgressBar:
    """A one-line bar redrawn in place; only used when the output is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __call__(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stream.write(f"\rpolling [{bar}] {done}/{total} sources")
        if done >= total:
            self.stream.write("\nextracting facts from new articles...\n")
        self.stream.flush()


def format_summary(summary: CollectSummary) -> str:
    lines = [
        f"sources polled   {summary.sources_polled}",
        f"unchanged (304)  {summary.not_modified}",
        f"failed           {summary.failed}",
        f"new articles     {summary.new_articles}",
        f"relevant         {summary.relevant}",
        f"extracted        {summary.extracted}",
        f"statements       {summary.statements}",
        f"meetings         {summary.meetings}",
        f"errors           {len(summary.errors)}",
    ]
    lines += [f"  ! {error[:300]}" for error in summary.errors]
    lines += [f"  disabled after repeated failures: {url}" for url in summary.disabled]
    return "\n".join(lines)


def _collect(_args: argparse.Namespace) -> int:
    settings = migrated_settings()
    services = build_services(settings)
    progress = ProgressBar(sys.stdout) if sys.stdout.isatty() else None
    try:
        summary = asyncio.run(collect_once(services, progress=progress))
    finally:
        services.engine.dispose()
        services.close()
    print(format_summary(summary))
    return 0
