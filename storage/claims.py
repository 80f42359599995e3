"""Work shared by several processes on PostgreSQL: claims by SKIP LOCKED, keyed locks, holders.

Three kinds of work are claimed, each with a lease so that a dead worker's claims run out:
sources due for polling (storage.sources), articles waiting for extraction (storage.articles)
and digest outbox rows (storage.deliveries). Writes that must not interleave across processes
(two workers storing the same story, or merging reports of the same meeting) take transaction
advisory locks on a key. SQLite has one writer at a time, so it needs neither.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, text, update
from sqlmodel import Session, col, select

from storage.models import Article, Source


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def lock_keys(*, session: Session, keys: Iterable[str]) -> None:
    """Hold a lock on each key until the transaction ends (sorted, so two never deadlock)."""
    if not is_postgres(session):
        return
    for key in sorted(set(keys)):
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key}
        )


def claim_holders(*, session: Session) -> list[str]:
    """Workers that hold a source or an article claim, for the dead-process check."""
    held: set[str] = set()
    for column in (col(Source.claimed_by), col(Article.claimed_by)):
        held.update(
            v for v in session.exec(select(column).where(column.is_not(None)).distinct()) if v
        )
    return sorted(held)


def release_claims(*, session: Session, workers: Iterable[str]) -> int:
    """Make the sources and articles of dead workers claimable now, without waiting the lease."""
    names = list(workers)
    if not names:
        return 0
    polled = session.execute(
        update(Source)
        .where(col(Source.claimed_by).in_(names))
        .values(claimed_by=None, next_poll_at=None)  # never polled counts as due
    )
    extracting = session.execute(
        update(Article)
        .where(col(Article.claimed_by).in_(names))
        .values(claimed_by=None, claimed_at=None)
    )
    return int(polled.rowcount or 0) + int(extracting.rowcount or 0)  # type: ignore[attr-defined]


def count(session: Session, model: type, *conditions: object) -> int:
    """How many rows of `model` meet every condition (for the queue depths of `stats`)."""
    query = select(func.count()).select_from(model)
    for condition in conditions:
        query = query.where(condition)  # type: ignore[arg-type]
    return int(session.exec(query).one())
