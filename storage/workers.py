"""Heartbeats of the processes that share work, and the queue depths, for `diplobot stats`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlmodel import Session, col, select

from storage.claims import count
from storage.deliveries import PENDING, SENDING
from storage.models import Article, Delivery, Source, WorkerBeat


@dataclass(frozen=True)
class QueueDepths:
    """Work waiting and work claimed right now, per kind."""

    sources_due: int
    sources_polling: int
    articles_waiting: int
    articles_claimed: int
    digests_waiting: int
    digests_sending: int


def beat(*, session: Session, name: str, role: str, now: datetime) -> None:
    """Say that `name` is alive; the first beat registers it."""
    row = session.get(WorkerBeat, name)
    if row is None:
        row = WorkerBeat(name=name, role=role, started_at=now, seen_at=now)
    row.seen_at = now
    session.add(row)


def forget_worker(*, session: Session, name: str) -> None:
    """A worker that stops cleanly takes its row with it."""
    row = session.get(WorkerBeat, name)
    if row is not None:
        session.delete(row)


def alive_workers(*, session: Session, now: datetime, within: timedelta) -> list[WorkerBeat]:
    """Workers seen within `within`, oldest first."""
    query = (
        select(WorkerBeat)
        .where(col(WorkerBeat.seen_at) >= now - within)
        .order_by(col(WorkerBeat.started_at))
    )
    return list(session.exec(query).all())


def queue_depths(*, session: Session, now: datetime) -> QueueDepths:
    waiting_article = (col(Article.relevant).is_(True), col(Article.extracted).is_(False))
    return QueueDepths(
        sources_due=count(
            session,
            Source,
            col(Source.enabled).is_(True),
            or_(col(Source.next_poll_at).is_(None), col(Source.next_poll_at) <= now),
        ),
        sources_polling=count(session, Source, col(Source.claimed_by).is_not(None)),
        articles_waiting=count(session, Article, *waiting_article),
        articles_claimed=count(
            session, Article, *waiting_article, col(Article.claimed_by).is_not(None)
        ),
        digests_waiting=count(session, Delivery, col(Delivery.status) == PENDING),
        digests_sending=count(session, Delivery, col(Delivery.status) == SENDING),
    )
