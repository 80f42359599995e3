"""`diplobot db upgrade`: apply the migrations (also done by `diplobot run` at start)."""

from __future__ import annotations

import argparse

from bot.cli.common import load_settings
from storage.engine import make_engine
from storage.migrate import current_revision, upgrade


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("db", help="database schema commands")
    db_sub = parser.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    up = db_sub.add_parser("upgrade", help="apply migrations to DATABASE_URL (safe to repeat)")
    up.set_defaults(func=_upgrade)


def _upgrade(_args: argparse.Namespace) -> int:
    settings = load_settings()
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        print(f"database is at revision {current_revision(engine)}")
    finally:
        engine.dispose()
    return 0
