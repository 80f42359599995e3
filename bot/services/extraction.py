"""The extraction half of a collection pass: stored relevant articles -> stored facts.

It works from the database, not from what this pass fetched, so articles left unextracted by a
killed or failed pass are picked up by the next one. Batches are claimed (SKIP LOCKED with a
lease on PostgreSQL), so workers sharing a database never parse the same article twice, and a
dead worker's batch is claimed again after it (at once on the same host).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from bot.pipeline.collect import host_of
from bot.pipeline.meetings import merge
from bot.pipeline.types import Article, ArticleFacts
from bot.services.resources import Services
from bot.services.summary import CollectSummary
from bot.services.workers import worker_id
from storage import articles, facts
from storage.models import Article as ArticleRow

log = logging.getLogger(__name__)

BATCH_SIZE = 16
MAX_PER_PASS = 2000
# A batch of 16 takes seconds; the lease only matters when a worker on another host died.
LEASE = timedelta(minutes=5)
MEETING_RULE = facts.MeetingRule(same=merge.same_meeting, merge=merge.merge, key=merge.meeting_key)


def _as_article(row: ArticleRow) -> Article:
    return Article(
        title=row.title,
        text=row.text,
        published=row.published,
        url=row.url,
        source=host_of(row.url),
    )


async def extract_pending(
    services: Services, summary: CollectSummary, *, limit: int = MAX_PER_PASS
) -> None:
    """Extract and store the facts of the relevant articles still waiting, in batches."""
    done, me = 0, worker_id(services)
    while done < limit:
        size = min(BATCH_SIZE, limit - done)
        batch = await services.db(
            articles.claim_pending,
            worker=me,
            now=services.clock(),
            lease=LEASE,
            limit=size,
        )
        if not batch:
            return
        try:
            extractor = await services.get_extractor()
        except Exception as exc:  # no model: articles wait for a pass that has one
            log.warning("extractor unavailable: %s", exc)
            summary.errors.append(f"extractor unavailable: {type(exc).__name__}: {exc}")
            await _unclaim(services, batch, me)
            return
        results = await _extract_batch(services, extractor, batch)
        for row, found in zip(batch, results, strict=True):
            try:
                stored = await services.db(
                    facts.store_facts,
                    article_id=row.id,
                    facts=found,
                    rule=MEETING_RULE,
                    now=services.clock(),
                )
            except Exception as exc:  # the article stays pending; stop rather than spin
                log.exception("storing the facts of article %s failed", row.id)
                summary.errors.append(f"storing facts failed: {type(exc).__name__}")
                await _unclaim(services, batch, me)
                return
            summary.extracted += 1
            summary.statements += stored.statements
            summary.meetings += stored.meetings_new
        done += len(batch)


async def _unclaim(services: Services, batch: list[ArticleRow], me: str) -> None:
    """Hand the batch back at once (stored ones are no longer waiting, so only the rest)."""
    ids = [row.id for row in batch if row.id is not None]
    try:
        await services.db(articles.unclaim, article_ids=ids, worker=me)
    except Exception:  # the database is failing too: the lease will free them
        log.exception("could not give back %d claimed articles", len(ids))


async def _extract_batch(
    services: Services, extractor: Any, batch: list[ArticleRow]
) -> list[ArticleFacts]:
    """Facts per article; one article that breaks the extractor gets none, the rest still do."""
    items = [_as_article(row) for row in batch]
    try:
        return list(await services.cpu(extractor.extract_many, items))
    except Exception:
        log.exception("batch extraction failed; retrying one by one")
    out: list[ArticleFacts] = []
    for item in items:
        try:
            out.append(await services.cpu(extractor.extract, item))
        except Exception:
            log.exception("extraction failed for %s", item.url)
            out.append(ArticleFacts())  # marked extracted with no facts: no poison loop
    return out
