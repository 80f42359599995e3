"""The pipeline tests take the spaCy model from the session fixture `nlp` (tests/conftest.py)."""
