from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.pipeline.digest.schedule import due_at, due_day


def run_clock(
    start: datetime, days: int, timezone: str, hhmm: str, started: datetime | None = None
) -> list[datetime]:
    """Tick every 5 minutes like the job, recording when a digest would be created."""
    sent: list[datetime] = []
    last: date | None = None
    now = start
    while now < start + timedelta(days=days):
        day = due_day(now, timezone, hhmm, last, started)
        if day is not None:
            sent.append(now)
            last = day
        now += timedelta(minutes=5)
    return sent


@pytest.mark.parametrize(
    ("timezone", "start", "expected_utc_hours"),
    [
        # spring forward on Sun 13 Mar 2022: 08:00 EST is 13:00 UTC, 08:00 EDT is 12:00 UTC
        ("America/New_York", datetime(2022, 3, 11, 6, 0, tzinfo=UTC), [13, 13, 12, 12]),
        # fall back on Sun 6 Nov 2022
        ("America/New_York", datetime(2022, 11, 4, 6, 0, tzinfo=UTC), [12, 12, 13, 13]),
        # Berlin springs forward on Sun 27 Mar 2022: 08:00 CET 07:00 UTC, CEST 06:00 UTC
        ("Europe/Berlin", datetime(2022, 3, 25, 0, 0, tzinfo=UTC), [7, 7, 6, 6]),
        ("Europe/Berlin", datetime(2022, 10, 28, 0, 0, tzinfo=UTC), [6, 6, 7, 7]),
    ],
)
def test_one_digest_per_local_day_at_local_time_across_dst(
    timezone: str, start: datetime, expected_utc_hours: list[int]
) -> None:
    sent = run_clock(start, 4, timezone, "08:00")
    assert [t.hour for t in sent] == expected_utc_hours
    assert all(t.minute == 0 for t in sent)
    assert len({t.date() for t in sent}) == 4


def test_nonexistent_and_ambiguous_wall_times() -> None:
    # 02:30 does not exist on 13 Mar 2022 in New York: it is sent at 03:30 EDT (07:30 UTC)
    assert due_at(date(2022, 3, 13), "02:30", "America/New_York") == datetime(
        2022, 3, 13, 7, 30, tzinfo=UTC
    )
    # 01:30 happens twice on 6 Nov 2022: the first one (EDT, 05:30 UTC)
    assert due_at(date(2022, 11, 6), "01:30", "America/New_York") == datetime(
        2022, 11, 6, 5, 30, tzinfo=UTC
    )
    sent = run_clock(datetime(2022, 3, 12, 6, 0, tzinfo=UTC), 3, "America/New_York", "02:30")
    assert len(sent) == 3


def test_after_downtime_one_late_digest_for_today_only() -> None:
    now = datetime(2022, 1, 7, 15, 0, tzinfo=UTC)
    assert due_day(now, "UTC", "08:00", date(2022, 1, 3)) == date(2022, 1, 7)
    assert due_day(now, "UTC", "08:00", date(2022, 1, 7)) is None
    assert due_day(now, "UTC", "16:00", date(2022, 1, 3)) is None


def test_local_day_differs_from_utc_day() -> None:
    now = datetime(2022, 1, 7, 23, 30, tzinfo=UTC)
    assert due_day(now, "Asia/Tokyo", "08:00", None) == date(2022, 1, 8)
    assert due_day(now, "Pacific/Honolulu", "08:00", None) == date(2022, 1, 7)
    assert due_day(now, "Mars/Base", "08:00", None) == date(2022, 1, 7)


def test_a_chat_started_after_todays_time_gets_its_first_digest_tomorrow() -> None:
    now = datetime(2022, 1, 7, 10, 1, tzinfo=UTC)
    started = datetime(2022, 1, 7, 10, 0, tzinfo=UTC)
    assert due_day(now, "UTC", "08:00", None, started) is None
    assert due_day(now, "UTC", "09:59", None, started) is None
    # started before today's time (or moved the time to later today): today's is due
    assert due_day(now, "UTC", "10:01", None, started) == date(2022, 1, 7)
    assert due_day(now, "UTC", "08:00", None, started - timedelta(hours=3)) == date(2022, 1, 7)
    assert due_day(now + timedelta(hours=22), "UTC", "08:00", None, started) == date(2022, 1, 8)
    # after downtime a chat that existed at its time still gets one late digest
    assert due_day(now, "UTC", "08:00", date(2022, 1, 5), started - timedelta(days=3)) == (
        date(2022, 1, 7)
    )


def test_a_chat_started_on_a_dst_day_counts_local_days() -> None:
    # Started at 09:00 EDT on spring-forward Sunday 13 Mar 2022, digest at 08:00 New York time:
    # the first one is Monday 08:00 EDT (12:00 UTC), then one a day.
    started = datetime(2022, 3, 13, 13, 0, tzinfo=UTC)
    sent = run_clock(started, 3, "America/New_York", "08:00", started)
    assert sent == [
        datetime(2022, 3, 14, 12, 0, tzinfo=UTC),
        datetime(2022, 3, 15, 12, 0, tzinfo=UTC),
        datetime(2022, 3, 16, 12, 0, tzinfo=UTC),
    ]
    # Started in Tokyo at 07:00 local (22:00 UTC the day before): that morning's digest is due.
    tokyo = datetime(2022, 1, 6, 22, 0, tzinfo=UTC)
    assert run_clock(tokyo, 1, "Asia/Tokyo", "08:00", tokyo) == [
        datetime(2022, 1, 6, 23, 0, tzinfo=UTC)
    ]
