"""When is a chat's digest due? Wall-clock time in the chat's zone, safe across DST changes.

The due instant is the digest time on the chat's current local day. On a spring-forward day a time
that does not exist (02:30 in New York) resolves with the offset before the change, i.e. it falls
one hour later on the clock (03:30), never skipped; on a fall-back day an ambiguous time is the
first of the two. A chat is due at most once per local day, and only for today: after downtime it
gets one late digest for today, never a backlog of missed days.

A chat that started after today's digest time gets its first digest at that time tomorrow: the
welcome promises a daily time, and /digest covers "now". A chat that started earlier in the day
(or moved its time to later today) gets today's.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str) -> tzinfo:
    """The chat's zone, or UTC for a name this system does not know (never crash a pass)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def parse_hhmm(value: str) -> time:
    """ "08:00" -> 08:00; anything unreadable falls back to 08:00 rather than failing the pass."""
    try:
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        return time(8, 0)


def due_at(day: date, digest_time: str, timezone: str) -> datetime:
    """The UTC instant of `digest_time` on local `day` (fold=0: see the module docstring)."""
    wall = datetime.combine(day, parse_hhmm(digest_time), tzinfo=zone(timezone))
    return wall.astimezone(UTC)


def due_day(
    now: datetime,
    timezone: str,
    digest_time: str,
    last_day: date | None,
    started: datetime | None = None,
) -> date | None:
    """The local day whose digest is due at `now`; None: not yet, done, or started after it."""
    today = now.astimezone(zone(timezone)).date()
    if last_day is not None and last_day >= today:
        return None
    due = due_at(today, digest_time, timezone)
    if started is not None and started > due:
        return None
    return today if now >= due else None
