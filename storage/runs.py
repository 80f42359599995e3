"""Collection runs: when each pass started and ended and what it found (for stats and the CLI)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from storage.models import CollectionRun


def start_run(*, session: Session, now: datetime) -> int:
    run = CollectionRun(started_at=now)
    session.add(run)
    session.flush()
    assert run.id is not None
    return run.id


def finish_run(*, session: Session, run_id: int, now: datetime, summary: dict[str, Any]) -> None:
    run = session.get(CollectionRun, run_id)
    if run is not None:
        run.finished_at = now
        run.summary = dict(summary)
        session.add(run)


def last_runs(*, session: Session, limit: int = 10) -> list[CollectionRun]:
    """The newest runs first; a run without finished_at was interrupted or is still going."""
    query = select(CollectionRun).order_by(col(CollectionRun.id).desc()).limit(limit)
    return list(session.exec(query).all())
