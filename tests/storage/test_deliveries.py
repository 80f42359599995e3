from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage import deliveries as dl
from storage import delivery_progress as progress
from storage.engine import make_engine, session_scope
from storage.models import Chat, Delivery

NOW = datetime(2022, 1, 7, 8, 0, tzinfo=UTC)
DAY = date(2022, 1, 7)
LEASE = timedelta(seconds=60)


def add_chats(engine: Engine, *ids: int, **kw: object) -> None:
    with session_scope(engine) as s:
        for chat_id in ids:
            s.add(Chat(id=chat_id, **kw))  # type: ignore[arg-type]


def claim(engine: Engine, worker: str = "w1", limit: int = 100, now: datetime = NOW):  # type: ignore[no-untyped-def]
    with session_scope(engine) as s:
        return dl.claim_deliveries(session=s, worker=worker, now=now, limit=limit, lease=LEASE)


def record(
    s: Session, worker: str, delivery_id: int, ids: tuple[int, ...], done: bool = False
) -> list[bool]:
    return progress.record_messages(
        session=s,
        worker=worker,
        records=[progress.MessageRecord(delivery_id, ids, done)],
        now=NOW,
        digest_at=NOW,
    )


def rows(engine: Engine) -> list[Delivery]:
    with session_scope(engine) as s:
        return list(s.exec(select(Delivery).order_by(col(Delivery.id))).all())


def test_one_row_per_chat_and_day(engine: Engine) -> None:
    add_chats(engine, 1, 2)
    with session_scope(engine) as s:
        assert dl.create_deliveries(session=s, keys=[(1, DAY), (2, DAY)], now=NOW) == 2
    with session_scope(engine) as s:
        assert (
            dl.create_deliveries(session=s, keys=[(1, DAY), (2, DAY + timedelta(1))], now=NOW) == 1
        )
    assert len(rows(engine)) == 3


def test_chat_clocks_skip_paused_and_inactive_and_report_last_day(engine: Engine) -> None:
    add_chats(engine, 1)
    add_chats(engine, 2, created_at=NOW - timedelta(hours=3))
    add_chats(engine, 3, paused=True)
    add_chats(engine, 4, active=False)
    with session_scope(engine) as s:
        dl.create_deliveries(session=s, keys=[(1, DAY - timedelta(1)), (1, DAY)], now=NOW)
    with session_scope(engine) as s:
        clocks = {c.chat_id: c for c in dl.chat_clocks(session=s, since_day=DAY - timedelta(2))}
    assert set(clocks) == {1, 2}
    assert clocks[1].last_day == DAY and clocks[2].last_day is None
    assert clocks[1].digest_time == "08:00" and clocks[1].timezone == "UTC"
    assert clocks[2].started == NOW - timedelta(hours=3)


def test_claims_are_disjoint_and_leases_expire(engine: Engine) -> None:
    add_chats(engine, 1, 2, 3)
    with session_scope(engine) as s:
        dl.create_deliveries(session=s, keys=[(1, DAY), (2, DAY), (3, DAY)], now=NOW)
    first = claim(engine, "w1", limit=2)
    second = claim(engine, "w2", limit=5)
    assert [c.chat_id for c in first] == [1, 2] and [c.chat_id for c in second] == [3]
    assert claim(engine, "w3") == []
    later = claim(engine, "w3", now=NOW + LEASE + timedelta(seconds=1))
    assert {c.chat_id for c in later} == {1, 2, 3}
    assert all(c.attempts == 2 for c in later)
    with session_scope(engine) as s:
        # w1 lost its lease: it must find out before sending
        assert not dl.renew_claim(session=s, delivery_id=first[0].id, worker="w1", now=NOW)
        assert dl.renew_claim(session=s, delivery_id=first[0].id, worker="w3", now=NOW)


def test_progress_finish_and_chat_window(engine: Engine) -> None:
    add_chats(engine, 1)
    with session_scope(engine) as s:
        dl.create_deliveries(session=s, keys=[(1, DAY)], now=NOW)
    (c,) = claim(engine)
    assert c.timezone == "UTC" and c.send_empty and c.last_digest_at is None
    with session_scope(engine) as s:
        held = progress.prepare_batch(
            session=s, worker="w1", chunks={c.id: ["a", "b"]}, skipped=[], now=NOW, digest_at=NOW
        )
        assert held == {c.id}
        assert record(s, "w1", c.id, (10,)) == [True]
    # a crash here: the row resumes with its chunks and the first message id
    (again,) = claim(engine, "w2", now=NOW + 2 * LEASE)
    assert again.chunks == ("a", "b") and again.message_ids == (10,)
    with session_scope(engine) as s:
        assert record(s, "w1", c.id, (10, 11), done=True) == [False]
        assert record(s, "w2", c.id, (10, 11), done=True) == [True]
    (row,) = rows(engine)
    assert row.status == dl.SENT and row.sent_at == NOW and row.attempts == 2
    assert row.message_ids == [10, 11]
    with session_scope(engine) as s:
        assert s.get(Chat, 1).last_digest_at == NOW  # type: ignore[union-attr]


def test_prepare_batch_skips_empty_days_and_only_touches_held_rows(engine: Engine) -> None:
    add_chats(engine, 1, 2, 3)
    with session_scope(engine) as s:
        dl.create_deliveries(session=s, keys=[(1, DAY), (2, DAY), (3, DAY)], now=NOW)
    first, second, third = claim(engine)
    with session_scope(engine) as s:
        s.get(Delivery, third.id).claimed_by = "someone else"  # type: ignore[union-attr]
    with session_scope(engine) as s:
        held = progress.prepare_batch(
            session=s,
            worker="w1",
            chunks={first.id: ["x"], third.id: ["y"]},
            skipped=[second.id],
            now=NOW,
            digest_at=NOW,
        )
    assert held == {first.id}
    by_chat = {r.chat_id: r for r in rows(engine)}
    assert by_chat[1].chunks == ["x"] and by_chat[3].chunks == []
    assert by_chat[2].status == dl.SKIPPED and by_chat[2].sent_at == NOW
    with session_scope(engine) as s:
        assert s.get(Chat, 2).last_digest_at == NOW  # type: ignore[union-attr]


def test_release_counts_attempts_until_failed(engine: Engine) -> None:
    add_chats(engine, 1)
    with session_scope(engine) as s:
        dl.create_deliveries(session=s, keys=[(1, DAY)], now=NOW)
    outcomes = []
    for _ in range(dl.MAX_ATTEMPTS):
        (c,) = claim(engine)
        with session_scope(engine) as s:
            outcomes.append(
                dl.release_delivery(session=s, delivery_id=c.id, worker="w1", error="x")
            )
    assert outcomes == [dl.PENDING] * (dl.MAX_ATTEMPTS - 1) + [dl.FAILED]
    assert claim(engine) == []


def test_release_dead_workers(engine: Engine) -> None:
    add_chats(engine, 1, 2)
    with session_scope(engine) as s:
        dl.create_deliveries(session=s, keys=[(1, DAY), (2, DAY)], now=NOW)
    claim(engine, "dead", limit=1)
    claim(engine, "alive", limit=1)
    with session_scope(engine) as s:
        assert sorted(dl.claiming_workers(session=s)) == ["alive", "dead"]
        assert dl.release_workers(session=s, workers=["dead"]) == 1
    assert [c.chat_id for c in claim(engine, "new")] == [1]


def test_concurrent_claimers_never_share_a_row(db_url: str) -> None:
    engine = make_engine(db_url)
    add_chats(engine, *range(1, 201))
    with session_scope(engine) as s:
        dl.create_deliveries(session=s, keys=[(i, DAY) for i in range(1, 201)], now=NOW)
    taken: dict[str, list[int]] = {}

    def worker(name: str) -> None:
        mine: list[int] = []
        while batch := claim(engine, name, limit=7):
            mine.extend(c.chat_id for c in batch)
        taken[name] = mine

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    engine.dispose()
    everything = [chat for chats in taken.values() for chat in chats]
    assert sorted(everything) == list(range(1, 201))
