"""Articles, stored once each: by canonical URL, by GUID within a feed, and by content hash.

Each article is stored in its own transaction (the caller's `services.db` call), so a pass that
is killed half-way leaves whole articles or none; the ones not yet extracted are claimed again by
`claim_pending` on the next pass. Workers on PostgreSQL claim disjoint batches (SKIP LOCKED) with
a lease, and storing takes a lock on the URL and content hash, so two workers that poll feeds
carrying the same story store it once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, update
from sqlmodel import Session, col, select

from storage.claims import lock_keys
from storage.models import Article, ArticleSource


@dataclass(frozen=True)
class StoredArticle:
    """What storing did: the article's id, and whether it is new (False: linked to a copy)."""

    id: int
    created: bool


def known_articles(
    *, session: Session, source_id: int, urls: Iterable[str], guids: Iterable[str]
) -> dict[str, int]:
    """Article ids keyed by the given canonical URLs and GUIDs that are already stored.

    A GUID only counts within the same source unless it is a permalink: two feeds may both
    number their items 1, 2, 3.
    """
    url_list = [u for u in set(urls) if u]
    guid_list = [g for g in set(guids) if g]
    found: dict[str, int] = {}
    if url_list:
        for article_id, url in session.exec(
            select(Article.id, Article.url).where(col(Article.url).in_(url_list))
        ).all():
            found[url] = int(article_id)  # type: ignore[arg-type]
    if guid_list:
        linked = select(ArticleSource.article_id).where(ArticleSource.source_id == source_id)
        query = select(Article.id, Article.guid).where(
            col(Article.guid).in_(guid_list),
            or_(col(Article.guid).like("http%"), col(Article.id).in_(linked)),
        )
        for article_id, guid in session.exec(query).all():
            found.setdefault(str(guid), int(article_id))  # type: ignore[arg-type]
    return found


def link_sources(*, session: Session, article_ids: Iterable[int], source_id: int) -> int:
    """Record that a source carried these articles; returns how many links were new."""
    ids = sorted(set(article_ids))
    if not ids:
        return 0
    have = set(
        session.exec(
            select(ArticleSource.article_id).where(
                ArticleSource.source_id == source_id, col(ArticleSource.article_id).in_(ids)
            )
        ).all()
    )
    for article_id in ids:
        if article_id not in have:
            session.add(ArticleSource(article_id=article_id, source_id=source_id))
    return len(ids) - len(have)


def store_article(
    *,
    session: Session,
    source_id: int,
    url: str,
    title: str,
    text: str,
    published: datetime,
    content_hash: str,
    relevant: bool,
    summary_only: bool = False,
    guid: str | None = None,
    fetched: datetime | None = None,
    match_content: bool = True,
) -> StoredArticle:
    """Store a new article, or link the source to the stored copy with this URL or content.

    `match_content=False` for a text too thin to tell stories apart: two daily items titled
    "Press briefing" with no body are different articles.
    """
    lock_keys(session=session, keys=[f"url:{url}", f"hash:{content_hash}"])
    same = col(Article.url) == url
    if match_content:
        same = or_(same, col(Article.content_hash) == content_hash)
    existing = session.exec(select(Article.id).where(same)).first()
    if existing is not None:
        link_sources(session=session, article_ids=[existing], source_id=source_id)
        return StoredArticle(id=existing, created=False)
    article = Article(
        url=url,
        guid=guid,
        source_id=source_id,
        title=title,
        text=text,
        published=published,
        content_hash=content_hash,
        relevant=relevant,
        summary_only=summary_only,
        extracted=False,
    )
    if fetched is not None:
        article.fetched = fetched
    session.add(article)
    session.flush()
    assert article.id is not None
    session.add(ArticleSource(article_id=article.id, source_id=source_id))
    return StoredArticle(id=article.id, created=True)


def _waiting() -> ColumnElement[bool]:
    return and_(col(Article.relevant).is_(True), col(Article.extracted).is_(False))


def pending_extraction(*, session: Session, limit: int = 200) -> list[Article]:
    """Relevant articles whose facts are not stored yet, oldest first (claimed or not)."""
    query = select(Article).where(_waiting()).order_by(col(Article.id)).limit(limit)
    return list(session.exec(query).all())


def claim_pending(
    *, session: Session, worker: str, now: datetime, lease: timedelta, limit: int
) -> list[Article]:
    """Claim up to `limit` waiting articles nobody holds (or whose lease ran out), oldest first."""
    free = or_(col(Article.claimed_by).is_(None), col(Article.claimed_at) < now - lease)
    claimable = (
        select(Article.id)
        .where(_waiting(), free)
        .order_by(col(Article.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claimed = session.execute(
        update(Article)
        .where(col(Article.id).in_(claimable.scalar_subquery()))
        .values(claimed_by=worker, claimed_at=now)
        .returning(col(Article.id))
    )
    ids = [row[0] for row in claimed]
    if not ids:
        return []
    query = select(Article).where(col(Article.id).in_(ids)).order_by(col(Article.id))
    return list(session.exec(query).all())


def unclaim(*, session: Session, article_ids: Iterable[int], worker: str) -> None:
    """Give back claimed articles that were not extracted (no model, a failed store)."""
    session.execute(
        update(Article)
        .where(col(Article.id).in_(list(article_ids)), col(Article.claimed_by) == worker)
        .values(claimed_by=None, claimed_at=None)
    )


def get_article(*, session: Session, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def count_articles(*, session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(Article)).one())
