"""Command-argument parsers: the documented forms parse, everything else gives None, none raise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.parsing import (
    UpcomingArgs,
    describe_timezone,
    parse_channel_ref,
    parse_deep_link,
    parse_source_id,
    parse_time,
    parse_timezone,
    parse_topics,
    parse_upcoming,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07:30", "07:30"),
        ("7:05", "07:05"),
        ("23:59", "23:59"),
        ("19.05", "19:05"),
        ("25:99", None),
        ("24:00", None),
        ("7", None),
        ("", None),
        ("07:30 pm", None),
    ],
)
def test_parse_time(text: str, expected: str | None) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("America/New York", "America/New_York"),
        ("UTC+3", "Etc/GMT-3"),
        ("utc-5", "Etc/GMT+5"),
        ("GMT+0", "UTC"),
        ("UTC", "UTC"),
        ("Mars/Base", None),
        ("UTC+15", None),
        ("../../etc/passwd", None),
        ("", None),
    ],
)
def test_parse_timezone(text: str, expected: str | None) -> None:
    assert parse_timezone(text) == expected


def test_offsets_read_back_the_way_users_write_them() -> None:
    assert describe_timezone("Etc/GMT-3") == "UTC+3"
    assert describe_timezone("Etc/GMT+5") == "UTC-5"
    assert describe_timezone("Europe/Berlin") == "Europe/Berlin"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia NATO", ["Russia", "NATO"]),
        ("Sergei Lavrov, sanctions", ["Sergei Lavrov", "sanctions"]),
        ("United States Iran", ["United States", "Iran"]),
        ('"Jens Stoltenberg" Geneva', ["Jens Stoltenberg", "Geneva"]),
        ("Russia russian RUSSIA", ["Russia"]),
        ("sanctions ceasefire", ["sanctions", "ceasefire"]),
        ("", []),
        (", , ,", []),
    ],
)
def test_parse_topics(text: str, expected: list[str]) -> None:
    assert parse_topics(text) == expected


def test_parse_topics_is_bounded() -> None:
    assert len(parse_topics(", ".join(f"topic{i}" for i in range(100)))) == 10
    assert all(len(t) <= 64 for t in parse_topics("x" * 100_000))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", UpcomingArgs(None, 14)),
        ("30", UpcomingArgs(None, 30)),
        ("Russia", UpcomingArgs("Russia", 14)),
        ("russian 7", UpcomingArgs("Russia", 7)),
        ("all", UpcomingArgs(None, 14, everything=True)),
        ("Everything 30", UpcomingArgs(None, 30, everything=True)),
        ("all of it", UpcomingArgs("all of it", 14)),
        ("0", None),
        ("91", None),
        ("Russia 100000", None),
    ],
)
def test_parse_upcoming(text: str, expected: UpcomingArgs | None) -> None:
    assert parse_upcoming(text) == expected


def test_deep_links_and_ids() -> None:
    assert parse_deep_link("united_states") == "United States"
    assert parse_deep_link("russia") == "Russia"
    assert parse_deep_link("<b>") is None
    assert parse_source_id("#12") == 12
    assert parse_source_id("١٢") is None  # Arabic-Indic digits are decimal but not ASCII
    assert parse_source_id("1e3") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@foreign_desk", "@foreign_desk"),
        ("foreign_desk", "@foreign_desk"),
        (" https://t.me/Foreign_Desk/ ", "@Foreign_Desk"),
        ("telegram.me/desk_2022", "@desk_2022"),
        ("-1009876543210", -1009876543210),
        ("-12345", None),  # a basic group's id, never a channel's
        ("@abc", None),  # usernames have at least 5 characters
        ("@1desk", None),
        ("t.me/+InviteHash", None),
        ("@desk; DROP", None),
    ],
)
def test_parse_channel_ref(text: str, expected: str | int | None) -> None:
    assert parse_channel_ref(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_parsers_never_raise(text: str) -> None:
    parse_time(text)
    parse_timezone(text)
    parse_upcoming(text)
    parse_deep_link(text)
    parse_source_id(text)
    parse_channel_ref(text)
    assert all(0 < len(t) <= 64 for t in parse_topics(text))
