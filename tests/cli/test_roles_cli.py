"""`diplobot worker`, `front` and `stats` as an operator meets them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli.run import FRONT_ON_SQLITE
from bot.cli.stats import format_stats
from bot.cli.worker import ON_SQLITE
from storage import workers
from storage.engine import make_engine, session_scope
from storage.migrate import upgrade
from tests.cli.conftest import run_cli
from tests.scale_support import seed_backlog

TOKEN = "123456789:TEST-fake-token-ABCdefGHIjklMNOpqrSTUvwxYZ"
# Longer than any start-up of a `diplobot` process, however loaded the machine.
STARTUP = timedelta(minutes=10)


@pytest.mark.parametrize(("command", "reason"), [("worker", ON_SQLITE), ("front", FRONT_ON_SQLITE)])
def test_roles_that_share_work_are_refused_on_sqlite_with_the_reason(
    tmp_path: Path, command: str, reason: str
) -> None:
    result = run_cli(command, cwd=tmp_path, TELEGRAM_BOT_TOKEN=TOKEN)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == f"diplobot: {reason}"


def test_stats_shows_the_processes_alive_and_the_queues(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'diplobot.db'}"
    upgrade(url)
    seed_backlog(url, 3)
    engine = make_engine(url)
    now = datetime.now(UTC)
    # `stats` reads the clock after its process has started, which can take more than the 40 s
    # window on a loaded machine: the live beat is dated ahead so it is in the window whenever.
    with session_scope(engine) as s:
        workers.beat(session=s, name="work1/4188/03be77d1", role="worker", now=now + STARTUP)
        workers.beat(session=s, name="work2/912/gone", role="worker", now=now - timedelta(hours=1))
    engine.dispose()
    result = run_cli("stats", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "processes alive (heartbeat in the last 40 s): 1"
    assert lines[1].split()[:2] == ["worker", "work1/4188/03be77d1"]
    assert "  articles to parse 3 / 0" in lines


def test_stats_format_with_nothing_running() -> None:
    empty = workers.QueueDepths(0, 0, 0, 0, 0, 0)
    lines = format_stats([], empty, datetime.now(UTC))
    assert lines[0].endswith(": 0") and lines[-1] == "  digests to send   0 / 0"
