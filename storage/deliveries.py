"""The digest outbox: one row per (chat, local day), claimed by exactly one sender at a time.

States: pending -> sending -> sent | failed | skipped. A claim is a lease: `claimed_by` names the
worker and `claimed_at` is renewed before every send, so a crashed worker's rows become claimable
again after the lease, while a live worker whose lease was taken over finds out before sending.
PostgreSQL claims with `FOR UPDATE SKIP LOCKED` (concurrent senders take disjoint rows); SQLite
has one writer at a time, so the same single UPDATE ... RETURNING statement is atomic there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.models import Chat, Delivery

PENDING, SENDING, SENT, FAILED, SKIPPED = "pending", "sending", "sent", "failed", "skipped"
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class ChatClock:
    """What scheduling needs to know about a chat: its clock and its latest digest day."""

    chat_id: int
    timezone: str
    digest_time: str
    last_day: date | None


@dataclass(frozen=True)
class Claim:
    """A claimed delivery with the chat settings needed to compose and send it."""

    id: int
    chat_id: int
    day: date
    attempts: int
    chunks: tuple[str, ...]
    message_ids: tuple[int, ...]
    timezone: str
    send_empty: bool
    last_digest_at: datetime | None


def chat_clocks(*, session: Session, since_day: date) -> list[ChatClock]:
    """Active, unpaused chats with the latest day (>= since_day) they have a delivery row for."""
    joined = and_(col(Delivery.chat_id) == col(Chat.id), col(Delivery.digest_day) >= since_day)
    rows = session.exec(
        select(Chat.id, Chat.timezone, Chat.digest_time, func.max(Delivery.digest_day))
        .outerjoin(Delivery, joined)
        .where(col(Chat.active).is_(True), col(Chat.paused).is_(False))
        .group_by(col(Chat.id), col(Chat.timezone), col(Chat.digest_time))
    ).all()
    return [ChatClock(cid, tz, hhmm, last) for cid, tz, hhmm, last in rows]


def create_deliveries(*, session: Session, keys: Sequence[tuple[int, date]], now: datetime) -> int:
    """Insert pending rows; an existing (chat, day) row wins, which is what makes it once a day."""
    if not keys:
        return 0
    values = [
        {"chat_id": chat_id, "digest_day": day, "created_at": now, "message_ids": [], "chunks": []}
        for chat_id, day in keys
    ]
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = (
        insert(Delivery)
        .values(values)
        .on_conflict_do_nothing(index_elements=["chat_id", "digest_day"])
        .returning(col(Delivery.id))
    )
    return len(session.execute(stmt).all())


def claim_deliveries(
    *, session: Session, worker: str, now: datetime, limit: int, lease: timedelta
) -> list[Claim]:
    """Take up to `limit` pending rows (or rows whose lease ran out) for `worker`."""
    claimable = (
        select(Delivery.id)
        .where(
            or_(
                col(Delivery.status) == PENDING,
                and_(col(Delivery.status) == SENDING, col(Delivery.claimed_at) < now - lease),
            ),
            col(Delivery.attempts) < MAX_ATTEMPTS,
        )
        .order_by(col(Delivery.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claimed = session.execute(
        update(Delivery)
        .where(col(Delivery.id).in_(claimable.scalar_subquery()))
        .values(
            status=SENDING,
            claimed_by=worker,
            claimed_at=now,
            attempts=col(Delivery.attempts) + 1,
        )
        .returning(col(Delivery.id))
    )
    ids = [row[0] for row in claimed]
    return _claims(session, ids) if ids else []


def _claims(session: Session, ids: list[int]) -> list[Claim]:
    rows = session.exec(
        select(Delivery, Chat)
        .join(Chat, col(Chat.id) == col(Delivery.chat_id))
        .where(col(Delivery.id).in_(ids))
        .order_by(col(Delivery.id))
    ).all()
    return [
        Claim(
            id=int(d.id or 0),
            chat_id=d.chat_id,
            day=d.digest_day,
            attempts=d.attempts,
            chunks=tuple(d.chunks or ()),
            message_ids=tuple(d.message_ids or ()),
            timezone=c.timezone,
            send_empty=c.send_empty,
            last_digest_at=c.last_digest_at,
        )
        for d, c in rows
    ]


def _mine(delivery_id: int, worker: str) -> ColumnElement[bool]:
    """The row, but only while this worker still holds its claim."""
    return and_(
        col(Delivery.id) == delivery_id,
        col(Delivery.claimed_by) == worker,
        col(Delivery.status) == SENDING,
    )


def renew_claim(*, session: Session, delivery_id: int, worker: str, now: datetime) -> bool:
    """Extend the lease just before a send; False means another worker owns the row now."""
    result = session.execute(
        update(Delivery).where(_mine(delivery_id, worker)).values(claimed_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def prepare_batch(
    *,
    session: Session,
    worker: str,
    chunks: dict[int, list[str]],
    skipped: Sequence[int],
    now: datetime,
    digest_at: datetime,
) -> set[int]:
    """Freeze the rendered text of a claimed batch (a resumed delivery sends the same text) and
    close the empty days not to be sent; returns the ids still held, in one transaction."""
    if chunks:
        table = Delivery.__table__  # type: ignore[attr-defined]
        session.execute(
            table.update()
            .where(table.c.id == bindparam("b_id"), table.c.claimed_by == worker)
            .where(table.c.status == SENDING)
            .values(chunks=bindparam("b_chunks", type_=table.c.chunks.type)),
            [{"b_id": i, "b_chunks": list(texts)} for i, texts in chunks.items()],
        )
    held = _held(session, worker, list(chunks))
    for delivery_id in skipped:
        finish_delivery(
            session=session,
            delivery_id=delivery_id,
            worker=worker,
            status=SKIPPED,
            now=now,
            digest_at=digest_at,
        )
    return held


@dataclass(frozen=True)
class MessageRecord:
    """Progress of one delivery: the message ids accepted so far, and whether that was all."""

    delivery_id: int
    message_ids: tuple[int, ...]
    done: bool = False


def record_messages(
    *,
    session: Session,
    worker: str,
    records: Sequence[MessageRecord],
    now: datetime,
    digest_at: datetime,
) -> list[bool]:
    """record_message for many deliveries in one commit (the dispatcher's group commit)."""
    if not records:
        return []
    table = Delivery.__table__  # type: ignore[attr-defined]
    session.execute(
        table.update()
        .where(table.c.id == bindparam("b_id"), table.c.claimed_by == worker)
        .where(table.c.status == SENDING)
        .values(
            message_ids=bindparam("b_ids", type_=table.c.message_ids.type),
            status=bindparam("b_status"),
            sent_at=bindparam("b_sent", type_=table.c.sent_at.type),
        ),
        [
            {
                "b_id": r.delivery_id,
                "b_ids": list(r.message_ids),
                "b_status": SENT if r.done else SENDING,
                "b_sent": now if r.done else None,
            }
            for r in records
        ],
    )
    ids = [r.delivery_id for r in records]
    held = _held(session, worker, ids, statuses=(SENDING, SENT))
    done = [r.delivery_id for r in records if r.done and r.delivery_id in held]
    if done:
        chats = select(col(Delivery.chat_id)).where(col(Delivery.id).in_(done))
        session.execute(
            update(Chat)
            .where(col(Chat.id).in_(chats.scalar_subquery()))
            .values(last_digest_at=digest_at)
        )
    return [i in held for i in ids]


def _held(
    session: Session, worker: str, ids: list[int], statuses: Sequence[str] = (SENDING,)
) -> set[int]:
    """Which of these rows this worker holds (after an update that only touched its own)."""
    if not ids:
        return set()
    rows = session.exec(
        select(col(Delivery.id)).where(
            col(Delivery.id).in_(ids),
            col(Delivery.claimed_by) == worker,
            col(Delivery.status).in_(list(statuses)),
        )
    ).all()
    return {int(i) for i in rows if i is not None}


def _advance_window(session: Session, delivery_id: int, digest_at: datetime) -> None:
    chat_id = select(Delivery.chat_id).where(col(Delivery.id) == delivery_id)
    session.execute(
        update(Chat)
        .where(col(Chat.id) == chat_id.scalar_subquery())
        .values(last_digest_at=digest_at)
    )


def finish_delivery(
    *,
    session: Session,
    delivery_id: int,
    worker: str,
    status: str,
    now: datetime,
    error: str | None = None,
    digest_at: datetime | None = None,
) -> bool:
    """End a claim as sent, skipped or failed; a sent digest moves the chat's window forward."""
    values: dict[str, object] = {"status": status, "last_error": error}
    if status in {SENT, SKIPPED}:
        values["sent_at"] = now
    result = session.execute(update(Delivery).where(_mine(delivery_id, worker)).values(values))
    if not result.rowcount:  # type: ignore[attr-defined]
        return False
    if digest_at is not None:
        _advance_window(session, delivery_id, digest_at)
    return True


def release_delivery(*, session: Session, delivery_id: int, worker: str, error: str) -> str:
    """Give a row back after a transient failure: pending again, or failed once out of attempts."""
    row = session.get(Delivery, delivery_id)
    if row is None or row.claimed_by != worker or row.status != SENDING:
        return "lost"
    row.status = FAILED if row.attempts >= MAX_ATTEMPTS else PENDING
    row.last_error = error[:500]
    session.add(row)
    return row.status


def release_workers(*, session: Session, workers: Sequence[str]) -> int:
    """Make the rows of workers known to be dead claimable now, without waiting for the lease."""
    if not workers:
        return 0
    result = session.execute(
        update(Delivery)
        .where(col(Delivery.status) == SENDING, col(Delivery.claimed_by).in_(list(workers)))
        .values(status=PENDING)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def claiming_workers(*, session: Session) -> list[str]:
    """Workers that hold rows in `sending`, for the dead-process check at the start of a pass."""
    rows = session.exec(
        select(Delivery.claimed_by).where(col(Delivery.status) == SENDING).distinct()
    ).all()
    return [w for w in rows if w]
