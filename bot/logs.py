"""Logging that never prints secrets.

httpx logs every request URL at INFO, and Telegram URLs carry the bot token; tracebacks can carry
it too. Redacting the final formatted line (message, arguments and traceback alike) is the one
place that catches all of them.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import threading
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
    """The token, its secret half (a log line may cut it at the colon) and the webhook secret."""
    if not token:
        return []
    parts = [token, webhook_secret(token)]
    if ":" in token:
        parts.append(token.split(":", 1)[1])
    return parts


def webhook_secret(token: str) -> str:
    """The X-Telegram-Bot-Api-Secret-Token for webhook mode, derived so every process agrees.

    Without it anyone who learns the webhook URL can post forged updates (an admin's /collect).
    A hash, so the header never reveals the token; Telegram allows [A-Za-z0-9_-], up to 256.
    """
    return hashlib.sha256(f"diplobot-webhook:{token}".encode()).hexdigest()


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
    route_uncaught_through_logging()
    # One line per HTTP request is noise at INFO; keep it for DEBUG, where it is still redacted.
    if level != "DEBUG":
        for name in ("httpx", "httpcore", "apscheduler", "alembic"):
            logging.getLogger(name).setLevel(logging.WARNING)


def route_uncaught_through_logging() -> None:
    """Uncaught exceptions and warnings go through the redacting handler, not straight to stderr.

    PTB's InvalidToken says "The token `...` was rejected": printed by Python's default hook, the
    traceback would show the token in full.
    """
    logging.captureWarnings(True)

    def log_uncaught(kind: type[BaseException], error: BaseException, tb: object) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)  # type: ignore[arg-type]
            return
        logging.getLogger("diplobot").critical("uncaught exception", exc_info=(kind, error, tb))  # type: ignore[arg-type]

    def log_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            log_uncaught(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = log_uncaught
    threading.excepthook = log_thread
