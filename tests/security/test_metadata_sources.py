"""Cloud metadata endpoints are refused as sources even where private sources are allowed."""

from __future__ import annotations

import pytest

from bot.pipeline.collect.netguard import check_source_url

METADATA_URLS = [
    "http://169.254.169.254/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://100.100.100.200/latest/meta-data/",
    "http://[fd00:ec2::254]/latest/meta-data/",
]


@pytest.mark.parametrize("url", METADATA_URLS)
@pytest.mark.parametrize("allow_private", [False, True])
async def test_metadata_endpoints_are_always_refused(url: str, allow_private: bool) -> None:
    reason = await check_source_url(url, allow_private=allow_private)
    assert reason is not None and "metadata" in reason


async def test_private_addresses_still_allowed_when_configured() -> None:
    assert await check_source_url("http://10.1.2.3/feed.xml", allow_private=True) is None
    assert await check_source_url("http://10.1.2.3/feed.xml", allow_private=False) is not None
