"""Sentence shapes of real published news (issue 12), each on a fixture article of our own.

The articles are read the way `diplobot preview` reads a text file: the first line is the title,
even when a scraper's first line is the lede itself.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.pipeline.extractor import Extractor
from bot.pipeline.types import shown_words
from tests.pipeline.statements.articles import gold, statements


@pytest.fixture(scope="module")
def extractor(nlp: Language) -> Extractor:
    return Extractor(nlp)


def test_a_lede_on_the_first_line_is_body_and_she_added_continues_the_speaker(
    extractor: Extractor,
) -> None:
    # the first line is a whole attributed sentence, not a headline; "she added" after a
    # sentence whose subject is another named person is still the secretary general
    assert statements(extractor, "st_n01") == gold("st_n01")


def test_page_furniture_and_a_short_dateline_before_an_alliance_speaking(
    extractor: Extractor,
) -> None:
    # "date 2024-02-12 BRUSSELS -- NATO said ...": furniture and place are no speaker, and
    # NATO speaks although its name also heads titles ("NATO Secretary General")
    assert statements(extractor, "st_n02") == gold("st_n02")


def test_quotes_run_across_paragraphs_close_with_two_singles_and_count_as_direct(
    extractor: Extractor,
) -> None:
    # a quote continued into a paragraph that only closes it; a quote closed by two curly
    # single marks; reported speech quoting four words or more of the speaker's is direct;
    # "<clause>, her ministry said" is the ministry of the minister she refers to
    assert statements(extractor, "st_n03") == gold("st_n03")


def test_a_deputy_description_is_never_the_minister_and_a_quoted_verb_stays_inside(
    extractor: Extractor,
) -> None:
    # "the Slovak deputy foreign minister wrote" is the deputy, not the Foreign Minister named
    # last; 'he would "meet X and stress Y"' keeps the second verb inside his words
    assert statements(extractor, "st_n04") == gold("st_n04")


def test_shown_words_wrap_a_whole_quotation_but_not_one_that_quotes_inside() -> None:
    assert shown_words("We are ready", True) == "“We are ready”"
    assert shown_words('he would "meet the regional governors"', True) == (
        'he would "meet the regional governors"'
    )
    assert shown_words("the talks were useful", False) == "the talks were useful"


def test_speech_acts_without_a_clause_are_statements(extractor: Extractor) -> None:
    # congratulated / welcomed / voiced support / pressed ... to / accused (in a relative
    # clause) / described X as: positions taken, with the verb's own phrase as the content;
    # "according to a ministry readout" is the reporter's source, not part of the act
    assert statements(extractor, "st_n05") == gold("st_n05")


def test_an_act_inside_or_beside_a_reported_clause_is_not_a_second_statement(
    extractor: Extractor,
) -> None:
    found = statements(extractor, "st_n06")
    assert found == gold("st_n06")


def test_the_statement_and_the_bloc_speak_for_the_body_that_issued_it(
    extractor: Extractor,
) -> None:
    # '"...," reads the statement' is whoever the article said issued it; "said the bloc" is
    # the international body named before (a regional community the gazetteer knows)
    assert statements(extractor, "st_n07") == gold("st_n07")


def test_a_quoted_paragraph_after_an_attributed_quote_continues_the_statement(
    extractor: Extractor,
) -> None:
    # '"...," X told reporters.' then a paragraph that is only a quotation: X goes on, and the
    # two are one statement (a new paragraph with its own attribution would be a new one)
    assert statements(extractor, "st_n08") == gold("st_n08")
