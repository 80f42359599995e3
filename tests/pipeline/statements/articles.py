"""Fixture articles read the way `diplobot preview` reads a text file, for the statement tests.

The first line is the title, even when a scraper's first line is the lede itself; the gold is the
JSON file next to the text.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bot.pipeline.extractor import Extractor
from bot.pipeline.types import Article

ARTICLES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


def statements(
    extractor: Extractor, name: str, kind: str | None = None
) -> list[tuple[str, str, str]]:
    """(speaker, kind, text) of a fixture article, only those of `kind` when it is given."""
    title, _, body = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8").strip().partition("\n")
    published = json.loads((ARTICLES / f"{name}.json").read_text(encoding="utf-8"))["published"]
    when = datetime.fromisoformat(published).replace(tzinfo=UTC)
    found = extractor.extract(Article(title, body.strip(), when)).statements
    return [(s.speaker, s.kind, s.text) for s in found if kind in (None, s.kind)]


def gold(name: str, kind: str | None = None) -> list[tuple[str, str, str]]:
    items = json.loads((ARTICLES / f"{name}.json").read_text(encoding="utf-8"))["statements"]
    return [(g["speaker"], g["kind"], g["text"]) for g in items if kind in (None, g["kind"])]
