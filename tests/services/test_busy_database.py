"""A busy database is waited for: Services.db runs a transaction that met a lock again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from bot.services import Services
from storage.engine import make_engine


async def test_a_write_that_meets_a_locked_sqlite_database_runs_again(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    attempts = []

    def write(*, session: Session) -> int:
        attempts.append(1)
        session.execute(text("PRAGMA busy_timeout=0"))  # fail at once instead of waiting
        try:
            session.execute(text("INSERT INTO t VALUES (1)"))
        finally:
            if holder.in_transaction:
                holder.execute("ROLLBACK")  # the other writer is done after our first try
        return len(attempts)

    services = Services(engine=engine)
    try:
        assert await services.db(write) == 2
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 1
    finally:
        services.close()
        holder.close()
        engine.dispose()


async def test_other_database_errors_are_not_retried(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    attempts = []

    def broken(*, session: Session) -> None:
        attempts.append(1)
        session.execute(text("SELECT * FROM no_such_table"))

    services = Services(engine=engine)
    try:
        with pytest.raises(OperationalError):
            await services.db(broken)
    finally:
        services.close()
        engine.dispose()
    assert len(attempts) == 1
