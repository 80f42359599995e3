"""Command-argument parsers: pure functions that return a value or None, and never raise.

They see raw user text (any length, any characters), so each one bounds its input first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from bot.pipeline.digest import MAX_TOPIC_CHARS, display_topic, normalize_topic
from bot.pipeline.language.gazetteer import canonical_org, country_of

MAX_ARG_CHARS = 1000
MAX_TOPICS_PER_COMMAND = 10
DEFAULT_DAYS = 14
MAX_DAYS = 90
_HHMM = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")
_OFFSET = re.compile(r"^(?:UTC|GMT)\s*([+-−])\s*(\d{1,2})(?::?00)?$", re.IGNORECASE)
_QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
_DEEP_LINK = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def parse_time(text: str) -> str | None:
    """ "7:30", "07:30", "19.05" -> "HH:MM"; anything else -> None."""
    match = _HHMM.match(text.strip()[:16])
    return f"{int(match[1]):02d}:{match[2]}" if match else None


@lru_cache(maxsize=1)
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


def parse_timezone(text: str) -> str | None:
    """An IANA name ("europe/berlin" too) or a whole-hour offset ("UTC+3" -> "Etc/GMT-3")."""
    value = text.strip()[:64]
    offset = _OFFSET.match(value)
    if offset:
        hours = int(offset[2])
        sign = -1 if offset[1] in "-−" else 1
        if hours == 0:
            return "UTC"
        if (sign > 0 and hours > 14) or (sign < 0 and hours > 12):
            return None
        # The Etc zones count the other way round: Etc/GMT-3 is three hours ahead of UTC.
        return f"Etc/GMT{'-' if sign > 0 else '+'}{hours}"
    name = _zones_by_folded_name().get(value.replace(" ", "_").casefold())
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ValueError, OSError):
        return None
    return name


def describe_timezone(name: str) -> str:
    """How a timezone reads back to the user: Etc/GMT-3 is shown as UTC+3."""
    match = re.fullmatch(r"Etc/GMT([+-])(\d+)", name)
    if match:
        return f"UTC{'-' if match[1] == '+' else '+'}{match[2]}"
    return name


def _known(phrase: str) -> bool:
    return bool(country_of(phrase) or canonical_org(phrase))


def _greedy(words: list[str]) -> list[str]:
    """Split words into topics: the longest gazetteer names first, runs of capitalised words
    kept together as one name ("Sergei Lavrov"), other words as keywords."""
    topics: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(5, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + size])
            if size == 1 or _known(phrase):
                break
        if size == 1 and words[i][:1].isupper() and not _known(words[i]):
            j = i + 1
            while j < len(words) and words[j][:1].isupper() and not _known(words[j]):
                j += 1
            size = j - i
        topics.append(" ".join(words[i : i + size]))
        i += size
    return topics


def parse_topics(text: str) -> list[str]:
    """Topics from /subscribe arguments: commas or quotes separate; else a best-effort split.

    Returns display names, without duplicates, at most MAX_TOPICS_PER_COMMAND of them.
    """
    text = text[:MAX_ARG_CHARS]
    groups = [a or b for a, b in _QUOTED.findall(text)]
    rest = _QUOTED.sub(",", text)
    for part in rest.split(","):
        words = part.split()
        # A comma-separated phrase stays whole unless it holds known names: "Russia NATO".
        split = _greedy(words)
        has_known = any(_known(piece) for piece in split)
        groups += split if has_known or len(rest.split(",")) == 1 else [" ".join(words)]
    seen: dict[str, str] = {}
    for group in groups:
        shown = display_topic(group)
        key = normalize_topic(group)
        if key and key not in seen and len(shown) <= MAX_TOPIC_CHARS:
            seen[key] = shown
    return list(seen.values())[:MAX_TOPICS_PER_COMMAND]


# The digest footer reads "/upcoming all meetings": "all" means no topic filter, not a topic.
EVERYTHING_WORDS = frozenset({"all", "everything", "*"})


@dataclass(frozen=True)
class UpcomingArgs:
    """/upcoming [TOPIC] [DAYS]."""

    topic: str | None
    days: int
    everything: bool = False  # "/upcoming all": every meeting, whatever the chat follows


def parse_upcoming(text: str) -> UpcomingArgs | None:
    """ "Russia 30" -> (Russia, 30); "" -> (None, 14); a DAYS outside 1..90 -> None."""
    words = text[:MAX_ARG_CHARS].split()
    days = DEFAULT_DAYS
    if words and words[-1].isdecimal() and words[-1].isascii():
        if len(words[-1]) > 3 or not 1 <= int(words[-1]) <= MAX_DAYS:
            return None
        days = int(words.pop())
    if len(words) == 1 and words[0].casefold() in EVERYTHING_WORDS:
        return UpcomingArgs(None, days, everything=True)
    topic = display_topic(" ".join(words)) if words else None
    return UpcomingArgs(topic or None, days)


def parse_deep_link(payload: str) -> str | None:
    """ "/start united_states" -> "United States" (deep links allow only [A-Za-z0-9_-])."""
    if not _DEEP_LINK.match(payload):
        return None
    return display_topic(payload.replace("_", " ").replace("-", " ")) or None


def parse_source_id(text: str) -> int | None:
    value = text.strip().lstrip("#")
    if not value.isdecimal() or not value.isascii() or len(value) > 9:
        return None
    return int(value)


_CHANNEL_LINK = re.compile(
    r"^(?:(?:https?://)?(?:t\.me|telegram\.me)/|@)?([A-Za-z][A-Za-z0-9_]{3,31})/?$", re.IGNORECASE
)
_CHAT_ID = re.compile(r"^-100\d{1,16}$")


def parse_channel_ref(text: str) -> str | int | None:
    """ "@name", "name", "t.me/name" -> "@name"; "-1001234567890" -> that id; else None."""
    value = text.strip()[:64]
    if _CHAT_ID.match(value):
        return int(value)
    match = _CHANNEL_LINK.match(value)
    return f"@{match[1]}" if match else None
