"""Two workers on one PostgreSQL database, in one test process: each unit of work done once.

The workers are two Services with their own worker names (on different "hosts", so neither
takes the other for a dead neighbour) over the same database and clock.
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine

from bot.pipeline.collect.fetch import FetchLimits
from bot.pipeline.extractor import Extractor
from bot.pipeline.types import ArticleFacts, Meeting, Statement
from bot.services import FETCH_LIMITS_KEY, CollectSummary, Services, collect_once, extract_pending
from bot.services.extraction import MEETING_RULE
from bot.services.workers import release_dead
from storage import articles, facts, sources
from storage.engine import make_engine, session_scope
from tests.feedserver import FeedServer, rss2, serve_feeds
from tests.scale_support import seed_backlog, work_done
from tests.services.collect_support import ARTICLES, NOW, Clock, make_services

pytestmark = pytest.mark.postgres
server = pytest.fixture(serve_feeds, name="server")
SOURCES = 12


@pytest.fixture
def pg_engine(postgres_url: str) -> Engine:
    return make_engine(postgres_url)


def _two(engine: Engine, feeds: list[str], extractor: object, clock: Clock) -> list[Services]:
    pair = []
    for host in ("host-a", "host-b"):
        services = make_services(engine, feeds, extractor, clock)
        services.state["worker_id"] = f"{host}/1/x"
        # The claims are under test, not timeouts: the tight test limits made a feed that a
        # loaded machine served in over 0.5 s a failure, backed off past the next round.
        services.state[FETCH_LIMITS_KEY] = FetchLimits()
        pair.append(services)
    return pair


async def test_every_source_is_polled_once_per_interval(
    pg_engine: Engine, server: FeedServer, extractor: Extractor
) -> None:
    server.pages(ARTICLES)
    feeds = []
    for i in range(SOURCES):
        server.static(f"/feed{i}.xml", rss2([]))
        feeds.append(server.url(f"/feed{i}.xml"))
    clock = Clock(NOW)
    workers = _two(pg_engine, feeds, extractor, clock)
    for _round in range(3):
        summaries = await asyncio.gather(*(collect_once(w) for w in workers))
        assert sum(s.failed for s in summaries) == 0
        assert sum(s.sources_polled for s in summaries) == SOURCES
        clock.now += timedelta(minutes=5)  # a third of the interval: nothing is due again
        await asyncio.gather(*(collect_once(w) for w in workers))
        clock.now += timedelta(minutes=10)
    assert server.hits == Counter({f"/feed{i}.xml": 3 for i in range(SOURCES)})


async def test_two_workers_extract_a_backlog_once(
    postgres_url: str, pg_engine: Engine, extractor: Extractor
) -> None:
    seed_backlog(postgres_url, 40)
    workers = _two(pg_engine, [], extractor, Clock(NOW))
    summaries = [CollectSummary(), CollectSummary()]
    await asyncio.gather(*(extract_pending(w, s) for w, s in zip(workers, summaries, strict=True)))
    assert [s.extracted > 0 for s in summaries] == [True, True]
    assert sum(s.extracted for s in summaries) == 40  # no article parsed twice
    done = work_done(postgres_url)
    assert (done["waiting"], done["claimed"]) == (0, 0)
    assert done["duplicate_statements"] == 0 and done["duplicate_meetings"] == 0


MEETING = Meeting(
    title="Iran–EU meeting",
    kind="meeting",
    participants=("Iran", "European Union"),
    evidence="Envoys will meet in Vienna on Tuesday.",
    status="upcoming",
    place="Vienna",
)


def test_one_meeting_reported_by_articles_stored_at_once_is_one_row(
    postgres_url: str, pg_engine: Engine
) -> None:
    seed_backlog(postgres_url, 6)
    with session_scope(pg_engine) as s:
        ids = [a.id for a in articles.pending_extraction(session=s)]

    def store(article_id: int | None) -> int:
        with session_scope(pg_engine) as s:
            found = ArticleFacts(meetings=(MEETING,))
            return facts.store_facts(
                session=s, article_id=article_id, facts=found, rule=MEETING_RULE, now=NOW
            ).meetings_new

    with ThreadPoolExecutor(6) as pool:
        new = list(pool.map(store, ids))
    assert sorted(new) == [0, 0, 0, 0, 0, 1]
    done = work_done(postgres_url)
    assert (done["meetings"], done["meeting_links"]) == (1, 6)


def test_storing_one_articles_facts_twice_at_once_stores_one_copy(
    postgres_url: str, pg_engine: Engine
) -> None:
    seed_backlog(postgres_url, 1)
    with session_scope(pg_engine) as s:
        article_id = articles.pending_extraction(session=s)[0].id
    meeting = MEETING
    found = ArticleFacts(
        statements=(
            Statement(
                speaker="Josep Borrell", kind="direct", text="We are ready", evidence="We are ready"
            ),
        ),
        meetings=(meeting,),
    )

    def store() -> int:
        with session_scope(pg_engine) as s:
            return facts.store_facts(
                session=s, article_id=article_id, facts=found, rule=MEETING_RULE, now=NOW
            ).statements

    with ThreadPoolExecutor(4) as pool:
        stored = list(pool.map(lambda _i: store(), range(4)))
    assert sorted(stored) == [0, 0, 0, 1]
    done = work_done(postgres_url)
    assert (done["statements"], done["meetings"], done["meeting_links"]) == (1, 1, 1)


def test_a_dead_workers_claims_are_taken_over(postgres_url: str, pg_engine: Engine) -> None:
    seed_backlog(postgres_url, 5)
    dead = f"{socket.gethostname()}/999999999/gone"  # no such pid on this host
    with session_scope(pg_engine) as s:
        held = articles.claim_pending(
            session=s, worker=dead, now=NOW, lease=timedelta(minutes=5), limit=5
        )
        assert len(held) == 5
        other = articles.claim_pending(
            session=s, worker="host-b/1/x", now=NOW, lease=timedelta(minutes=5), limit=5
        )
        assert other == []  # held and the lease runs
    with session_scope(pg_engine) as s:
        assert release_dead(session=s, me=_here()) == 5
    with session_scope(pg_engine) as s:
        mine = articles.claim_pending(
            session=s, worker=_here(), now=NOW, lease=timedelta(minutes=5), limit=5
        )
    assert len(mine) == 5


def _here() -> str:
    return f"{socket.gethostname()}/{os.getpid()}/me"


def test_one_story_stored_by_workers_at_once_is_one_article(
    postgres_url: str, pg_engine: Engine
) -> None:
    with session_scope(pg_engine) as s:
        feeds = [
            sources.add_source(session=s, url=f"https://feed{i}.example/")[0] for i in range(4)
        ]
        source_ids = [int(f.id or 0) for f in feeds]

    def store(source_id: int) -> bool:
        with session_scope(pg_engine) as s:
            return articles.store_article(
                session=s,
                source_id=source_id,
                url=f"https://wire.example/story?from={source_id}",  # the same story, 4 URLs
                title="Envoys to meet in Vienna",
                text="Envoys will meet in Vienna on Tuesday. " * 10,
                published=NOW,
                content_hash="same-story",
                relevant=True,
            ).created

    with ThreadPoolExecutor(4) as pool:
        created = list(pool.map(store, source_ids))
    assert sorted(created) == [False, False, False, True]
    with session_scope(pg_engine) as s:
        assert articles.count_articles(session=s) == 1
