"""Main-text extraction on our own pages: the story kept, the chrome and guessed dates left out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.pipeline.collect.pages import MIN_WORDS, Page, extract_page

PAGES = Path(__file__).parents[2] / "fixtures" / "pages"


def page(name: str, url: str = "") -> Page:
    result = extract_page((PAGES / name).read_bytes(), url)
    assert result is not None, name
    return result


def test_story_paragraphs_are_kept_and_separated_by_blank_lines() -> None:
    result = page("wire_geneva.html")
    paragraphs = result.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("GENEVA, March 14 (Example Wire)")
    assert paragraphs[1].startswith('"Both delegations have confirmed')
    assert paragraphs[3].endswith("had already exchanged maps.")


def test_navigation_asides_and_footer_are_dropped() -> None:
    text = page("wire_geneva.html").text
    for chrome in ("Subscribe", "Most read", "Markets rally", "Copyright", "Privacy"):
        assert chrome not in text


def test_title_from_metadata_without_site_suffix_and_not_repeated_in_text() -> None:
    result = page("wire_geneva.html")
    assert result.title == "Envoys agree to resume border talks in Geneva"
    assert not result.text.startswith(result.title)


def test_published_date_from_open_graph_metadata() -> None:
    assert page("wire_geneva.html").published == date(2024, 3, 14)


def test_published_date_from_json_ld_not_from_the_url() -> None:
    # The URL says the 20th; the page's own metadata says the 21st, and it wins.
    result = page("jsonld_curly.html", "https://balkan.example/2023/09/20/dialogue")
    assert result.published == date(2023, 9, 21)
    assert result.url == "https://balkan.example/2023/09/20/dialogue"
    assert result.sitename == "Balkan Desk"


def test_no_metadata_date_means_none_even_with_dates_in_text_and_url() -> None:
    result = page("undated_statement.html", "https://ministry.example/2021/01/05/statement")
    assert "12 February 2024" in result.text
    assert result.published is None


def test_declared_charset_decoded_and_curly_quotes_kept() -> None:
    text = page("jsonld_curly.html").text
    assert "Serbia\u2019s foreign minister" in text
    assert "\u201cmust continue whatever happens in the north\u201d" in text


def test_headline_h1_differing_only_in_punctuation_is_not_a_paragraph() -> None:
    first = page("jsonld_curly.html").text.split("\n\n")[0]
    assert first.startswith("BELGRADE")


def test_line_breaks_inside_a_paragraph_separate_paragraphs() -> None:
    paragraphs = page("jsonld_curly.html").text.split("\n\n")
    assert paragraphs[1].startswith("Speaking after a meeting")


def test_blockquote_paragraphs_and_list_items_stay_apart() -> None:
    lead = " ".join(["The envoy outlined the plan in a long statement to the press."] * 2)
    html = (
        f"<html><body><article><p>{lead}</p>"
        "<blockquote><p>We will not accept a frozen conflict on our borders.</p>"
        "<p>Nor will we accept new preconditions.</p></blockquote>"
        "<ul><li>a ceasefire along the current line</li><li>an exchange of prisoners</li></ul>"
        "</article></body></html>"
    )
    result = extract_page(html)
    assert result is not None
    assert result.text.split("\n\n")[1:] == [
        "We will not accept a frozen conflict on our borders.",
        "Nor will we accept new preconditions.",
        "a ceasefire along the current line",
        "an exchange of prisoners",
    ]


@pytest.mark.parametrize(
    "junk",
    [
        "",
        b"",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "plain prose without any markup is not a web page, whatever its length " * 3,
        "<<<>>>" * 500,
        "<html><body><p>" + "word " * (MIN_WORDS - 2) + "</p></body></html>",
        "<html><head><title>x</title></head><body></body></html>",
        "<html><body><p>unterminated <b><i>tags <div></span></html>",
    ],
)
def test_junk_gives_none_not_an_exception(junk: str | bytes) -> None:
    assert extract_page(junk) is None


def test_menu_only_page_is_not_an_article() -> None:
    assert extract_page((PAGES / "junk_menu.html").read_text()) is None
