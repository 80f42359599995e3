"""Canonical URLs and content hashes: the dedup keys."""

from __future__ import annotations

import pytest

from bot.pipeline.collect.urls import canonical_url, content_hash, host_of, normalise_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTPS://News.Example.COM/a/B?x=1#top", "https://news.example.com/a/B?x=1"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com", "https://example.com/"),
        (
            "https://example.com/s?utm_source=rss&id=7&utm_medium=feed&fbclid=abc&gclid=z",
            "https://example.com/s?id=7",
        ),
        ("https://example.com/s?b=2&a=1&ref=rss", "https://example.com/s?b=2&a=1"),
        ("  https://example.com./x  ", "https://example.com/x"),
        ("mailto:press@example.com", "mailto:press@example.com"),
    ],
)
def test_canonical_url(raw: str, expected: str) -> None:
    assert canonical_url(raw) == expected


def test_canonical_url_keeps_a_broken_port_as_is() -> None:
    assert canonical_url("http://example.com:99999/x") == "http://example.com:99999/x"


def test_host_of() -> None:
    assert host_of("https://WWW.Example.org/a") == "www.example.org"
    assert host_of("not a url") == ""


def test_hash_ignores_case_punctuation_accents_and_spacing() -> None:
    a = content_hash("Talks in Genève", "The  minister said: “yes”.\n\nMore.")
    b = content_hash("talks in geneve", "the minister said yes more")
    assert a == b
    assert a != content_hash("Talks in Geneva", "The minister said no.")


def test_normalise_text() -> None:
    assert normalise_text("  Ça  va,\tBIEN! ") == "ca va bien"
