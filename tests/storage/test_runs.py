"""Collection runs: started, finished with a summary, listed newest first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine

from storage import runs
from storage.engine import session_scope

NOW = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)


def test_run_lifecycle(engine: Engine) -> None:
    with session_scope(engine) as s:
        first = runs.start_run(session=s, now=NOW)
        second = runs.start_run(session=s, now=NOW + timedelta(minutes=15))
    with session_scope(engine) as s:
        runs.finish_run(session=s, run_id=first, now=NOW + timedelta(seconds=5), summary={"new": 3})
    with session_scope(engine) as s:
        newest, oldest = runs.last_runs(session=s)
        assert (newest.id, newest.finished_at) == (second, None)
        assert oldest.summary == {"new": 3}
        assert oldest.finished_at == NOW + timedelta(seconds=5)
