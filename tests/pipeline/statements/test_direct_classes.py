"""Classes of direct quotation found on real news (PolNeAR train), each on a fixture of our own.

Every test names the class it holds and fails without the rule that handles it. The articles are
read the way `diplobot preview` reads a text file: the first line is the title.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.pipeline.extractor import Extractor
from tests.pipeline.statements.articles import gold, statements


@pytest.fixture(scope="module")
def extractor(nlp: Language) -> Extractor:
    return Extractor(nlp)


def direct(extractor: Extractor, name: str) -> list[tuple[str, str, str]]:
    """Only the direct quotations: reported speech and acts are held by the other tests."""
    return statements(extractor, name, "direct")


def direct_gold(name: str) -> list[tuple[str, str, str]]:
    return gold(name, "direct")


def test_attribution_in_a_sentence_of_its_own_after_the_closing_mark(
    extractor: Extractor,
) -> None:
    # '"...?" X said of them.', '"...." X told reporters.', '"...!" X said as he left': the
    # quote ends its sentence, so the parser puts the attribution in the next one
    assert direct(extractor, "st_q01") == direct_gold("st_q01")


def test_verbs_that_only_introduce_quoted_words(extractor: Extractor) -> None:
    # "shot back", "went on", "boomed:", "sighed": no reported clause, but a quotation's cue
    assert direct(extractor, "st_q02") == direct_gold("st_q02")


def test_split_quotes_resumed_in_lower_case_or_across_a_quoted_title(
    extractor: Extractor,
) -> None:
    # '"...," X said, "to ..."': the second part is a fragment that finishes the sentence;
    # '"...," X said on the programme "Title". "..."': the title between the parts is no quote
    # of its own, so the second part still continues the first
    assert direct(extractor, "st_q03") == direct_gold("st_q03")


def test_quoted_words_the_parser_makes_the_subject_do_not_hide_the_speaker(
    extractor: Extractor,
) -> None:
    # '"Look at Dorvik. Or Selm," Halas said': the parser gives "said" two subjects, the
    # quote's last word and the name after it; the name outside the quote speaks, and the
    # sentence after the attribution continues the quote
    assert direct(extractor, "st_q04") == direct_gold("st_q04")


def test_a_name_right_after_an_inverted_cue_speaks_whatever_the_parse(
    extractor: Extractor,
) -> None:
    # '"...," said Robin Maynard, half joking.': the parser makes the name the subject of
    # "joking", leaving "said" without one; the name right after the verb is the speaker
    assert direct(extractor, "st_q05") == direct_gold("st_q05")
