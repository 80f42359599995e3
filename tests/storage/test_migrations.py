"""Models and migrations agree, and upgrading is idempotent, on both databases."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from storage.migrate import alembic_config, current_revision, schema_diff, upgrade


def test_models_match_migrations(engine: Engine) -> None:
    assert schema_diff(engine) == []


def test_upgrade_twice_is_a_noop(engine: Engine, db_url: str) -> None:
    before = sorted(inspect(engine).get_table_names())
    upgrade(db_url)
    assert sorted(inspect(engine).get_table_names()) == before
    assert current_revision(engine) is not None
    assert {"chats", "subscriptions", "sources", "articles", "statements", "meetings"} <= set(
        before
    )


def test_the_migrations_have_one_head() -> None:
    """Two engineers' revisions on the same parent are two heads: `upgrade head` would fail."""
    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    assert len(heads) == 1, heads
