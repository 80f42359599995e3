"""What a collection pass did; both halves of the pass (collection, extraction) add to it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class CollectSummary:
    """What a pass did; printed by `diplobot collect` and kept in the CollectionRun row."""

    sources_polled: int = 0
    not_modified: int = 0
    failed: int = 0
    new_articles: int = 0
    relevant: int = 0
    extracted: int = 0
    statements: int = 0
    meetings: int = 0
    errors: list[str] = field(default_factory=list)
    disabled: list[str] = field(default_factory=list)
    skipped: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
