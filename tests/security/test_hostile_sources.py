"""Hostile sources: each limit holds on its own, not only behind another one.

tests/pipeline/collect/test_fetch.py drives the fetcher against a real server; there a huge
plain body is stopped by whichever limit comes first. These pin the layers one at a time.
"""

from __future__ import annotations

import gzip
import ipaddress
import tracemalloc
from collections.abc import AsyncIterator

import pytest

from bot.pipeline.collect import netguard
from bot.pipeline.collect.fetch import FetchError, decode_limited
from bot.pipeline.collect.netguard import check_source_url

MB = 1_000_000


async def _chunks(data: bytes, size: int = 64_000) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def test_wire_limit_holds_below_the_decoded_limit() -> None:
    """A plain body over the wire limit fails even though it would fit once decoded."""
    body = b"x" * (MB + MB // 2)
    with pytest.raises(FetchError, match=r"^body over the limit of 1000000 bytes"):
        await decode_limited(_chunks(body), "", max_raw=MB, max_decoded=2 * MB)


async def test_decompression_bomb_never_expands_in_memory() -> None:
    """64 MB of zeros in ~60 KB of gzip: stopped without ever holding the expansion."""
    bomb = gzip.compress(b"\0" * 64 * MB, compresslevel=9)
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="decoded body over the limit"):
            await decode_limited(_chunks(bomb), "gzip", max_raw=MB, max_decoded=MB)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * MB  # the limit plus a chunk or two, not the 64 MB inside


@pytest.mark.parametrize(
    "url", ["http://metadata.google.internal/computeMetadata/v1/", "http://instance-data/"]
)
async def test_metadata_names_refused_even_when_dns_says_public(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    """A resolver that answers a public address for the metadata name does not open the door."""

    async def lying(host: str, port: int) -> list[ipaddress.IPv4Address]:
        return [ipaddress.IPv4Address("93.184.216.34")]

    monkeypatch.setattr(netguard, "resolve", lying)
    reason = await check_source_url(url, allow_private=False)
    assert reason is not None and "metadata" in reason


@pytest.mark.parametrize(
    "address",
    ["169.254.169.254", "100.100.100.200", "[fd00:ec2::254]", "[::ffff:127.0.0.1]", "0.0.0.0"],
)
async def test_metadata_and_disguised_local_addresses_refused(address: str) -> None:
    reason = await check_source_url(f"http://{address}/latest/meta-data/", allow_private=False)
    assert reason is not None and "private or local" in reason
