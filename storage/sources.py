"""Feed sources and their polling state: due times, backoff, failures and disabling.

A worker claims the due sources before polling them: the claim pushes `next_poll_at` a lease
ahead (so the others skip them, and a dead worker's sources come due again after it) and names
the worker in `claimed_by`; recording the poll's outcome ends the claim.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.models import Source

MAX_BACKOFF = timedelta(days=1)
# After this many failures in a row a source is switched off and the admins are told once.
MAX_CONSECUTIVE_FAILURES = 10
MAX_ERROR_CHARS = 500


def ensure_sources(*, session: Session, urls: Iterable[str]) -> int:
    """Add the configured feeds that are not stored yet; returns how many were added."""
    wanted = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
    if not wanted:
        return 0
    known = set(session.exec(select(Source.url).where(col(Source.url).in_(wanted))).all())
    missing = [u for u in wanted if u not in known]
    if not missing:
        return 0
    # Workers starting together all add the configured feeds: an existing row wins.
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    values = [Source(url=url).model_dump(exclude={"id"}) for url in missing]
    stmt = insert(Source).values(values).on_conflict_do_nothing(index_elements=["url"])
    return len(session.execute(stmt.returning(col(Source.id))).all())


def add_source(*, session: Session, url: str, title: str | None = None) -> tuple[Source, bool]:
    """Store a source (or re-enable a disabled one); returns it and whether it is new."""
    existing = session.exec(select(Source).where(Source.url == url)).first()
    if existing is not None:
        if not existing.enabled:
            existing.enabled = True
            existing.consecutive_failures = 0
            existing.disabled_notified = False
            existing.next_poll_at = None
            session.add(existing)
        return existing, False
    source = Source(url=url, title=title)
    session.add(source)
    session.flush()
    return source, True


def remove_source(*, session: Session, url: str) -> bool:
    """Delete a source; its articles stay (they are shared news data)."""
    source = session.exec(select(Source).where(Source.url == url)).first()
    if source is None:
        return False
    session.delete(source)
    return True


def disable_source(*, session: Session, url: str) -> bool:
    """Stop polling a source without deleting it (a configured feed would come back otherwise)."""
    source = session.exec(select(Source).where(Source.url == url)).first()
    if source is None:
        return False
    source.enabled = False
    source.disabled_notified = True  # the operator did it: nobody needs telling
    session.add(source)
    return True


def list_sources(*, session: Session) -> list[Source]:
    return list(session.exec(select(Source).order_by(col(Source.id))).all())


def due_sources(*, session: Session, now: datetime) -> list[Source]:
    """Enabled sources whose next poll time has come (never polled counts as due)."""
    query = (
        select(Source)
        .where(col(Source.enabled).is_(True))
        .where(or_(col(Source.next_poll_at).is_(None), col(Source.next_poll_at) <= now))
        .order_by(col(Source.id))
    )
    return list(session.exec(query).all())


def claim_due_sources(
    *, session: Session, worker: str, now: datetime, lease: timedelta
) -> list[Source]:
    """Claim every due source no other worker is polling; each stays ours for `lease`."""
    due = (
        select(Source.id)
        .where(col(Source.enabled).is_(True))
        .where(or_(col(Source.next_poll_at).is_(None), col(Source.next_poll_at) <= now))
        .with_for_update(skip_locked=True)
    )
    claimed = session.execute(
        update(Source)
        .where(col(Source.id).in_(due.scalar_subquery()))
        .values(claimed_by=worker, next_poll_at=now + lease)
        .returning(col(Source.id))
    )
    ids = [row[0] for row in claimed]
    if not ids:
        return []
    return list(
        session.exec(select(Source).where(col(Source.id).in_(ids)).order_by(col(Source.id)))
    )


def backoff_delay(failures: int, interval: timedelta) -> timedelta:
    """Exponential backoff after `failures` failures in a row, capped at a day."""
    if failures <= 0:
        return interval
    return min(interval * (2 ** min(failures, 20)), MAX_BACKOFF)


def record_success(
    *,
    session: Session,
    source_id: int,
    now: datetime,
    interval: timedelta,
    new_items: int,
    etag: str | None = None,
    last_modified: str | None = None,
    title: str | None = None,
) -> None:
    """A feed was read: reset the failures, remember the validators, schedule the next poll."""
    source = session.get(Source, source_id)
    if source is None:
        return
    source.last_polled = now
    source.next_poll_at = now + interval
    source.claimed_by = None
    source.consecutive_failures = 0
    source.last_error = None
    source.new_items_last = new_items
    # A server that stops sending validators must not be sent stale ones.
    source.etag = (etag or "")[:512] or None
    source.last_modified = (last_modified or "")[:128] or None
    if title and not source.title:
        source.title = title[:512]
    session.add(source)


def record_unchanged(
    *, session: Session, source_ids: list[int], now: datetime, interval: timedelta
) -> None:
    """Many 304s in one statement: an unchanged source costs one row update, not a transaction."""
    if not source_ids:
        return
    session.exec(  # type: ignore[call-overload]
        update(Source)
        .where(col(Source.id).in_(source_ids))
        .values(
            last_polled=now,
            next_poll_at=now + interval,
            claimed_by=None,
            consecutive_failures=0,
            last_error=None,
            new_items_last=0,
        )
    )


def record_failure(
    *, session: Session, source_id: int, now: datetime, interval: timedelta, error: str
) -> bool:
    """A poll failed: back off; returns True when this failure disabled the source."""
    source = session.get(Source, source_id)
    if source is None:
        return False
    source.last_polled = now
    source.claimed_by = None
    source.consecutive_failures += 1
    source.last_error = error[:MAX_ERROR_CHARS]
    source.new_items_last = 0
    source.next_poll_at = now + backoff_delay(source.consecutive_failures, interval)
    disabled_now = source.enabled and source.consecutive_failures >= MAX_CONSECUTIVE_FAILURES
    if disabled_now:
        source.enabled = False
    session.add(source)
    return disabled_now


def sources_to_notify(*, session: Session) -> list[Source]:
    """Disabled sources the admins have not been told about yet."""
    query = select(Source).where(
        col(Source.enabled).is_(False), col(Source.disabled_notified).is_(False)
    )
    return list(session.exec(query.order_by(col(Source.id))).all())


def mark_notified(*, session: Session, source_ids: Iterable[int]) -> None:
    """Remember that the admins were told, so they are told once."""
    for source_id in source_ids:
        source = session.get(Source, source_id)
        if source is not None:
            source.disabled_notified = True
            session.add(source)
