"""Sources: configured feeds stored once, due times, backoff, disabling and notification once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine

from storage import sources
from storage.engine import session_scope

NOW = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)
INTERVAL = timedelta(minutes=15)


def _ids(engine: Engine) -> dict[str, int]:
    with session_scope(engine) as s:
        return {src.url: src.id for src in sources.list_sources(session=s)}  # type: ignore[misc]


def test_ensure_sources_adds_each_once(engine: Engine) -> None:
    with session_scope(engine) as s:
        assert (
            sources.ensure_sources(session=s, urls=["http://a/x", "http://b/y", "http://a/x"]) == 2
        )
    with session_scope(engine) as s:
        assert sources.ensure_sources(session=s, urls=["http://a/x", " ", "http://c/z"]) == 1
        assert [src.url for src in sources.list_sources(session=s)] == [
            "http://a/x",
            "http://b/y",
            "http://c/z",
        ]


def test_due_then_not_due_after_success(engine: Engine) -> None:
    with session_scope(engine) as s:
        sources.ensure_sources(session=s, urls=["http://a/x"])
    source_id = _ids(engine)["http://a/x"]
    with session_scope(engine) as s:
        assert [x.id for x in sources.due_sources(session=s, now=NOW)] == [source_id]
        sources.record_success(
            session=s, source_id=source_id, now=NOW, interval=INTERVAL, new_items=3, etag='"e1"'
        )
    with session_scope(engine) as s:
        assert sources.due_sources(session=s, now=NOW + timedelta(minutes=14)) == []
        assert len(sources.due_sources(session=s, now=NOW + INTERVAL)) == 1
        src = sources.list_sources(session=s)[0]
        assert (src.etag, src.new_items_last, src.last_polled) == ('"e1"', 3, NOW)


def test_unchanged_sources_recorded_together_keep_validators(engine: Engine) -> None:
    with session_scope(engine) as s:
        ids = [sources.add_source(session=s, url=f"http://a/{n}")[0].id for n in range(3)]
        sources.record_success(
            session=s, source_id=ids[0], now=NOW, interval=INTERVAL, new_items=1, etag='"e"'
        )
        sources.record_failure(session=s, source_id=ids[1], now=NOW, interval=INTERVAL, error="x")
    later = NOW + INTERVAL
    with session_scope(engine) as s:
        sources.record_unchanged(session=s, source_ids=ids[:2], now=later, interval=INTERVAL)
        sources.record_unchanged(session=s, source_ids=[], now=later, interval=INTERVAL)
    with session_scope(engine) as s:
        first, second, third = sources.list_sources(session=s)
        assert (first.etag, first.new_items_last, first.last_polled) == ('"e"', 0, later)
        assert (second.consecutive_failures, second.last_error) == (0, None)
        assert second.next_poll_at == later + INTERVAL
        assert third.last_polled is None


def test_backoff_grows_and_caps_at_a_day() -> None:
    delays = [sources.backoff_delay(n, INTERVAL) for n in range(0, 12)]
    assert delays[0] == INTERVAL and delays[1] == INTERVAL * 2 and delays[3] == INTERVAL * 8
    assert delays == sorted(delays)
    assert delays[-1] == timedelta(days=1)


def test_failures_back_off_then_disable_and_notify_once(engine: Engine) -> None:
    with session_scope(engine) as s:
        src, created = sources.add_source(session=s, url="http://bad/x")
        sid = src.id
    assert created
    disabled_at = []
    for n in range(1, sources.MAX_CONSECUTIVE_FAILURES + 2):
        with session_scope(engine) as s:
            if sources.record_failure(
                session=s, source_id=sid, now=NOW, interval=INTERVAL, error=f"HTTP 500 #{n}"
            ):
                disabled_at.append(n)
    assert disabled_at == [sources.MAX_CONSECUTIVE_FAILURES]
    with session_scope(engine) as s:
        src = sources.list_sources(session=s)[0]
        assert not src.enabled and src.last_error.startswith("HTTP 500")  # type: ignore[union-attr]
        assert src.next_poll_at == NOW + timedelta(days=1)
        assert sources.due_sources(session=s, now=NOW + timedelta(days=30)) == []
        assert [x.id for x in sources.sources_to_notify(session=s)] == [sid]
        sources.mark_notified(session=s, source_ids=[sid])
    with session_scope(engine) as s:
        assert sources.sources_to_notify(session=s) == []
        again, created = sources.add_source(session=s, url="http://bad/x")
        assert not created and again.enabled and again.consecutive_failures == 0


def test_success_resets_failures(engine: Engine) -> None:
    with session_scope(engine) as s:
        sid = sources.add_source(session=s, url="http://a/x")[0].id
        sources.record_failure(
            session=s, source_id=sid, now=NOW, interval=INTERVAL, error="x" * 900
        )
    with session_scope(engine) as s:
        src = sources.list_sources(session=s)[0]
        assert src.consecutive_failures == 1 and len(src.last_error or "") == 500
        assert src.next_poll_at == NOW + 2 * INTERVAL
        sources.record_success(session=s, source_id=sid, now=NOW, interval=INTERVAL, new_items=0)
    with session_scope(engine) as s:
        src = sources.list_sources(session=s)[0]
        assert src.consecutive_failures == 0 and src.last_error is None


def test_remove_source(engine: Engine) -> None:
    with session_scope(engine) as s:
        sources.add_source(session=s, url="http://a/x")
    with session_scope(engine) as s:
        assert sources.remove_source(session=s, url="http://a/x")
        assert not sources.remove_source(session=s, url="http://a/x")
        assert sources.list_sources(session=s) == []


def test_disable_keeps_the_row_and_ensure_does_not_revive_it(engine: Engine) -> None:
    with session_scope(engine) as s:
        sources.ensure_sources(session=s, urls=["http://a/x"])
    with session_scope(engine) as s:
        assert sources.disable_source(session=s, url="http://a/x")
        assert not sources.disable_source(session=s, url="http://missing/x")
    with session_scope(engine) as s:
        assert sources.ensure_sources(session=s, urls=["http://a/x"]) == 0
        assert sources.due_sources(session=s, now=NOW) == []
        assert sources.sources_to_notify(session=s) == []  # the operator did it: no notice
