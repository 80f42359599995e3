"""The shipped city table is exactly what the pinned GeoNames package gives, and reads right."""

from __future__ import annotations

from bot.pipeline.language.cities import TABLE, city_country, from_geonames
from bot.pipeline.language.tables import rows


def test_the_table_is_generated_from_the_installed_geonames() -> None:
    """After a version bump: python -m bot.pipeline.language.cities."""
    shipped = {row[0]: row[1] for row in rows("bot.pipeline.language", TABLE.name)}
    assert shipped == from_geonames()


def test_cities_of_any_country_and_not_countries_or_lower_case_words() -> None:
    assert city_country("Sochi") == "Russia"
    assert city_country("Busan") == "South Korea"
    assert city_country("Antalya") in {"Turkey", "Türkiye"}
    assert city_country("Mexico") is None  # a country is not its own city
    assert city_country("sochi") is None  # only a word written as a name
    assert city_country("Tuesday") is None
