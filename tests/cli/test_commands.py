"""The `diplobot` command line as an operator meets it: help, a missing token, bad settings, db."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import Session

from bot.__main__ import SUBCOMMAND_MODULES, build_parser, main
from bot.cli.run import NO_TOKEN
from storage.engine import make_engine
from storage.models import Chat
from tests.cli.conftest import run_cli


def test_top_level_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: diplobot")
    names = {path[0] for path in _leaf_commands()}
    assert len(names) >= len(SUBCOMMAND_MODULES)
    for name in names:
        assert f"    {name} " in out


def _leaf_commands() -> list[list[str]]:
    """Every runnable command path, nested ones (`db upgrade`) included."""
    paths: list[list[str]] = []

    def walk(parser: object, prefix: list[str]) -> None:
        actions = getattr(parser, "_subparsers", None)
        if actions is None:
            paths.append(prefix)
            return
        for action in actions._group_actions:
            for name, child in action.choices.items():
                walk(child, [*prefix, name])

    walk(build_parser(), [])
    return paths


@pytest.mark.parametrize("command", _leaf_commands(), ids=" ".join)
def test_each_subcommand_help_works(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([*command, "--help"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: diplobot {' '.join(command)}")


def test_help_as_a_subprocess(tmp_path: Path) -> None:
    result = run_cli("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "usage: diplobot" in result.stdout


def test_unknown_subcommand_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("fly", cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_run_without_token_exits_2_with_the_botfather_hint(tmp_path: Path) -> None:
    result = run_cli("run", cwd=tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}")
    assert result.returncode == 2
    assert result.stderr.strip() == f"diplobot: {NO_TOKEN}"
    assert "@BotFather" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "bot.db").exists()  # nothing touched before the token check


def test_invalid_setting_exits_2_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    result = run_cli("db", "upgrade", cwd=tmp_path, DEFAULT_DIGEST_TIME="25:99")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "diplobot: invalid setting DEFAULT_DIGEST_TIME: use HH:MM, for example 08:00"
    ]


def _add_chat(url: str, chat_id: int) -> None:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            session.add(Chat(id=chat_id))
            session.commit()
    finally:
        engine.dispose()


def _schema(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()


def test_db_upgrade_twice_on_a_fresh_sqlite_file_is_a_no_op(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    url = f"sqlite:///{db}"
    first = run_cli("db", "upgrade", cwd=tmp_path, DATABASE_URL=url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("database is at revision ")
    schema = _schema(db)
    assert any(name == "alembic_version" for name, _sql in schema)
    _add_chat(url, 4242)
    second = run_cli("db", "upgrade", cwd=tmp_path, DATABASE_URL=url)
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    assert _schema(db) == schema
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id FROM chats").fetchall() == [(4242,)]
