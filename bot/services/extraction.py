"""The extraction half of a collection pass: stored relevant articles -> stored facts.

It works from the database, not from what this pass fetched, so articles left unextracted by a
killed or failed pass are picked up by the next one.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.pipeline.collect import host_of
from bot.pipeline.meetings import merge
from bot.pipeline.types import Article, ArticleFacts
from bot.services.resources import Services
from bot.services.summary import CollectSummary
from storage import articles, facts
from storage.models import Article as ArticleRow

log = logging.getLogger(__name__)

BATCH_SIZE = 16
MAX_PER_PASS = 2000
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
    done = 0
    while done < limit:
        size = min(BATCH_SIZE, limit - done)
        batch = await services.db(articles.pending_extraction, limit=size)
        if not batch:
            return
        try:
            extractor = await services.get_extractor()
        except Exception as exc:  # no model: articles wait for a pass that has one
            log.warning("extractor unavailable: %s", exc)
            summary.errors.append(f"extractor unavailable: {type(exc).__name__}: {exc}")
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
                return
            summary.extracted += 1
            summary.statements += stored.statements
            summary.meetings += stored.meetings_new
        done += len(batch)


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
