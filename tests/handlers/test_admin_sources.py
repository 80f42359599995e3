"""/removesource: a configured feed stays off instead of coming back on the next pass."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import select

from handlers.admin import remove_source_by_id
from storage import sources
from storage.engine import session_scope
from storage.models import Source

CONFIGURED = "https://feeds.example.org/world.xml"
ADDED = "https://other.example.org/rss"


def test_configured_feed_is_disabled_and_stays_off(engine: Engine) -> None:
    with session_scope(engine) as session:
        sources.ensure_sources(session=session, urls=[CONFIGURED])
        source_id = session.exec(select(Source.id).where(Source.url == CONFIGURED)).one()
    with session_scope(engine) as session:
        url = remove_source_by_id(
            session=session, source_id=source_id, configured=frozenset({CONFIGURED})
        )
        assert url == CONFIGURED
    with session_scope(engine) as session:
        assert sources.ensure_sources(session=session, urls=[CONFIGURED]) == 0
        stored = session.exec(select(Source).where(Source.url == CONFIGURED)).one()
        assert not stored.enabled


def test_added_feed_is_deleted_and_unknown_id_reported(engine: Engine) -> None:
    with session_scope(engine) as session:
        source, _ = sources.add_source(session=session, url=ADDED)
        source_id = source.id
    assert source_id is not None
    with session_scope(engine) as session:
        assert remove_source_by_id(session=session, source_id=source_id) == ADDED
        assert remove_source_by_id(session=session, source_id=source_id + 100) is None
    with session_scope(engine) as session:
        assert session.exec(select(Source)).all() == []
