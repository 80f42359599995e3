"""Redaction of the bot token from every log line: messages, arguments, tracebacks, any logger."""

from __future__ import annotations

import logging
import re
import sys
import threading
import warnings

import pytest

from bot.logs import (
    REDACTED,
    RedactingFormatter,
    configure_logging,
    redact,
    token_parts,
    webhook_secret,
)

TOKEN = "7012345678:AAH-distinctive_SECRET_half_0123456789ab"
SECRET_HALF = TOKEN.split(":", 1)[1]


def formatted(msg: str, *args: object) -> str:
    """One record through the formatter that configure_logging installs."""
    formatter = RedactingFormatter("%(levelname)s %(name)s: %(message)s", token_parts(TOKEN))
    return formatter.format(logging.LogRecord("httpx", logging.INFO, __file__, 1, msg, args, None))


def test_token_parts_are_the_token_and_its_secret_half() -> None:
    assert token_parts(TOKEN) == [TOKEN, webhook_secret(TOKEN), SECRET_HALF]
    assert token_parts(None) == []
    assert token_parts("") == []


def test_token_in_the_message_is_redacted() -> None:
    line = formatted(f"HTTP Request: POST https://api.telegram.org/bot{TOKEN}/getMe")
    assert TOKEN not in line
    assert SECRET_HALF not in line
    assert f"/bot{REDACTED}/getMe" in line


def test_token_in_the_arguments_is_redacted() -> None:
    line = formatted("calling %s with %r", f"/bot{TOKEN}/sendMessage", {"chat_id": 1})
    assert SECRET_HALF not in line
    assert REDACTED in line


def test_secret_half_alone_is_redacted() -> None:
    # A log line may cut the URL at the colon ("...:AAH-...") or quote only the secret part.
    line = formatted(f"auth part {SECRET_HALF} rejected")
    assert SECRET_HALF not in line
    assert line.endswith(f"auth part {REDACTED} rejected")


def test_traceback_carrying_the_token_is_redacted() -> None:
    formatter = RedactingFormatter("%(message)s", token_parts(TOKEN))
    try:
        raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.")
    except RuntimeError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("telegram.ext", logging.ERROR, __file__, 1, "failed", (), exc_info)
    line = formatter.format(record)
    assert "Traceback (most recent call last)" in line
    assert "RuntimeError: The token `[REDACTED]` was rejected" in line
    assert SECRET_HALF not in line


def test_stack_info_is_redacted() -> None:
    formatter = RedactingFormatter("%(message)s", token_parts(TOKEN))
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", (), None, sinfo=f"at {TOKEN}")
    assert SECRET_HALF not in formatter.format(record)


def test_short_or_empty_secrets_do_not_blank_out_ordinary_text() -> None:
    formatter = RedactingFormatter("%(message)s", ["", "ab", "1:ab"])
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "a tab and 1:ab", (), None)
    assert formatter.format(record) == "a tab and 1:ab"


def test_whole_token_replaced_before_its_half() -> None:
    # Replacing the half first would leave "7012345678:[REDACTED]": the bot id would show.
    assert redact(f"x {TOKEN} y", [TOKEN, SECRET_HALF]) == f"x {REDACTED} y"
    formatter = RedactingFormatter("%(message)s", [SECRET_HALF, TOKEN])
    record = logging.LogRecord("x", logging.INFO, __file__, 1, f"x {TOKEN} y", (), None)
    assert formatter.format(record) == f"x {REDACTED} y"


@pytest.mark.parametrize("logger_name", ["httpx", "telegram.ext.ExtBot", "apscheduler", "handlers"])
def test_configured_root_logging_redacts_every_logger_at_debug(
    logger_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("DEBUG", token_parts(TOKEN))
    logger = logging.getLogger(logger_name)
    logger.debug("Set Bot API URL: http://127.0.0.1:8081/bot%s", TOKEN)
    try:
        raise ValueError(TOKEN)
    except ValueError:
        logger.exception("request to /bot%s failed", TOKEN)
    err = capsys.readouterr().err
    assert err.count(REDACTED) >= 3
    assert SECRET_HALF not in err


def test_chatty_libraries_are_quiet_at_info(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", token_parts(TOKEN))
    logging.getLogger("httpx").info("HTTP Request: POST http://x/bot%s/getUpdates", TOKEN)
    logging.getLogger("diplobot").info("started")
    err = capsys.readouterr().err
    assert "getUpdates" not in err
    assert "started" in err


def test_uncaught_exceptions_and_warnings_are_logged_redacted(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    logging.captureWarnings(False)  # an earlier test's capture outlived pytest's warning recorder
    configure_logging("INFO", token_parts(TOKEN))
    try:
        raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    thread = threading.Thread(target=lambda: (_ for _ in ()).throw(ValueError(SECRET_HALF)))
    thread.start()
    thread.join()
    # What warnings.warn calls once the filters let a warning through.
    warnings.showwarning(UserWarning(f"deprecated call with {TOKEN}"), UserWarning, __file__, 1)
    logging.captureWarnings(False)
    err = capsys.readouterr().err
    assert "CRITICAL diplobot: uncaught exception" in err
    assert "RuntimeError: The token `[REDACTED]` was rejected" in err
    assert "ValueError: [REDACTED]" in err
    assert f"deprecated call with {REDACTED}" in err
    assert SECRET_HALF not in err


def test_webhook_secret_is_stable_valid_and_hides_the_token() -> None:
    secret = webhook_secret(TOKEN)
    assert secret == webhook_secret(TOKEN)  # every process of one bot sets the same secret
    assert secret != webhook_secret(TOKEN + "x")
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret)
    assert SECRET_HALF not in secret
    line = formatted("Calling setWebhook with {'secret_token': %r}", secret)
    assert secret not in line
