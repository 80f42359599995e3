"""Collecting news: the guarded HTTP client, feeds, article pages and the relevance pre-filter.

Knows neither spaCy nor the extractors: feeds and pages in, `CollectedItem`s out.
"""
