"""`diplobot sources list|add|remove`: the operator's view of the feeds and their polling state."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlmodel import Session

from bot.cli.common import fail, migrated_settings
from bot.pipeline.collect import BlockedURL, check_scheme
from storage import sources
from storage.engine import make_engine, session_scope
from storage.models import Source

T = TypeVar("T")
COLUMNS = ("id", "on", "last poll UTC", "new", "fails", "next poll UTC", "url / last error")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("sources", help="list, add or remove the polled feeds")
    sub = parser.add_subparsers(dest="sources_command", required=True, metavar="COMMAND")
    sub.add_parser("list", help="every source with its polling state").set_defaults(func=_list)
    add = sub.add_parser("add", help="poll a new feed (an operator may add any address)")
    add.add_argument("url")
    add.set_defaults(func=_add)
    remove = sub.add_parser("remove", help="stop polling a feed (its articles stay)")
    remove.add_argument("url")
    remove.set_defaults(func=_remove)


def _with_session(fn: Callable[..., T], **kwargs: Any) -> T:
    settings = migrated_settings()
    engine = make_engine(settings.database_url)
    try:
        # The configured FEEDS are sources too, even before the first pass stores them.
        with session_scope(engine) as session:
            sources.ensure_sources(session=session, urls=settings.feeds)
        with session_scope(engine) as session:
            return fn(session=session, configured=frozenset(settings.feeds), **kwargs)
    finally:
        engine.dispose()


def _remove_or_disable(*, session: Session, configured: frozenset[str], url: str) -> str | None:
    """Delete a source; one listed in FEEDS is disabled instead, or the next pass re-adds it."""
    if url in configured:
        return (
            "disabled (it is listed in FEEDS)"
            if sources.disable_source(session=session, url=url)
            else None
        )
    return (
        "removed (its articles stay)" if sources.remove_source(session=session, url=url) else None
    )


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


def format_table(rows: list[Source]) -> str:
    """Aligned columns; the last error goes on its own indented line under the URL."""
    cells = [
        (
            str(s.id),
            "yes" if s.enabled else "no",
            _when(s.last_polled),
            str(s.new_items_last),
            str(s.consecutive_failures),
            _when(s.next_poll_at) if s.enabled else "disabled",
            s.url,
        )
        for s in rows
    ]
    widths = [max(len(c[i]) for c in [COLUMNS, *cells]) for i in range(len(COLUMNS) - 1)]

    def line(values: tuple[str, ...]) -> str:
        return "".join(v.ljust(w + 2) for v, w in zip(values, widths, strict=False)) + values[-1]

    lines = [line(COLUMNS)]
    for source, row in zip(rows, cells, strict=True):
        lines.append(line(row))
        if source.last_error:
            lines.append(" " * (sum(widths) + 2 * len(widths)) + "! " + source.last_error[:200])
    return "\n".join(lines)


def _list(_args: argparse.Namespace) -> int:
    rows = _with_session(lambda session, configured: sources.list_sources(session=session))
    if not rows:
        print("no sources: set FEEDS or run `diplobot sources add URL`")
        return 0
    print(format_table(rows))
    return 0


def _add(args: argparse.Namespace) -> int:
    url = args.url.strip()
    try:
        check_scheme(url)
    except BlockedURL as exc:
        fail(str(exc))
    source, created = _with_session(
        lambda session, configured: sources.add_source(session=session, url=url)
    )
    print(f"{'added' if created else 'already there (enabled)'}: #{source.id} {url}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    url = args.url.strip()
    outcome = _with_session(_remove_or_disable, url=url)
    if outcome is None:
        fail(f"no source {url}", code=1)
    print(f"{outcome}: {url}")
    return 0
