"""What both extractors read: the gazetteer, names, titles and roles, noun phrases, word tables.

A library of modules rather than one entry point: `gazetteer` (countries, demonyms, capitals,
organisations, institution metonyms), `patterns` (reporting verbs, titles, outlets), `names`,
`roles`, `phrases` and `entities` (readers of the spaCy parse). Only the gazetteer's lookups are
named here, because importing this package must not load spaCy (`collect` and `digest` use it).
"""

from bot.pipeline.language.gazetteer import (
    aliases_of,
    canonical_org,
    capital_country,
    country_of,
    institution_of,
)

__all__ = ["aliases_of", "canonical_org", "capital_country", "country_of", "institution_of"]
