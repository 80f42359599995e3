"""`diplobot sources list|add|remove`, in-process, on a fresh SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.__main__ import main


@pytest.fixture
def db_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("FEEDS", "https://feeds.example.org/world.xml")
    return path


def test_add_list_remove(db_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", "add", "https://wire.example.com/rss"]) == 0
    assert "added: #" in capsys.readouterr().out
    assert main(["sources", "add", "https://wire.example.com/rss"]) == 0
    assert "already there" in capsys.readouterr().out

    assert main(["sources", "list"]) == 0
    out = capsys.readouterr().out
    header, *rows = out.strip().splitlines()
    for column in ("last poll", "new", "fails", "next poll", "url / last error"):
        assert column in header
    assert any(r.endswith("https://wire.example.com/rss") for r in rows)
    assert any(r.endswith("https://feeds.example.org/world.xml") for r in rows)  # from FEEDS

    assert main(["sources", "remove", "https://wire.example.com/rss"]) == 0
    assert "removed" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["sources", "remove", "https://wire.example.com/rss"])
    assert exc.value.code == 1
    assert "no source" in capsys.readouterr().err


@pytest.mark.parametrize("url", ["ftp://example.com/feed", "javascript:alert(1)", "nohost"])
def test_add_refuses_non_http(db_env: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["sources", "add", url])
    assert exc.value.code == 2
    assert "diplobot:" in capsys.readouterr().err


def test_operator_may_add_a_private_address(
    db_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sources", "add", "http://10.0.0.5/intranet.xml"]) == 0
    assert "added" in capsys.readouterr().out


def test_removing_a_configured_feed_disables_it(
    db_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deleting it would be undone by the next pass, which stores the FEEDS again."""
    assert main(["sources", "remove", "https://feeds.example.org/world.xml"]) == 0
    assert "disabled (it is listed in FEEDS)" in capsys.readouterr().out
    assert main(["sources", "list"]) == 0
    (row,) = [r for r in capsys.readouterr().out.splitlines() if r.endswith("world.xml")]
    assert " no " in row and "disabled" in row
    assert main(["sources", "add", "https://feeds.example.org/world.xml"]) == 0
    assert "already there (enabled)" in capsys.readouterr().out
