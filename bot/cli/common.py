"""What every subcommand needs: settings loaded with one-line errors, logging, a migrated store."""

from __future__ import annotations

import sys
from typing import NoReturn

from pydantic import ValidationError

from bot.config import Settings, describe_error
from bot.logs import configure_logging, token_parts

EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    print(f"diplobot: {message}", file=sys.stderr)
    raise SystemExit(code)


def load_settings() -> Settings:
    """Settings from the environment and .env, or exit 2 naming each invalid setting."""
    try:
        settings = Settings()
    except ValidationError as exc:
        fail(describe_error(exc))
    configure_logging(settings.log_level, token_parts(settings.token))
    return settings


def migrated_settings() -> Settings:
    """Settings, with the database schema brought up to date first."""
    from storage.migrate import upgrade  # alembic takes most of a second: not for `preview`

    settings = load_settings()
    upgrade(settings.database_url)
    return settings
