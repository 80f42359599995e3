"""Bounded HTTP GETs for feeds and pages: every source is a stranger's server.

Limits hold against hostile or broken servers: a per-read timeout and a total deadline (a
slow-drip body cannot hold a pass), a size cap on the wire and another after decompression (a
gzip bomb is stopped after a few kilobytes of output too many), and redirects followed by hand so
every hop passes the SSRF guard. Conditional GET makes an unchanged feed cost one 304.
"""

from __future__ import annotations

import asyncio
import re
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from bot.pipeline.collect.netguard import BlockedURL, guard_url, guarded_transport
from bot.pipeline.collect.urls import host_of

DEFAULT_USER_AGENT = "diplobot/0.1 (+https://github.com/diplobot/diplobot; diplomacy news digest)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DRAIN_LIMIT = 64_000
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def make_client(*, allow_private: bool, user_agent: str = DEFAULT_USER_AGENT) -> httpx.AsyncClient:
    """A client for strangers' servers: every connection made to a checked address."""
    return httpx.AsyncClient(
        transport=guarded_transport(allow_private=allow_private),
        headers={"User-Agent": user_agent},
        follow_redirects=False,
    )


class FetchError(Exception):
    """A fetch that failed for a reason worth recording on the source (short, no traceback)."""


@dataclass(frozen=True)
class FetchLimits:
    """How much one response may cost; the defaults suit news feeds and article pages."""

    request_timeout: float = 15.0  # per connect / read / write step
    total_timeout: float = 30.0  # the whole fetch, redirects and body included
    max_body_bytes: int = 5_000_000  # on the wire
    max_decoded_bytes: int = 10_000_000  # after gzip/deflate
    max_redirects: int = 5
    global_concurrency: int = 32
    per_host_concurrency: int = 4


@dataclass(frozen=True)
class FetchResult:
    """A finished response: 200 with its body, or a 304 with none."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text: the declared charset, else a <meta charset>, else UTF-8 (lenient)."""
        return self.body.decode(_charset(self.content_type, self.body), errors="replace")


def _charset(content_type: str, body: bytes) -> str:
    match = re.search(r"charset\s*=\s*[\"']?([\w\-]+)", content_type, re.IGNORECASE)
    found = match.group(1) if match else None
    if found is None:
        meta = _CHARSET.search(body[:4096])
        found = meta.group(1).decode("ascii") if meta else None
    return found if found and _known(found) else "utf-8"


def _known(name: str) -> bool:
    try:
        "".encode(name)
    except LookupError:
        return False
    return True


@dataclass
class Fetcher:
    """GETs through one shared client with global and per-host concurrency bounds."""

    client: httpx.AsyncClient
    limits: FetchLimits = field(default_factory=FetchLimits)
    allow_private: bool = False
    user_agent: str | None = None
    _global: asyncio.Semaphore | None = field(default=None, init=False, repr=False)
    _hosts: dict[str, asyncio.Semaphore] = field(default_factory=dict, init=False, repr=False)

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult:
        """Fetch one URL within the limits; FetchError (or BlockedURL) says why it failed."""
        if self._global is None:
            self._global = asyncio.Semaphore(self.limits.global_concurrency)
        host = self._hosts.setdefault(
            host_of(url), asyncio.Semaphore(self.limits.per_host_concurrency)
        )
        headers = self._headers(accept, etag, last_modified)
        async with self._global, host:
            try:
                async with asyncio.timeout(self.limits.total_timeout):
                    return await self._follow(url, headers)
            except TimeoutError as exc:
                total = self.limits.total_timeout
                raise FetchError(f"no complete answer within {total:g}s") from exc
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{type(exc).__name__}: {exc}"[:300]) from exc

    def _headers(self, accept: str, etag: str | None, last_modified: str | None) -> dict[str, str]:
        headers = {"Accept": accept, "Accept-Encoding": "gzip, deflate"}
        if self.user_agent:
            headers["User-Agent"] = self.user_agent
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    async def _follow(self, url: str, headers: dict[str, str]) -> FetchResult:
        for _hop in range(self.limits.max_redirects + 1):
            await guard_url(url, allow_private=self.allow_private)
            request = self.client.build_request(
                "GET", url, headers=headers, timeout=httpx.Timeout(self.limits.request_timeout)
            )
            response = await self.client.send(request, stream=True, follow_redirects=False)
            try:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    url = urljoin(str(response.url), response.headers["location"])
                    await self._drain(response)
                    continue
                return await self._finish(response)
            finally:
                await response.aclose()
        raise FetchError(f"more than {self.limits.max_redirects} redirects")

    async def _finish(self, response: httpx.Response) -> FetchResult:
        status = response.status_code
        if status != 304 and not 200 <= status < 300:
            raise FetchError(f"HTTP {status}")
        if status == 304:
            await self._drain(response)
        body = b"" if status == 304 else await self._read(response)
        return FetchResult(
            url=str(response.url),
            status=status,
            body=body,
            content_type=response.headers.get("content-type", ""),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    async def _drain(self, response: httpx.Response) -> None:
        """Read a bodiless answer to its end: a connection closed mid-message is not reused."""
        if response.is_stream_consumed:
            return
        read = 0
        try:
            async for chunk in response.aiter_raw():
                read += len(chunk)
                if read > _DRAIN_LIMIT:
                    return  # a redirect with a big body: closing the connection is cheaper
        except (httpx.HTTPError, httpx.StreamError):
            return  # only the connection's reuse is lost

    async def _read(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limits.max_body_bytes:
            raise FetchError(f"body of {int(declared)} bytes is over the limit")
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        return await decode_limited(
            response.aiter_raw(),
            encoding,
            max_raw=self.limits.max_body_bytes,
            max_decoded=self.limits.max_decoded_bytes,
        )


def _decompressor(encoding: str) -> zlib._Decompress | None:
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    if encoding == "deflate":
        return zlib.decompressobj(wbits=zlib.MAX_WBITS | 32)  # zlib header auto-detected
    raise FetchError(f"unsupported content encoding {encoding!r}")


async def decode_limited(
    chunks: AsyncIterator[bytes], encoding: str, *, max_raw: int, max_decoded: int
) -> bytes:
    """Read and decompress a body, stopping as soon as either size limit is passed."""
    decoder = _decompressor(encoding)
    raw = 0
    out = bytearray()
    try:
        async for chunk in chunks:
            raw += len(chunk)
            if raw > max_raw:
                raise FetchError(f"body over the limit of {max_raw} bytes")
            room = max_decoded - len(out)
            # max_length stops a bomb's output at one byte over the room instead of gigabytes.
            piece = chunk if decoder is None else decoder.decompress(chunk, room + 1)
            if len(piece) > room:
                raise FetchError(f"decoded body over the limit of {max_decoded} bytes")
            out += piece
        if decoder is not None:
            out += decoder.flush()[: max_decoded - len(out) + 1]
    except zlib.error as exc:
        raise FetchError(f"corrupt {encoding} body") from exc
    if len(out) > max_decoded:
        raise FetchError(f"decoded body over the limit of {max_decoded} bytes")
    return bytes(out)


__all__ = ["BlockedURL", "FetchError", "FetchLimits", "FetchResult", "Fetcher", "decode_limited"]
