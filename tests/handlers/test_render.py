"""The renderer: escaped, valid Telegram HTML, never over 4096 characters, split between items."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.render import (
    MAX_MESSAGE,
    audience_phrase,
    chunk_items,
    esc,
    link,
    meeting_line,
    outlet_of,
    shorten,
    statement_line,
)
from tests.fakebot import parse_html, utf16_len

HOSTILE = "<b>bold</b> & <a href='x'>a</a> \u202eRTL \u0000\u0007 😀 *md* _x_ `c` &amp;"


def test_escape_keeps_text_and_drops_controls() -> None:
    visible = parse_html(esc(HOSTILE))
    assert "<b>bold</b>" in visible
    assert "\u0000" not in visible
    assert "\u202e" in visible


def test_links_only_for_plain_http_urls() -> None:
    assert link("tass.com", "https://tass.com/a?b=1&c=2") == (
        '<a href="https://tass.com/a?b=1&amp;c=2">tass.com</a>'
    )
    assert link("x", "javascript:alert(1)") == "x"
    assert link("x", 'https://a.org/"><b>') == "x"
    assert outlet_of("https://www.reuters.com/world/") == "reuters.com"


def test_meeting_line_reads_like_the_mockup() -> None:
    line = meeting_line(
        when="Sun 9 – Mon 10 Jan",
        title="US–Russia strategic stability talks",
        place="Geneva",
        participants=["Wendy Sherman", "Sergei Ryabkov"],
        links=[("tass.com", "https://tass.com/1"), ("ria.ru", "https://ria.ru/2")],
        sources=3,
    )
    assert parse_html(line) == (
        "• Sun 9 – Mon 10 Jan · Geneva · US–Russia strategic stability talks "
        "(Wendy Sherman, Sergei Ryabkov) [tass.com] +2"
    )


def test_meeting_line_names_only_participants_the_title_omits() -> None:
    line = meeting_line(
        when="Tue 1 Dec",
        title="Austria–Slovenia meeting",
        place="Vienna",
        participants=["Austria", "Slovenia", "Helga Brandauer", "Vienna"],
    )
    assert parse_html(line) == "• Tue 1 Dec · Vienna · Austria–Slovenia meeting (Helga Brandauer)"


def test_statement_line_quotes_direct_speech() -> None:
    line = statement_line(
        when="Thu 6 Jan",
        text="in weeks, not months",
        direct=True,
        audience="to reporters",
        links=[("ria.ru", "https://ria.ru/x")],
    )
    assert parse_html(line) == "• Thu 6 Jan, to reporters: “in weeks, not months” [ria.ru]"


@pytest.mark.parametrize(
    ("audience", "phrase"),
    [
        ("reporters", "to reporters"),
        ("to reporters", "to reporters"),
        ("Alemu", "to Alemu"),
        ("a news conference in Oslo", "at a news conference in Oslo"),
        ("an interview with Reuters", "in an interview with Reuters"),
        ("At  the summit", "At the summit"),
    ],
)
def test_audience_gets_its_preposition_back(audience: str, phrase: str) -> None:
    assert audience_phrase(audience) == phrase
    line = statement_line(when="Thu 6 Jan", text="words", audience=audience)
    assert parse_html(line) == f"• Thu 6 Jan, {phrase}: words"


def test_shorten_cuts_on_words() -> None:
    assert shorten("one two three four five", 12) == "one two…"
    assert shorten("short", 12) == "short"


def test_chunks_split_between_items_with_header_and_footer() -> None:
    items = [f"• item {i} " + "x" * 90 for i in range(100)]
    chunks = chunk_items("<b>Header</b>", items, "footer", limit=1000)
    assert len(chunks) > 5
    assert chunks[0].startswith("<b>Header</b>\n")
    assert chunks[-1].endswith("\nfooter")
    rejoined = "\n".join(chunks).split("\n")
    assert rejoined == ["<b>Header</b>", *items, "footer"]
    assert all(utf16_len(c) <= 1000 for c in chunks)


def test_oversized_item_is_cut_to_fit() -> None:
    huge = f"<b>{esc('😀 ' * 5000)}</b>"
    chunks = chunk_items("head", [huge, "tail"])
    assert all(utf16_len(parse_html(c)) <= MAX_MESSAGE for c in chunks)
    assert chunks[-1].endswith("tail")


_text = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from("<>&\"'😀"),
    max_size=600,
)


@settings(max_examples=150, deadline=None)
@given(
    header=_text,
    texts=st.lists(_text, max_size=40),
    url=st.text(max_size=80),
    big=st.integers(min_value=0, max_value=20_000),
)
def test_rendered_messages_are_valid_telegram_html(
    header: str, texts: list[str], url: str, big: int
) -> None:
    items = [
        meeting_line(when=t[:20], title=t, place=t[:30], participants=[t], links=[(t, url)])
        for t in texts
    ]
    items += [
        statement_line(when="Mon 3 Jan", text=t * 3, direct=True, links=[(t, url)]) for t in texts
    ]
    items.append(esc("y" * big))
    for chunk in chunk_items(f"<b>{esc(header)}</b>", items, esc(header)):
        visible = parse_html(chunk)
        assert visible.strip()
        assert utf16_len(chunk) <= MAX_MESSAGE
