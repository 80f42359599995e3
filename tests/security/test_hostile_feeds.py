"""Hostile feeds: whatever the feed parser library does on a body, no exception escapes.

The fuzz test in tests/pipeline/collect/test_feeds.py throws random bytes at the real
parser, which rarely raises at all; here the library itself fails, as it can on inputs no
fuzzer finds (deep nesting, broken encodings), and the source just reports an error.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.pipeline.collect import feeds

FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>W</title></channel></rss>"


@pytest.mark.parametrize("error", [RecursionError, ValueError, UnicodeDecodeError, TypeError])
def test_a_crashing_feed_library_becomes_a_source_error(
    monkeypatch: pytest.MonkeyPatch, error: type[Exception]
) -> None:
    def explode(*_args: Any, **_kwargs: Any) -> Any:
        if error is UnicodeDecodeError:
            raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
        raise error("hostile input")

    monkeypatch.setattr(feeds.feedparser, "parse", explode)
    parsed = feeds.parse_feed(FEED, url="http://hostile.example/rss")
    assert parsed.entries == ()
    assert parsed.error is not None and error.__name__ in parsed.error
