"""Feed parsing in every format we read, hostile markup, and a fuzz test: nothing escapes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.pipeline.collect.feeds import html_to_text, parse_feed
from tests.feedserver import atom, load_articles, rss091, rss1, rss2

ARTICLES = load_articles()
ITEMS = [(f"http://wire.example/news/{a.slug}.html", a) for a in ARTICLES]


@pytest.mark.parametrize(
    "render", [rss2, atom, rss1, rss091], ids=["rss2", "atom", "rss1", "rss091"]
)
def test_every_format_gives_every_entry(render) -> None:  # type: ignore[no-untyped-def]
    parsed = parse_feed(render(ITEMS).encode("utf-8"), url="http://wire.example/feed")
    assert parsed.error is None
    assert [e.title for e in parsed.entries] == [a.title for a in ARTICLES]
    assert [e.link for e in parsed.entries] == [link for link, _a in ITEMS]
    assert all(e.summary for e in parsed.entries)


def test_dates_are_aware_utc() -> None:
    parsed = parse_feed(rss2(ITEMS).encode())
    assert parsed.entries[0].published == ARTICLES[0].published
    assert parsed.entries[0].published.tzinfo is not None


def test_full_content_is_kept_as_plain_paragraphs() -> None:
    parsed = parse_feed(rss2(ITEMS[:1], full=True).encode())
    content = parsed.entries[0].content
    assert ARTICLES[0].paragraphs[1] in content
    assert "<p>" not in content and "\n\n" in content


def test_relative_links_resolved_against_the_feed_url() -> None:
    body = rss2([("/news/x.html", ARTICLES[0])]).encode()
    parsed = parse_feed(body, url="http://wire.example/feeds/all.xml")
    assert parsed.entries[0].link == "http://wire.example/news/x.html"


def test_hostile_title_becomes_plain_text() -> None:
    body = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><item>"
        "<title>Talks &amp; &lt;script&gt;alert(1)&lt;/script&gt;truce &lt;b&gt;now&lt;/b&gt;"
        "</title><link>http://wire.example/a</link>"
        "<description>&lt;p&gt;A &amp;amp; B\u202e&lt;/p&gt;"
        "&lt;style&gt;x{}&lt;/style&gt;</description>"
        "</item></channel></rss>"
    ).encode()
    entry = parse_feed(body).entries[0]
    assert entry.title == "Talks & truce now"
    assert "<" not in entry.summary and "alert" not in entry.title
    assert entry.summary == "A & B"


def test_bozo_feed_with_readable_entries_is_kept() -> None:
    body = rss2(ITEMS[:2]).encode().replace(b"</channel></rss>", b"<item><title>cut off")
    parsed = parse_feed(body)
    assert parsed.error is None
    assert len(parsed.entries) >= 2


def test_html_page_is_not_a_feed() -> None:
    parsed = parse_feed(b"<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>")
    assert parsed.error is not None and "not an RSS or Atom feed" in parsed.error


def test_broken_feed_without_entries_is_an_error_empty_feed_is_not() -> None:
    broken = parse_feed(b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>x</ti")
    assert broken.error is not None and broken.error.startswith("malformed feed")
    empty = parse_feed(b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>")
    assert (empty.error, empty.entries, empty.title) == (None, (), "Quiet")


def test_invalid_utf8_bytes_do_not_break_the_feed() -> None:
    body = rss2(ITEMS[:2]).encode().replace(b"Vienna", b"Vi\xffnna\xfe")
    parsed = parse_feed(body)
    assert parsed.error is None and len(parsed.entries) == 2


def test_entries_without_link_or_text_are_dropped() -> None:
    body = (
        b"<rss version='2.0'><channel><title>t</title>"
        b"<item><title>no link</title></item><item><link>http://w.example/x</link></item>"
        b"<item><guid>https://w.example/g</guid><title>guid as link</title></item>"
        b"</channel></rss>"
    )
    parsed = parse_feed(body)
    assert [(e.title, e.link) for e in parsed.entries] == [("guid as link", "https://w.example/g")]


def test_html_to_text() -> None:
    assert (
        html_to_text("<p>One&nbsp;two</p><p>\x07Three <i>four</i></p>") == "One two\n\nThree four"
    )
    assert html_to_text("Plain &amp; simple") == "Plain & simple"
    assert html_to_text("<script>evil()</script>") == ""


FEEDISH = st.sampled_from(
    [
        b"<?xml version='1.0'?>",
        b"<rss version='2.0'>",
        b"<channel>",
        b"<item>",
        b"</item>",
        b"<title>",
        b"</title>",
        b"<link>http://a.example/x</link>",
        b"<feed xmlns='http://www.w3.org/2005/Atom'>",
        b"<entry>",
        b"<pubDate>Fri, 07 Jan 2022 10:00:00 GMT</pubDate>",
        b"<updated>99999-99-99</updated>",
        b"<![CDATA[",
        b"]]>",
        b"&amp;",
        b"&#0;",
        b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
        b"&a;",
        b"\xff\xfe",
        b"<description>&lt;script&gt;</description>",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(FEEDISH, st.binary(max_size=40)), max_size=40))
def test_fuzz_parse_feed_never_raises(parts: list[bytes]) -> None:
    parsed = parse_feed(b"".join(parts), url="http://fuzz.example/feed")
    assert (parsed.error is None) or not parsed.entries
    for entry in parsed.entries:
        assert entry.link
        assert entry.published is None or entry.published.tzinfo is not None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_html_to_text_never_raises(value: str) -> None:
    out = html_to_text(value)
    assert out == out.strip()
    assert "\n\n\n" not in out and "\t" not in out
    assert not any(ord(ch) < 32 and ch != "\n" for ch in out)
    assert not any("\u202a" <= ch <= "\u202e" for ch in out)
