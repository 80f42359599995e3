"""The bounded fetcher against a real local server: limits, redirects, 304s and the SSRF guard."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator

import httpx
import pytest

from bot.pipeline.collect import netguard
from bot.pipeline.collect.fetch import Fetcher, FetchError, FetchLimits, decode_limited, make_client
from bot.pipeline.collect.netguard import BlockedURL, check_source_url, guard_url, is_public_address
from tests.feedserver import FeedServer, serve_feeds

LIMITS = FetchLimits(
    request_timeout=0.5, total_timeout=1.5, max_body_bytes=1_000_000, max_decoded_bytes=2_000_000
)

server = pytest.fixture(serve_feeds, name="server")


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with httpx.AsyncClient() as client:
        yield Fetcher(client=client, limits=LIMITS, allow_private=True, user_agent="diplobot-test")


async def test_plain_get_then_304_with_the_etag(server: FeedServer, fetcher: Fetcher) -> None:
    server.static("/feed.xml", "<rss/>")
    first = await fetcher.get(server.url("/feed.xml"))
    assert first.status == 200 and first.body == b"<rss/>" and first.etag
    second = await fetcher.get(server.url("/feed.xml"), etag=first.etag)
    assert second.not_modified and second.body == b""
    assert server.not_modified["/feed.xml"] == 1


async def test_304s_and_redirects_keep_the_connection(server: FeedServer, fetcher: Fetcher) -> None:
    server.static("/feed.xml", "<rss/>")
    server.redirect("/moved.xml", "/feed.xml")
    etag = (await fetcher.get(server.url("/feed.xml"))).etag
    for _ in range(3):
        assert (await fetcher.get(server.url("/moved.xml"), etag=etag)).not_modified
    assert len(server.peers) == 1


async def test_http_error_status_is_a_fetch_error(server: FeedServer, fetcher: Fetcher) -> None:
    server.status("/broken", 500)
    with pytest.raises(FetchError, match="HTTP 500"):
        await fetcher.get(server.url("/broken"))


async def test_slow_response_times_out(server: FeedServer, fetcher: Fetcher) -> None:
    server.slow("/slow", 5)
    with pytest.raises(FetchError, match=r"timed out|within"):
        await fetcher.get(server.url("/slow"))


async def test_slow_drip_is_cut_by_the_total_deadline(server: FeedServer, fetcher: Fetcher) -> None:
    server.drip("/drip", interval=0.1, count=100)  # every read is fast, the body takes 10 s
    with pytest.raises(FetchError, match=r"within 1\.5s"):
        await fetcher.get(server.url("/drip"))


async def test_huge_body_is_aborted_while_streaming(server: FeedServer, fetcher: Fetcher) -> None:
    server.huge("/huge", 20_000_000)
    with pytest.raises(FetchError, match="over the limit"):
        await fetcher.get(server.url("/huge"))


async def test_gzip_bomb_is_stopped(server: FeedServer, fetcher: Fetcher) -> None:
    server.gzip_bomb("/bomb", 50_000_000)
    with pytest.raises(FetchError, match="decoded body over the limit"):
        await fetcher.get(server.url("/bomb"))


async def test_redirect_followed_and_loop_refused(server: FeedServer, fetcher: Fetcher) -> None:
    server.static("/target", "ok")
    server.redirect("/hop", "/target")
    server.redirect("/loop", "/loop")
    moved = await fetcher.get(server.url("/hop"))
    assert moved.body == b"ok" and moved.url.endswith("/target")
    with pytest.raises(FetchError, match="redirects"):
        await fetcher.get(server.url("/loop"))


async def test_user_agent_is_sent(server: FeedServer, fetcher: Fetcher) -> None:
    seen: list[str] = []

    async def handler(request):  # type: ignore[no-untyped-def]
        from aiohttp import web

        seen.append(request.headers.get("User-Agent", ""))
        return web.Response(text="x")

    server.routes["/ua"] = handler
    await fetcher.get(server.url("/ua"))
    assert seen == ["diplobot-test"]


async def test_private_addresses_refused_when_not_allowed(server: FeedServer) -> None:
    server.static("/feed.xml", "<rss/>")
    async with httpx.AsyncClient() as client:
        strict = Fetcher(client=client, limits=LIMITS, allow_private=False)
        with pytest.raises(BlockedURL):
            await strict.get(server.url("/feed.xml"))
    assert server.hits["/feed.xml"] == 0


async def test_redirect_into_a_private_network_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A public first hop cannot bounce the bot to the metadata service: every hop is checked."""
    calls: list[str] = []

    async def fake_resolve(host: str, port: int) -> list[ipaddress.IPv4Address]:
        return [ipaddress.IPv4Address("93.184.216.34")]

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/"})

    monkeypatch.setattr(netguard, "resolve", fake_resolve)
    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
        fetcher = Fetcher(client=client, limits=LIMITS, allow_private=False)
        with pytest.raises(BlockedURL, match=r"169\.254\.169\.254"):
            await fetcher.get("http://news.example.org/feed.xml")
    assert calls == ["http://news.example.org/feed.xml"]  # the second hop was never requested


async def test_dns_answer_pointing_inside_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    async def rebinding(host: str, port: int) -> list[ipaddress.IPv4Address]:
        return [ipaddress.IPv4Address("93.184.216.34"), ipaddress.IPv4Address("10.0.0.7")]

    monkeypatch.setattr(netguard, "resolve", rebinding)
    message = await check_source_url("https://feeds.example.org/rss", allow_private=False)
    assert message is not None and "10.0.0.7" in message


async def test_dns_rebinding_between_check_and_connect_is_refused(
    server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name resolves public for the check, then to loopback for the connection."""
    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1"])

    async def rebinding(host: str, port: int) -> list[ipaddress.IPv4Address]:
        return [ipaddress.IPv4Address(next(answers))]

    monkeypatch.setattr(netguard, "resolve", rebinding)
    server.static("/feed.xml", "<rss/>")
    async with make_client(allow_private=False) as client:
        fetcher = Fetcher(client=client, limits=LIMITS, allow_private=False)
        with pytest.raises(FetchError, match="private or local"):
            await fetcher.get(f"http://rebind.example.test:{server.port}/feed.xml")
    assert server.hits["/feed.xml"] == 0


async def test_connection_goes_to_the_checked_address(
    server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name no real DNS knows is reached through the address the guard resolved and passed."""
    seen: list[str] = []

    async def pinned(host: str, port: int) -> list[ipaddress.IPv4Address]:
        return [ipaddress.IPv4Address("127.0.0.1")]

    async def handler(request):  # type: ignore[no-untyped-def]
        from aiohttp import web

        seen.append(request.host)
        return web.Response(text="<rss/>")

    monkeypatch.setattr(netguard, "resolve", pinned)
    monkeypatch.setattr(netguard, "is_public_address", lambda _address: True)
    server.routes["/feed.xml"] = handler
    async with make_client(allow_private=False) as client:
        fetcher = Fetcher(client=client, limits=LIMITS, allow_private=False)
        result = await fetcher.get(f"http://pinned.example.test:{server.port}/feed.xml")
    assert result.body == b"<rss/>"
    assert seen == [f"pinned.example.test:{server.port}"]


async def test_guard_checks_after_dns_resolution() -> None:
    with pytest.raises(BlockedURL, match="local"):
        await guard_url("http://localhost:8080/feed", allow_private=False)
    with pytest.raises(BlockedURL, match="private"):
        await guard_url("http://127.0.0.1/feed", allow_private=False)
    with pytest.raises(BlockedURL, match="private"):
        await guard_url("http://[::ffff:10.0.0.1]/feed", allow_private=False)
    await guard_url("http://127.0.0.1/feed", allow_private=True)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/feed", "http"),
        ("file:///etc/passwd", "http"),
        ("http:///nohost", "host"),
        ("http://example.com:notaport/", "valid"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.1/", "private"),
        ("http://172.16.5.5/", "private"),
        ("http://169.254.169.254/", "private"),
        ("http://[::1]/", "private"),
        ("http://[fe80::1]/", "private"),
        ("http://0.0.0.0/", "private"),
        ("http://100.100.100.200/", "private"),
        ("http://metadata.google.internal/", "metadata"),
    ],
)
async def test_check_source_url_reasons(url: str, reason: str) -> None:
    message = await check_source_url(url, allow_private=False)
    assert message is not None and reason in message


async def test_check_source_url_accepts_public_literal() -> None:
    assert await check_source_url("https://8.8.8.8/feed.xml", allow_private=False) is None


def test_public_address_classification() -> None:
    assert is_public_address(ipaddress.ip_address("93.184.216.34"))
    assert not is_public_address(ipaddress.ip_address("::ffff:127.0.0.1"))
    assert not is_public_address(ipaddress.ip_address("fd00:ec2::254"))


async def _chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


async def test_decode_limited_corrupt_and_identity() -> None:
    assert (
        await decode_limited(_chunks(b"ab", b"c"), "identity", max_raw=10, max_decoded=10) == b"abc"
    )
    with pytest.raises(FetchError, match="corrupt"):
        await decode_limited(_chunks(b"not gzip"), "gzip", max_raw=100, max_decoded=100)
    with pytest.raises(FetchError, match="unsupported"):
        await decode_limited(_chunks(b"x"), "br", max_raw=100, max_decoded=100)
