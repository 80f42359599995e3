"""One collection pass: poll due sources, store new articles once, extract and store their facts.

Used by the scheduled job and by `diplobot collect`; it needs Services, not a running bot.
Every article is stored in its own transaction and extraction works from what is stored, so a
pass killed half-way is completed by the next one. Due sources are claimed (storage.sources), so
several workers on one PostgreSQL database poll each source once per interval between them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx

from bot.pipeline.collect import (
    FeedEntry,
    FeedPoll,
    Fetcher,
    FetchLimits,
    collect_item,
    entry_keys,
    is_relevant,
    make_client,
    poll_feed,
)
from bot.services.extraction import extract_pending
from bot.services.resources import Services
from bot.services.summary import CollectSummary
from bot.services.workers import release_dead, worker_id
from storage import articles, runs, sources
from storage.models import Source

log = logging.getLogger(__name__)

COLLECT_LOCK = "collect_lock"
# services.state key for FetchLimits other than the defaults (tests and benchmarks shorten them).
FETCH_LIMITS_KEY = "fetch_limits"
Progress = Callable[[int, int], None]
# Below this many words two items with the same title are not taken for one story.
MIN_WORDS_TO_MATCH_CONTENT = 30
# Longer than any one source's poll (30 s per fetch, a few pages at a time); a lease runs out
# only when its worker died on another host (on this host its claims are freed at once).
SOURCE_LEASE = timedelta(minutes=10)


async def collect_once(
    services: Services, *, progress: Progress | None = None, record_idle: bool = True
) -> CollectSummary:
    """Run one pass; a pass already running makes this one a no-op (they never overlap).

    The pass uses its own client whose connections go only to checked addresses (see
    netguard.GuardedBackend), not the shared `services.http`. `record_idle=False` (a worker
    looking for work every few seconds) stores a CollectionRun only when the pass did something.
    """
    lock: asyncio.Lock = services.state.setdefault(COLLECT_LOCK, asyncio.Lock())
    if lock.locked():
        return CollectSummary(skipped=True)
    async with (
        lock,
        make_client(allow_private=services.allow_private_sources) as client,
    ):
        return await _run_pass(services, client, progress, record_idle)


async def _run_pass(
    services: Services, client: httpx.AsyncClient, progress: Progress | None, record_idle: bool
) -> CollectSummary:
    now, me = services.clock(), worker_id(services)
    await services.db(release_dead, me=me)
    await services.db(sources.ensure_sources, urls=services.feeds)
    due = await services.db(sources.claim_due_sources, worker=me, now=now, lease=SOURCE_LEASE)
    run_id = await services.db(runs.start_run, now=now) if due or record_idle else None
    summary = CollectSummary()
    fetcher = Fetcher(
        client=client,
        limits=services.state.get(FETCH_LIMITS_KEY, FetchLimits()),
        allow_private=services.allow_private_sources,
    )
    work = _Pass(services=services, fetcher=fetcher, now=now, summary=summary)
    done = 0

    async def one(source: Source) -> None:
        nonlocal done
        try:
            await _poll_source(work, source)
        except Exception as exc:  # a bug on one source must not end the pass for the others
            log.exception("collecting %s failed", source.url)
            error = f"internal error {type(exc).__name__}"
            with contextlib.suppress(Exception):  # backed off like any failure, if the DB allows
                await _record_failure(services, source, now, error, summary)
        done += 1
        if progress is not None:
            progress(done, len(due))

    await asyncio.gather(*(one(s) for s in due))
    await services.db(
        sources.record_unchanged, source_ids=work.unchanged, now=now, interval=_interval(services)
    )
    await extract_pending(services, summary)
    if run_id is None and (summary.extracted or summary.errors):
        run_id = await services.db(runs.start_run, now=now)
    if run_id is not None:
        await services.db(
            runs.finish_run, run_id=run_id, now=services.clock(), summary=summary.as_dict()
        )
    return summary


@dataclass
class _Pass:
    """What every source's polling in one pass shares."""

    services: Services
    fetcher: Fetcher
    now: datetime
    summary: CollectSummary
    unchanged: list[int] = field(default_factory=list)  # 304s, recorded together at the end
    key_locks: dict[str, asyncio.Lock] = field(default_factory=dict)  # see _store_one


def _interval(services: Services) -> timedelta:
    return timedelta(minutes=services.collect_interval_minutes)


async def _poll_source(work: _Pass, source: Source) -> None:
    assert source.id is not None
    services, summary = work.services, work.summary
    poll = await poll_feed(
        work.fetcher, source.url, etag=source.etag, last_modified=source.last_modified
    )
    summary.sources_polled += 1
    if poll.status == "error":
        await _record_failure(services, source, work.now, poll.error or "unknown error", summary)
        return
    if poll.status == "not_modified":
        summary.not_modified += 1
        work.unchanged.append(source.id)
        return
    new = await _store_entries(work, source.id, poll)
    await services.db(
        sources.record_success,
        source_id=source.id,
        now=work.now,
        interval=_interval(services),
        new_items=new,
        etag=poll.etag,
        last_modified=poll.last_modified,
        title=poll.title or None,
    )


async def _record_failure(
    services: Services, source: Source, now: datetime, error: str, summary: CollectSummary
) -> None:
    summary.failed += 1
    summary.errors.append(f"{source.url}: {error}")
    disabled = await services.db(
        sources.record_failure,
        source_id=source.id,
        now=now,
        interval=_interval(services),
        error=error,
    )
    if disabled:
        summary.disabled.append(source.url)


async def _store_entries(work: _Pass, source_id: int, poll: FeedPoll) -> int:
    """Store the entries not seen before (pages fetched only for those); returns how many."""
    services, summary = work.services, work.summary
    keyed = [(entry_keys(e), e) for e in poll.entries]
    known = await services.db(
        articles.known_articles,
        source_id=source_id,
        urls=[url for (url, _g), _e in keyed],
        guids=[g for (_u, g), _e in keyed if g],
    )
    seen_ids = [known.get(url) or known.get(guid or "") for (url, guid), _e in keyed]
    await services.db(
        articles.link_sources, article_ids=[i for i in seen_ids if i], source_id=source_id
    )
    fresh = _unique_fresh(keyed, seen_ids)
    created = await asyncio.gather(*(_store_one(work, source_id, e) for e in fresh))
    for is_new, relevant in created:
        summary.new_articles += is_new
        summary.relevant += is_new and relevant
    return sum(is_new for is_new, _r in created)


def _unique_fresh(
    keyed: list[tuple[tuple[str, str | None], FeedEntry]], seen_ids: list[int | None]
) -> list[FeedEntry]:
    """Entries not stored yet, each canonical URL once (feeds repeat items)."""
    fresh: dict[str, FeedEntry] = {}
    for ((url, _guid), entry), seen in zip(keyed, seen_ids, strict=True):
        if seen is None:
            fresh.setdefault(url, entry)
    return list(fresh.values())


async def _store_one(work: _Pass, source_id: int, entry: FeedEntry) -> tuple[bool, bool]:
    """Fetch the full text if needed and store the article; returns (created, relevant)."""
    item = await collect_item(work.fetcher, entry, now=work.now)
    relevant = is_relevant(item.title, item.text)
    # Articles are stored concurrently, but never two with the same URL or content hash at
    # once: the check for a stored copy and the insert must not interleave.
    keys = sorted({f"url:{item.url}", f"hash:{item.content_hash}"})
    async with contextlib.AsyncExitStack() as stack:
        for key in keys:
            await stack.enter_async_context(work.key_locks.setdefault(key, asyncio.Lock()))
        stored = await work.services.db(
            articles.store_article,
            source_id=source_id,
            url=item.url,
            guid=item.guid,
            title=item.title,
            text=item.text,
            published=item.published,
            content_hash=item.content_hash,
            relevant=relevant,
            summary_only=item.summary_only,
            fetched=work.now,
            match_content=len(item.text.split()) >= MIN_WORDS_TO_MATCH_CONTENT,
        )
    return stored.created, relevant
