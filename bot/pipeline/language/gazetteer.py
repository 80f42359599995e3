"""Countries, organisations, capitals and institution metonyms: the names the pipeline resolves.

The tables are package data (`data/countries.tsv`, `organisations.tsv`, `capitals.tsv`,
`institutions.tsv`: one entry per line, tab-separated), read on the first lookup, so adding an
alias is a one-line data change. Capitals are places, never country aliases: "Washington" is a
city (and a metonym for the US government only where the institution table says so).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from bot.pipeline.language.tables import rows

_V = TypeVar("_V")
_PACKAGE = "bot.pipeline.language"


def _parse(name: str) -> dict[str, tuple[str, ...]]:
    """Turn `canonical, alias, ...` rows into a canonical -> aliases dict (repeated names merge)."""
    result: dict[str, tuple[str, ...]] = {}
    for canonical, *aliases in rows(_PACKAGE, name):
        result[canonical] = result.get(canonical, ()) + tuple(aliases)
    return result


def _pairs(name: str) -> dict[str, str]:
    """Turn `key, value` rows into a dict."""
    return {key: value for key, value in rows(_PACKAGE, name)}


class _Loaded(Mapping[str, _V]):
    """A read-only table that reads its data file on first access."""

    def __init__(self, load: Callable[[], Mapping[str, _V]]) -> None:
        self._load = load

    def __getitem__(self, key: str) -> _V:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


def _norm(word: str) -> str:
    """Case-, article- and possessive-insensitive lookup key."""
    key = word.strip().casefold().replace("’", "'")
    for suffix in ("'s", "'"):
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            key = key[: -len(suffix)]
            break
    if key.startswith("the "):
        key = key[4:]
    return key


def _index(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Every surface form (and the canonical name) -> canonical name."""
    index: dict[str, str] = {}
    for canonical, aliases in table.items():
        for form in (canonical, *aliases):
            index.setdefault(_norm(form), canonical)
    return index


@dataclass(frozen=True)
class _Tables:
    """The four tables and their lookup indexes, built together once."""

    countries: dict[str, tuple[str, ...]]
    organisations: dict[str, tuple[str, ...]]
    capitals: dict[str, str]
    institutions: dict[str, str]
    country_index: dict[str, str]
    org_index: dict[str, str]
    capital_index: dict[str, str]
    institution_index: dict[str, str]


@cache
def _tables() -> _Tables:
    """Read the data files and index every surface form (on the first lookup only)."""
    countries, organisations = _parse("countries.tsv"), _parse("organisations.tsv")
    capitals, institutions = _pairs("capitals.tsv"), _pairs("institutions.tsv")
    return _Tables(
        countries=countries,
        organisations=organisations,
        capitals=capitals,
        institutions=institutions,
        country_index=_index(countries),
        org_index=_index(organisations),
        capital_index={_norm(k): v for k, v in capitals.items()},
        institution_index={_norm(k): v for k, v in institutions.items()},
    )


COUNTRIES: Mapping[str, tuple[str, ...]] = _Loaded(lambda: _tables().countries)
ORGANISATIONS: Mapping[str, tuple[str, ...]] = _Loaded(lambda: _tables().organisations)
CAPITALS: Mapping[str, str] = _Loaded(lambda: _tables().capitals)
INSTITUTIONS: Mapping[str, str] = _Loaded(lambda: _tables().institutions)

# Short all-caps acronyms that collide with English words must match case-sensitively.
_CASE_SENSITIVE = frozenset({"us", "pa", "car", "who", "au", "ec", "kiwi", "quad"})


def _lookup(index: dict[str, str], word: str) -> str | None:
    """Look `word` up, refusing lower-case hits on acronyms that are also common words."""
    key = _norm(word)
    if key in _CASE_SENSITIVE and not word.strip().replace(".", "").isupper():
        return None
    return index.get(key)


def country_of(word: str) -> str | None:
    """Canonical country for a country name, alias or demonym ("Russian" -> "Russia")."""
    return _lookup(_tables().country_index, word)


def aliases_of(canonical: str) -> tuple[str, ...]:
    """All surface forms of a country or organisation, the canonical name first."""
    tables = _tables()
    aliases = tables.countries.get(canonical, tables.organisations.get(canonical))
    return () if aliases is None else (canonical, *aliases)


def canonical_org(name: str) -> str | None:
    """Canonical name of an international organisation ("North Atlantic Alliance" -> "NATO")."""
    return _lookup(_tables().org_index, name)


def institution_of(name: str) -> str | None:
    """Country or organisation an institution metonym speaks for ("the Kremlin" -> "Russia")."""
    return _tables().institution_index.get(_norm(name))


def capital_country(name: str) -> str | None:
    """Country whose capital (or seat of government) `name` is ("Kyiv" -> "Ukraine")."""
    return _tables().capital_index.get(_norm(name))
