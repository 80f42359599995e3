"""Crash safety: an article is stored in one transaction, so a failure half-way leaves nothing.

tests/cli/test_collect_cli.py kills a real collection with SIGKILL, but whether the kill lands
between two statements of one article is luck. Here the failure is put exactly there: after
the article row is written and before its source link is, which a commit in between would
leave behind as an article without a source.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from storage import articles, sources
from storage.engine import session_scope
from storage.models import Article, ArticleSource

NOW = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)


class Crash(Exception):
    """Stands for the process dying between two statements."""


def _fields(url: str) -> dict[str, Any]:
    return {
        "url": url,
        "title": "Ministers meet in Vienna",
        "text": "The foreign ministers met in Vienna on Tuesday.",
        "published": NOW,
        "content_hash": f"hash-{url}",
        "relevant": True,
    }


def test_failure_between_article_and_source_link_leaves_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(engine) as s:
        source_id = sources.add_source(session=s, url="https://wire.example/rss")[0].id
    assert source_id is not None

    def crash(**_kwargs: Any) -> None:
        raise Crash

    monkeypatch.setattr(articles, "ArticleSource", crash)
    with pytest.raises(Crash), session_scope(engine) as s:
        articles.store_article(session=s, source_id=source_id, **_fields("https://w.example/1"))
    monkeypatch.undo()

    with session_scope(engine) as s:
        assert s.exec(select(Article)).all() == []
        assert s.exec(select(ArticleSource)).all() == []
    # The next pass stores it whole.
    with session_scope(engine) as s:
        stored = articles.store_article(
            session=s, source_id=source_id, **_fields("https://w.example/1")
        )
    assert stored.created
    with session_scope(engine) as s:
        links = s.exec(select(ArticleSource.article_id, ArticleSource.source_id)).all()
    assert list(links) == [(stored.id, source_id)]
