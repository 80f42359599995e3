"""Topic normalisation and matching: countries with demonyms, organisations, people, keywords."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.pipeline.digest.topics import (
    display_topic,
    matches,
    normalize_topic,
    topic_hits,
    topic_terms,
)


@pytest.mark.parametrize(
    ("typed", "key", "shown"),
    [
        ("Russia", "russia", "Russia"),
        ("russian", "russia", "Russia"),
        ("  #Russia!  ", "russia", "Russia"),
        ("North Atlantic Alliance", "nato", "NATO"),
        ("Lavrov", "lavrov", "Lavrov"),
        ("sanctions", "sanctions", "sanctions"),
        ("Sergei\u200b  Lavrov", "sergei lavrov", "Sergei Lavrov"),
        ("\u202e<b>", "b", "b"),
    ],
)
def test_normalize_and_display(typed: str, key: str, shown: str) -> None:
    assert normalize_topic(typed) == key
    assert display_topic(typed) == shown


def test_country_terms_include_demonyms() -> None:
    assert {"russia", "russian", "russians"} <= topic_terms("Russia")
    assert topic_terms("russian") == topic_terms("Russia")


@pytest.mark.parametrize(
    ("topic", "names", "text", "expected"),
    [
        ("Russia", ["Russian Foreign Ministry"], "", True),
        ("Russian", [], "Talks with Russia's envoy", True),
        ("Russia", [], "Belarusian officials met", False),
        ("Russia", [], "Moscow said on Friday", False),  # capitals are places, not countries
        ("Lavrov", ["Sergei Lavrov"], "", True),
        ("NATO", [], "the North Atlantic Alliance met", True),
        ("nato", [], "NATO allies", True),
        ("Geneva", ["Geneva"], "", True),
        ("sanction", [], "new sanctions on exports", True),
        ("sanctions", [], "sanctioned", False),
        ("US", [], "he told us nothing", False),
        ("US", [], "US envoy arrives", True),
        ("United States", [], "the U.S. delegation", True),
        ("Iran", [], "Iranian nuclear talks", True),
        ("Iran", [], "Iraq talks", False),
    ],
)
def test_topic_hits(topic: str, names: list[str], text: str, expected: bool) -> None:
    assert topic_hits(topic, names=names, text=text) is expected


def test_no_topics_means_everything() -> None:
    assert matches([], names=[], text="anything at all")
    assert not matches(["Chile"], names=["Sergei Lavrov"], text="Talks in Geneva")
    assert matches(["Chile", "Geneva"], names=[], text="Talks in Geneva")


@given(st.text(max_size=300), st.lists(st.text(max_size=50), max_size=4), st.text(max_size=300))
def test_matching_never_raises(topic: str, names: list[str], text: str) -> None:
    assert isinstance(normalize_topic(topic), str)
    assert len(normalize_topic(topic)) <= 64
    assert isinstance(matches([topic], names=names, text=text), bool)
