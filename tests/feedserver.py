"""A real HTTP server on 127.0.0.1 serving our own fixture feeds, pages and hostile responses.

Used by the collector tests, the handler tests and the collection benchmark. Feeds are rendered
from the wire-style fixture articles in tests/fixtures/feeds/ in each format feedparser reads.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

from aiohttp import web

FEED_FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
BASE_TIME = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class FixtureArticle:
    """One of our own wire-style articles: first line title, then paragraphs."""

    slug: str
    title: str
    paragraphs: tuple[str, ...]
    published: datetime

    @property
    def teaser(self) -> str:
        return self.paragraphs[0][:160]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def load_articles() -> list[FixtureArticle]:
    out = []
    for i, path in enumerate(sorted(FEED_FIXTURES.glob("*.txt"))):
        title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
        out.append(
            FixtureArticle(path.stem, title.strip(), paragraphs, BASE_TIME + timedelta(hours=i))
        )
    return out


def page_html(article: FixtureArticle) -> str:
    """An article page with menus around the story, as news sites have."""
    paras = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{escape(article.title)} | Diplo Wire</title>"
        f"<meta property='article:published_time' content='{article.published.isoformat()}'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(article.title)}</h1>{paras}</article>"
        "<footer>Copyright Diplo Wire. All rights reserved.</footer></body></html>"
    )


def rss2(
    items: list[tuple[str, FixtureArticle]], *, full: bool = False, title: str = "Wire"
) -> str:
    """RSS 2.0; `items` pairs a link with an article; `full` adds content:encoded."""
    parts = []
    for link, a in items:
        content = f"<content:encoded>{escape(page_html(a))}</content:encoded>" if full else ""
        parts.append(
            f"<item><title>{escape(a.title)}</title><link>{escape(link)}</link>"
            f"<guid isPermaLink='false'>{a.slug}</guid>"
            f"<description>{escape(a.teaser)}</description>"
            f"<pubDate>{format_datetime(a.published, usegmt=True)}</pubDate>{content}</item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
        "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
        f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
        f"<description>Diplomacy wire</description>{''.join(parts)}</channel></rss>"
    )


def atom(items: list[tuple[str, FixtureArticle]], *, title: str = "Atom wire") -> str:
    entries = "".join(
        f"<entry><title>{escape(a.title)}</title><link href='{escape(link)}'/>"
        f"<id>urn:diplo:{a.slug}</id><updated>{a.published.isoformat()}</updated>"
        f"<summary>{escape(a.teaser)}</summary></entry>"
        for link, a in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>{escape(title)}</title><id>urn:diplo:feed</id>"
        f"<updated>{BASE_TIME.isoformat()}</updated>{entries}</feed>"
    )


def rss1(items: list[tuple[str, FixtureArticle]]) -> str:
    entries = "".join(
        f"<item rdf:about='{escape(link)}'><title>{escape(a.title)}</title>"
        f"<link>{escape(link)}</link><description>{escape(a.teaser)}</description>"
        f"<dc:date>{a.published.isoformat()}</dc:date></item>"
        for link, a in items
    )
    return (
        "<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
        "xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
        "<channel rdf:about='http://example.invalid/'><title>RDF wire</title>"
        f"<link>http://example.invalid/</link><description>d</description></channel>{entries}"
        "</rdf:RDF>"
    )


def rss091(items: list[tuple[str, FixtureArticle]]) -> str:
    entries = "".join(
        f"<item><title>{escape(a.title)}</title><link>{escape(link)}</link>"
        f"<description>{escape(a.teaser)}</description></item>"
        for link, a in items
    )
    return (
        "<?xml version='1.0'?><rss version='0.91'><channel><title>Old wire</title>"
        f"<link>http://example.invalid/</link><description>d</description>{entries}"
        "</channel></rss>"
    )


class FeedServer:
    """aiohttp on an ephemeral 127.0.0.1 port; routes can be (re)set while it runs."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.peers: set[object] = set()  # client (host, port) pairs: one per TCP connection
        self.delay_prefix: tuple[str, float] | None = None  # (path prefix, seconds) to slow down
        self._runner: web.AppRunner | None = None
        self.port = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def start(self) -> FeedServer:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=0.2
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.hits[request.path] += 1
        if request.transport is not None:
            self.peers.add(request.transport.get_extra_info("peername"))
        if self.delay_prefix and request.path.startswith(self.delay_prefix[0]):
            await asyncio.sleep(self.delay_prefix[1])
        handler = self.routes.get(request.path)
        if handler is None:
            return web.Response(status=404, text="not found")
        return await handler(request)

    # Route helpers -------------------------------------------------------------------------

    def static(
        self, path: str, body: str | bytes, content_type: str = "application/rss+xml"
    ) -> None:
        """A document with an ETag: a matching If-None-Match gets an empty 304."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'

        async def handler(request: web.Request) -> web.StreamResponse:
            if request.headers.get("If-None-Match") == etag:
                self.not_modified[path] += 1
                return web.Response(status=304, headers={"ETag": etag})
            return web.Response(body=data, headers={"ETag": etag, "Content-Type": content_type})

        self.routes[path] = handler

    def pages(self, articles: list[FixtureArticle], prefix: str = "/news/") -> None:
        for a in articles:
            self.static(f"{prefix}{a.slug}.html", page_html(a), "text/html; charset=utf-8")

    def status(self, path: str, code: int) -> None:
        async def handler(_request: web.Request) -> web.StreamResponse:
            return web.Response(status=code, text="server error")

        self.routes[path] = handler

    def slow(self, path: str, delay: float) -> None:
        async def handler(_request: web.Request) -> web.StreamResponse:
            await asyncio.sleep(delay)
            return web.Response(text="too late")

        self.routes[path] = handler

    def huge(self, path: str, size: int) -> None:
        """A chunked body of `size` bytes (no Content-Length, so only streaming limits stop it)."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
            await response.prepare(request)
            chunk = b"<!-- " + b"x" * 65_000 + b" -->"
            for _ in range(size // len(chunk) + 1):
                await response.write(chunk)
            return response

        self.routes[path] = handler

    def drip(self, path: str, interval: float, count: int) -> None:
        """One byte per `interval`: each read is quick, the whole body is not."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
            await response.prepare(request)
            for _ in range(count):
                await response.write(b" ")
                await asyncio.sleep(interval)
            return response

        self.routes[path] = handler

    def gzip_bomb(self, path: str, size: int) -> None:
        """A small gzip body that expands to `size` bytes of zeros."""
        data = gzip.compress(b"\0" * size, compresslevel=9)

        async def handler(_request: web.Request) -> web.StreamResponse:
            return web.Response(
                body=data, headers={"Content-Encoding": "gzip", "Content-Type": "application/xml"}
            )

        self.routes[path] = handler

    def redirect(self, path: str, location: str) -> None:
        async def handler(_request: web.Request) -> web.StreamResponse:
            return web.Response(status=302, headers={"Location": location})

        self.routes[path] = handler


async def serve_feeds() -> AsyncIterator[FeedServer]:
    """Fixture body: a started FeedServer, stopped after the test.

    Test modules declare `server = pytest.fixture(serve_feeds, name="server")`.
    """
    server = await FeedServer().start()
    yield server
    await server.stop()
