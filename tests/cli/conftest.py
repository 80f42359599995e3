"""CLI tests run in an empty directory with none of diplobot's settings in the environment.

A developer's own `.env` or exported TELEGRAM_BOT_TOKEN must not leak into these tests, and the
in-process CLI reconfigures root logging, which is put back afterwards for the rest of the suite.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings

REPO = Path(__file__).resolve().parents[2]
SETTING_NAMES = frozenset(name.upper() for name in Settings.model_fields)


def clean_environ(**overrides: str) -> dict[str, str]:
    """The current environment without any diplobot setting, plus `overrides`."""
    env = {k: v for k, v in os.environ.items() if k.upper() not in SETTING_NAMES}
    env["PYTHONPATH"] = str(REPO)
    env.update(overrides)
    return env


def run_cli(
    *args: str, cwd: Path, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` in a subprocess, as an operator would run `diplobot ARGS`."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=clean_environ(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No setting from the caller's environment or `.env`: each test states the ones it uses."""
    for name in list(os.environ):
        if name.upper() in SETTING_NAMES:
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """`load_settings()` replaces the root handlers (and may hook uncaught errors); undo it."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore", "alembic")}
    hooks = (sys.excepthook, threading.excepthook)
    yield
    sys.excepthook, threading.excepthook = hooks
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    for name, old in quiet.items():
        logging.getLogger(name).setLevel(old)
