"""Fixtures for the application-layer tests: the real extractor, one per test session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.pipeline.extractor import Extractor


@pytest.fixture(scope="session")
def extractor(nlp: Language) -> Extractor:
    """spaCy takes seconds to load: every collection test shares one extractor (and its model
    with the other tests)."""
    return Extractor(nlp)
