"""The word tables shipped as package data: declared for the wheel, well formed, read once."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

from bot.pipeline.language.tables import rows

ROOT = Path(__file__).resolve().parents[3]
DATA_FILES = sorted((ROOT / "bot" / "pipeline").glob("*/data/*"))
TWO_COLUMNS = {"capitals.tsv", "institutions.tsv", "cue_nouns.tsv", "cue_verbs.tsv"}


def _package_of(path: Path) -> str:
    return ".".join(path.parent.parent.relative_to(ROOT).parts)


def test_there_are_data_files() -> None:
    assert len(DATA_FILES) >= 4


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_data_file_is_declared_as_package_data(path: Path) -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]
    globs = declared.get(_package_of(path), [])
    assert any(fnmatch(f"data/{path.name}", pattern) for pattern in globs)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_rows_have_no_empty_column_and_pairs_have_two(path: Path) -> None:
    table = rows(_package_of(path), path.name)
    assert table
    assert all(all(column for column in row) for row in table)
    if path.name in TWO_COLUMNS:
        assert {len(row) for row in table} == {2}
    if path.suffix == ".txt":
        assert {len(row) for row in table} == {1}


def test_a_table_is_read_once() -> None:
    first = rows("bot.pipeline.language", "countries.tsv")
    assert rows("bot.pipeline.language", "countries.tsv") is first
