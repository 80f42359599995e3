"""The quote scanner: wire conventions handled, stray marks and apostrophes never fatal."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.pipeline.statements.quotes import find_quotes, paragraphs


def quoted(text: str) -> list[list[str]]:
    return [[text[a:b] for a, b in q.segments] for q in find_quotes(text)]


def test_straight_curly_and_guillemet_quotes() -> None:
    text = '"One," he said. “Two,” she said. «Three», they said.'
    assert quoted(text) == [["One,"], ["Two,"], ["Three"]]


def test_quote_continues_only_into_a_paragraph_opening_with_a_mark() -> None:
    text = '"First part.\n\n"Second part."\n\nA "stray mark.\n\nNo quote here.'
    assert quoted(text) == [["First part.", "Second part."]]


def test_apostrophes_and_plural_possessives_are_not_quotes() -> None:
    text = "The Democrats’ leader said Russia's demands don't help. The allies' plans stand."
    assert quoted(text) == []


def test_single_quotes_when_clearly_paired() -> None:
    assert quoted("Johnson called it 'painful and bloody' on Monday.") == [["painful and bloody"]]


def test_typewriter_double_apostrophes_are_quotes() -> None:
    assert quoted("''We are ready,'' he said.") == [["'We are ready,"]]


def test_paragraphs_skip_blank_lines() -> None:
    text = "Title\n\n  First paragraph.\nSecond.\n"
    assert [text[a:b] for a, b in paragraphs(text)] == ["Title", "First paragraph.", "Second."]


@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"“”'’‘«»:")), max_size=200))
def test_any_text_yields_well_formed_spans(text: str) -> None:
    for quote in find_quotes(text):
        for start, end in quote.segments:
            assert 0 <= start <= end <= len(text)
