"""Word tables shipped as package data: one entry per line, tab-separated columns.

Rules read their vocabulary from `data/` files beside their package so that tuning a table is a
data change with no Python in the diff. Blank lines and lines starting with `#` (the header that
says what the columns are) are skipped; columns are stripped of surrounding spaces.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def rows(package: str, name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of `package`'s `data/<name>`, read once per process."""
    text = (files(package) / "data" / name).read_text(encoding="utf-8")
    return tuple(
        tuple(column.strip() for column in line.split("\t"))
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def words(package: str, name: str) -> frozenset[str]:
    """A one-column table as a set of words."""
    return frozenset(row[0] for row in rows(package, name))
