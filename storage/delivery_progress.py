"""Progress of claimed deliveries, written a batch at a time (the dispatcher's group commit).

Each function runs one UPDATE for many rows (executemany) guarded by the claim, then reads back
which rows this worker still holds: a row another worker took over is never written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, update
from sqlmodel import Session, col, select

from storage.deliveries import SENDING, SENT, SKIPPED, finish_delivery
from storage.models import Chat, Delivery


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
