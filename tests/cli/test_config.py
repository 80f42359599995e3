"""Settings: each invalid value is reported on one line naming it; CSV lists parse as documented."""

from __future__ import annotations

import shutil
from datetime import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import DEFAULT_FEEDS, Settings, describe_error
from tests.cli.conftest import REPO

INVALID = [
    ("FEEDS", "https://ok.example/rss, ftp://files.example/feed.xml", "ftp://files.example"),
    ("ADMIN_IDS", "12345, alice", "ADMIN_IDS"),
    ("COLLECT_INTERVAL_MINUTES", "0", "greater than or equal to 1"),
    ("COLLECT_INTERVAL_MINUTES", "often", "integer"),
    ("DEFAULT_DIGEST_TIME", "25:99", "HH:MM"),
    ("DEFAULT_TIMEZONE", "Mars/Base", "Mars/Base"),
    ("LOG_LEVEL", "verbose", "DEBUG, INFO"),
    ("WEBHOOK_PORT", "70000", "65535"),
    ("TELEGRAM_MAX_RATE", "0", "greater than 0"),
    ("TELEGRAM_CHAT_RATE", "-1", "greater than 0"),
    ("ALLOW_PRIVATE_SOURCES", "maybe", "bool"),
]


def settings_error(monkeypatch: pytest.MonkeyPatch, **env: str) -> str:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as caught:
        Settings()
    return describe_error(caught.value)


@pytest.mark.parametrize(("name", "value", "hint"), INVALID)
def test_each_invalid_setting_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, hint: str
) -> None:
    message = settings_error(monkeypatch, **{name: value})
    assert "\n" not in message
    assert message.startswith(f"invalid setting {name}: ")
    assert hint.lower() in message.lower()


def test_two_invalid_settings_give_two_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    message = settings_error(monkeypatch, LOG_LEVEL="loud", DEFAULT_TIMEZONE="Nowhere/City")
    lines = message.splitlines()
    assert len(lines) == 2
    assert {line.split(":")[0] for line in lines} == {
        "invalid setting LOG_LEVEL",
        "invalid setting DEFAULT_TIMEZONE",
    }


def test_feeds_csv_is_split_and_trimmed_and_empty_items_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FEEDS", " https://a.example/rss ,https://b.example/atom.xml,, ")
    assert Settings().feeds == ["https://a.example/rss", "https://b.example/atom.xml"]


def test_feeds_default_to_the_built_in_list() -> None:
    assert Settings().feeds == list(DEFAULT_FEEDS)
    assert all(url.startswith("https://") for url in DEFAULT_FEEDS)


@pytest.mark.parametrize(
    ("raw", "parsed"), [("1,2 , 3", [1, 2, 3]), ("987654321", [987654321]), ("", [])]
)
def test_admin_ids_csv(monkeypatch: pytest.MonkeyPatch, raw: str, parsed: list[int]) -> None:
    monkeypatch.setenv("ADMIN_IDS", raw)
    assert Settings().admin_ids == parsed


def test_values_are_normalised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEFAULT_DIGEST_TIME", " 7:05 ")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = Settings()
    assert settings.default_digest_time == "07:05"
    assert settings.digest_time == time(7, 5)
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(("raw", "token"), [("", None), ("   ", None), (" 1:abc ", "1:abc")])
def test_blank_token_counts_as_unset(
    monkeypatch: pytest.MonkeyPatch, raw: str, token: str | None
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", raw)
    assert Settings().token == token


def test_token_is_hidden_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "424242:SECRETsecretSECRETsecret")
    settings = Settings()
    assert "SECRETsecret" not in repr(settings)
    assert "SECRETsecret" not in str(settings.model_dump())


def test_env_file_in_working_directory_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("ADMIN_IDS=5,6\nDEFAULT_TIMEZONE=Europe/Berlin\n")
    settings = Settings()
    assert settings.admin_ids == [5, 6]
    assert settings.default_timezone == "Europe/Berlin"


def test_environment_wins_over_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("LOG_LEVEL=ERROR\n")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    assert Settings().log_level == "WARNING"


def test_env_example_copied_as_is_is_valid(tmp_path: Path) -> None:
    """An operator's first step (`cp .env.example .env`) must not fail on the blank values."""
    shutil.copy(REPO / ".env.example", tmp_path / ".env")
    settings = Settings()
    assert settings.token is None
    assert settings.admin_ids == []
    assert not settings.webhook_url
