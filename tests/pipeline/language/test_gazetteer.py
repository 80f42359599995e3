"""The gazetteer resolves names, aliases and demonyms, and keeps capitals apart from countries."""

from __future__ import annotations

import pytest

from bot.pipeline.language.gazetteer import (
    CAPITALS,
    COUNTRIES,
    ORGANISATIONS,
    aliases_of,
    canonical_org,
    capital_country,
    country_of,
    institution_of,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Russian", "Russia"),
        ("russians", "Russia"),
        ("U.S.", "United States"),
        ("American", "United States"),
        ("Ukraine's", "Ukraine"),
        ("Ukraine’s", "Ukraine"),
        ("Britain", "United Kingdom"),
        ("Chinese", "China"),
        ("Kosovo", "Kosovo"),
        ("Taiwanese", "Taiwan"),
        ("Palestinian", "Palestine"),
    ],
)
def test_country_of_resolves_aliases_and_demonyms(word: str, expected: str) -> None:
    assert country_of(word) == expected


@pytest.mark.parametrize("word", ["Washington", "Moscow", "Kyiv", "us", "minister", ""])
def test_country_of_rejects_capitals_and_common_words(word: str) -> None:
    assert country_of(word) is None


def test_capitals_are_places_of_their_country() -> None:
    assert CAPITALS["Washington"] == "United States"
    assert capital_country("Kiev") == "Ukraine"
    assert all(city not in COUNTRIES for city in CAPITALS if city != "Singapore")


def test_all_un_members_and_observers_present() -> None:
    assert len(COUNTRIES) >= 197
    for name in ("Taiwan", "Kosovo", "Palestine", "Vatican", "South Sudan", "Tuvalu"):
        assert name in COUNTRIES


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("NATO", "NATO"),
        ("the North Atlantic Alliance", "NATO"),
        ("U.N.", "United Nations"),
        ("European Union", "European Union"),
        ("International Atomic Energy Agency", "IAEA"),
        ("WHO", "WHO"),
    ],
)
def test_canonical_org(name: str, expected: str) -> None:
    assert canonical_org(name) == expected


def test_lower_case_who_is_not_an_organisation() -> None:
    assert canonical_org("who") is None


def test_institution_metonyms() -> None:
    assert institution_of("the Kremlin") == "Russia"
    assert institution_of("White House") == "United States"
    assert institution_of("Downing Street") == "United Kingdom"
    assert institution_of("Sergei Lavrov") is None


def test_aliases_of_lists_canonical_first() -> None:
    assert aliases_of("Russia")[0] == "Russia"
    assert "Russian" in aliases_of("Russia")
    assert "EU" in aliases_of("European Union")
    assert aliases_of("Atlantis") == ()
    assert "NATO" in ORGANISATIONS
