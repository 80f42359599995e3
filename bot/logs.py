"""Logging that never prints secrets.

httpx logs every request URL at INFO, and Telegram URLs carry the bot token; tracebacks can carry
it too. Redacting the final formatted line (message, arguments and traceback alike) is the one
place that catches all of them.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

REDACTED = "[REDACTED]"


class RedactingFormatter(logging.Formatter):
    """A formatter that replaces every secret in the finished line, traceback included."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self._secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self._secrets)


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret and secret in text:
            text = text.replace(secret, REDACTED)
    return text


def token_parts(token: str | None) -> list[str]:
    """The token and its secret half: a log line may cut the token at the colon."""
    if not token:
        return []
    parts = [token]
    if ":" in token:
        parts.append(token.split(":", 1)[1])
    return parts


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    """Root logging to stderr through the redacting formatter; quiet chatty libraries."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # One line per HTTP request is noise at INFO; keep it for DEBUG, where it is still redacted.
    if level != "DEBUG":
        for name in ("httpx", "httpcore", "apscheduler", "alembic"):
            logging.getLogger(name).setLevel(logging.WARNING)
