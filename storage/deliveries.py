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

from sqlalchemy import ColumnElement, and_, func, or_, update
from sqlalchemy import select as sql_select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.channels import LostChat, forget_lost_chat
from storage.models import Chat, Delivery, Subscription

PENDING, SENDING, SENT, FAILED, SKIPPED = "pending", "sending", "sent", "failed", "skipped"
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class ChatClock:
    """What scheduling needs to know about a chat: its clock, its latest digest day, its start."""

    chat_id: int
    timezone: str
    digest_time: str
    last_day: date | None
    started: datetime | None = None


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
    # SQLAlchemy's own select: sqlmodel's typed overloads stop at four columns.
    rows = session.execute(
        sql_select(
            col(Chat.id),
            col(Chat.timezone),
            col(Chat.digest_time),
            col(Chat.created_at),
            func.max(Delivery.digest_day),
        )
        .outerjoin(Delivery, joined)
        .where(col(Chat.active).is_(True), col(Chat.paused).is_(False))
        .group_by(col(Chat.id), col(Chat.timezone), col(Chat.digest_time), col(Chat.created_at))
    ).all()
    return [ChatClock(cid, tz, hhmm, last, started) for cid, tz, hhmm, started, last in rows]


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


def forget_blocked_chat(*, session: Session, chat_id: int) -> LostChat | None:
    """The chat blocked or removed the bot: delete its personal data as /stop does.

    Its settings, topics and outbox rows go with the chat row (nothing is left to deliver, and a
    later /start registers it afresh with the defaults); the shared news data stays. Returns what
    was deleted, so a channel's administrator can be told (None: someone else deleted it first).
    """
    return forget_lost_chat(session=session, chat_id=chat_id)


def move_chat(*, session: Session, old_id: int, new_id: int) -> None:
    """A group became a supergroup: carry its settings, topics and outbox over to the new id."""
    old = session.get(Chat, old_id)
    if old is None:
        return
    if session.get(Chat, new_id) is None:
        fields = old.model_dump(exclude={"id"})
        session.add(Chat(id=new_id, **{**fields, "kind": "supergroup"}))
        session.flush()
    taken_topics = select(col(Subscription.topic_norm)).where(col(Subscription.chat_id) == new_id)
    session.execute(
        update(Subscription)
        .where(col(Subscription.chat_id) == old_id)
        .where(col(Subscription.topic_norm).not_in(taken_topics.scalar_subquery()))
        .values(chat_id=new_id)
    )
    taken_days = select(col(Delivery.digest_day)).where(col(Delivery.chat_id) == new_id)
    session.execute(
        update(Delivery)
        .where(col(Delivery.chat_id) == old_id)
        .where(col(Delivery.digest_day).not_in(taken_days.scalar_subquery()))
        .values(chat_id=new_id)
    )
    session.delete(old)
