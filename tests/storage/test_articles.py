"""Articles: once per URL and per content, every carrying source linked, pending extraction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import select

from storage import articles, sources
from storage.engine import session_scope
from storage.models import ArticleSource

NOW = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)


def _sources(engine: Engine, *urls: str) -> list[int]:
    with session_scope(engine) as s:
        return [sources.add_source(session=s, url=u)[0].id for u in urls]  # type: ignore[misc]


def _store(engine: Engine, source_id: int, **over: Any) -> articles.StoredArticle:
    fields: dict[str, Any] = {
        "url": "https://wire.example/a",
        "title": "Ministers meet",
        "text": "The ministers met.",
        "published": NOW,
        "content_hash": "h1",
        "relevant": True,
        "guid": "g1",
    }
    fields.update(over)
    with session_scope(engine) as s:
        return articles.store_article(session=s, source_id=source_id, **fields)


def _links(engine: Engine) -> set[tuple[int, int]]:
    with session_scope(engine) as s:
        rows = s.exec(select(ArticleSource)).all()
        return {(r.article_id, r.source_id) for r in rows}


def test_same_url_or_same_content_is_stored_once(engine: Engine) -> None:
    a, b, c = _sources(engine, "http://a/feed", "http://b/feed", "http://c/feed")
    first = _store(engine, a)
    same_url = _store(engine, b, content_hash="other")
    same_text = _store(engine, c, url="https://mirror.example/a", guid="zz")
    assert first.created and not same_url.created and not same_text.created
    assert first.id == same_url.id == same_text.id
    assert _links(engine) == {(first.id, a), (first.id, b), (first.id, c)}
    with session_scope(engine) as s:
        assert articles.count_articles(session=s) == 1


def test_thin_items_are_not_matched_by_content(engine: Engine) -> None:
    (a,) = _sources(engine, "http://a/feed")
    first = _store(engine, a, match_content=False)
    second = _store(engine, a, url="https://wire.example/b", match_content=False)
    again = _store(engine, a, match_content=False)
    assert first.created and second.created and first.id != second.id
    assert not again.created and again.id == first.id  # the URL still matches


def test_known_articles_by_url_and_guid(engine: Engine) -> None:
    a, b = _sources(engine, "http://a/feed", "http://b/feed")
    stored = _store(engine, a, guid="item-1")
    perma = _store(engine, a, url="https://wire.example/p", content_hash="h2", guid="https://w/p")
    with session_scope(engine) as s:
        mine = articles.known_articles(
            session=s,
            source_id=a,
            urls=["https://wire.example/a", "https://x/new"],
            guids=["item-1"],
        )
        assert mine == {"https://wire.example/a": stored.id, "item-1": stored.id}
        # Another feed's item 1 is another story; a permalink GUID is the same everywhere.
        theirs = articles.known_articles(
            session=s, source_id=b, urls=[], guids=["item-1", "https://w/p"]
        )
        assert theirs == {"https://w/p": perma.id}


def test_link_sources_counts_new_links_only(engine: Engine) -> None:
    a, b = _sources(engine, "http://a/feed", "http://b/feed")
    stored = _store(engine, a)
    with session_scope(engine) as s:
        assert articles.link_sources(session=s, article_ids=[stored.id], source_id=a) == 0
        assert (
            articles.link_sources(session=s, article_ids=[stored.id, stored.id], source_id=b) == 1
        )
        assert articles.link_sources(session=s, article_ids=[], source_id=b) == 0


def test_pending_extraction_only_relevant_unextracted(engine: Engine) -> None:
    (a,) = _sources(engine, "http://a/feed")
    keep = _store(engine, a)
    _store(engine, a, url="https://wire.example/sport", content_hash="h3", relevant=False)
    with session_scope(engine) as s:
        pending = articles.pending_extraction(session=s)
        assert [p.id for p in pending] == [keep.id]
        assert pending[0].published == NOW and pending[0].fetched.tzinfo is not None
        row = articles.get_article(session=s, article_id=keep.id)
        assert row is not None
        row.extracted = True
        s.add(row)
    with session_scope(engine) as s:
        assert articles.pending_extraction(session=s) == []


def test_removing_a_source_keeps_its_articles(engine: Engine) -> None:
    (a,) = _sources(engine, "http://a/feed")
    stored = _store(engine, a)
    with session_scope(engine) as s:
        sources.remove_source(session=s, url="http://a/feed")
    with session_scope(engine) as s:
        row = articles.get_article(session=s, article_id=stored.id)
        assert row is not None and row.source_id is None
    assert _links(engine) == set()
