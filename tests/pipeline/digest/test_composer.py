from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.pipeline.digest.composer import compose, prominence, shorten
from bot.pipeline.types import Meeting, MeetingFact, Reading, Statement, StatementFact

NOW = datetime(2022, 1, 7, 7, 0, tzinfo=UTC)
SINCE = NOW - timedelta(hours=24)


def word_match(topics: Sequence[str], *, names: Iterable[str], text: str) -> bool:
    """A plain case-insensitive matcher, so these tests do not depend on the gazetteer."""
    haystack = " ".join([*names, text]).casefold()
    return any(topic.casefold() in haystack for topic in topics)


def said(
    speaker: str,
    text: str,
    *,
    outlet: str = "tass.com",
    role: str | None = None,
    kind: str = "indirect",
    hours_ago: float = 2,
    title: str = "",
    affiliation: str | None = None,
) -> StatementFact:
    when = NOW - timedelta(hours=hours_ago)
    statement = Statement(
        speaker=speaker,
        kind=kind,  # type: ignore[arg-type]
        text=text,
        evidence=text,
        role=role,
        affiliation=affiliation,
    )
    return StatementFact(
        statement=statement,
        article_id=hash((speaker, text, outlet)) % 10_000,
        url=f"https://{outlet}/news/{abs(hash(text)) % 1000}",
        outlet=outlet,
        published=when,
        seen=when,
        title=title,
    )


def meeting(title: str, start: date | None, end: date | None = None, **kw: Any) -> MeetingFact:
    m = Meeting(
        title=title, kind="talks", participants=(), evidence=title, start=start, end=end, **kw
    )  # type: ignore[arg-type]
    return MeetingFact(meeting=m, links=(("reuters.com", "https://reuters.com/x"),), sources=1)


def digest(statements=(), meetings=(), topics=(), timezone="UTC", now=NOW):  # type: ignore[no-untyped-def]
    return compose(
        statements=statements,
        meetings=meetings,
        topics=topics,
        timezone=timezone,
        now=now,
        since=now - timedelta(hours=24),
        reading=Reading(23, 7),
        match=word_match,
    )


def test_same_statement_from_several_outlets_appears_once_with_count() -> None:
    words = "Moscow expects written answers on security guarantees before any new round"
    facts = [
        said("Dmitry Peskov", words, outlet="tass.com"),
        said("Dmitry Peskov", words + " of talks", outlet="ria.ru"),
        said("Dmitry Peskov", words.lower(), outlet="reuters.com"),
        said("Dmitry Peskov", words, outlet="tass.com", hours_ago=3),
    ]
    d = digest(facts)
    assert len(d.speakers) == 1
    (line,) = d.speakers[0].lines
    assert line.more_sources == 2
    assert d.omitted_statements == 0


def test_statements_are_grouped_by_speaker_and_ranked_by_newsworthiness() -> None:
    facts = [
        said("Maria Zakharova", "the West is escalating", role="spokeswoman"),
        said("Joe Biden", "the United States stands with its allies", role="President"),
        said("Joe Biden", "sanctions would be severe and swift", role="President"),
        said(
            "Jens Stoltenberg",
            "allies are ready to meet without preconditions",
            role="NATO Secretary General",
            outlet="nato.int",
        ),
        said(
            "Jens Stoltenberg",
            "allies are ready to meet without preconditions",
            role="NATO Secretary General",
            outlet="dw.com",
        ),
    ]
    d = digest(facts)
    assert [g.speaker for g in d.speakers] == ["Jens Stoltenberg", "Joe Biden", "Maria Zakharova"]
    assert len(d.speakers[1].lines) == 2
    assert d.speakers[0].role == "NATO Secretary General"


def test_topics_filter_statements_and_speaker_match_outranks_text_match() -> None:
    facts = [
        said("Antony Blinken", "Russia must de-escalate on the border", role="Secretary of State"),
        said("Wang Yi", "China and ASEAN will deepen trade ties", role="Foreign Minister"),
        said(
            "Dmitry Peskov", "the talks need time", role="Kremlin spokesman", affiliation="Russia"
        ),
    ]
    d = digest(facts, topics=("Russia",))
    assert [g.speaker for g in d.speakers] == ["Dmitry Peskov", "Antony Blinken"]
    assert digest(facts, topics=("Nowhere",)).is_empty


def test_statements_outside_the_window_are_left_out() -> None:
    d = digest([said("Joe Biden", "old words", hours_ago=30), said("Joe Biden", "new words")])
    assert [line.text for line in d.speakers[0].lines] == ["new words"]


def test_quotes_are_shortened_at_a_word_boundary() -> None:
    text = "word " * 100
    short = shorten(text, 50)
    assert len(short) <= 50 and short.endswith("…")
    assert short[:-1].split() == ["word"] * len(short[:-1].split())
    assert shorten("short and sweet", 50) == "short and sweet"
    assert shorten("a" * 80, 20) == "a" * 19 + "…"


def test_prominence_table() -> None:
    assert prominence("President of France") == 3
    assert prominence("Foreign Minister") == 2
    assert prominence("Kremlin spokesman") == 1
    assert prominence(None) == 0
    assert prominence(None, "org") == 1


def test_meetings_soonest_first_undated_after_and_window_of_fourteen_days() -> None:
    facts = [
        meeting("NATO-Russia Council", date(2022, 1, 12)),
        meeting(
            "US-Russia strategic stability talks",
            date(2022, 1, 9),
            date(2022, 1, 10),
            place="Geneva",
        ),
        meeting("Blinken visit to Kyiv", None, date_text="January"),
        meeting("Too far away", date(2022, 2, 1)),
        meeting("Already over", date(2022, 1, 3), date(2022, 1, 4)),
        meeting("Ongoing summit", date(2022, 1, 6), date(2022, 1, 8)),
        meeting("Past status", date(2022, 1, 9), status="past"),
    ]
    d = digest(meetings=facts)
    assert [(m.when, m.title) for m in d.meetings] == [
        ("Thu 6 – Sat 8 Jan", "Ongoing summit"),
        ("Sun 9 – Mon 10 Jan", "US-Russia strategic stability talks"),
        ("Wed 12 Jan", "NATO-Russia Council"),
        ("January", "Blinken visit to Kyiv"),
    ]
    assert d.meetings[1].place == "Geneva"
    assert not d.meetings[-1].dated


def test_header_date_is_the_chats_local_day() -> None:
    late_utc = datetime(2022, 1, 7, 23, 30, tzinfo=UTC)
    assert digest(now=late_utc, timezone="Europe/Berlin").day == "Sat 8 Jan 2022"
    assert digest(now=late_utc, timezone="America/New_York").day == "Fri 7 Jan 2022"
    assert digest(now=late_utc, timezone="UTC").reading == Reading(23, 7)


def test_meeting_window_starts_on_the_local_day() -> None:
    # 01:00 UTC on the 9th is still the 8th in New York: a meeting on the 8th is upcoming there.
    now = datetime(2022, 1, 9, 1, 0, tzinfo=UTC)
    facts = [meeting("Evening call", date(2022, 1, 8))]
    assert digest(meetings=facts, now=now, timezone="America/New_York").meetings
    assert not digest(meetings=facts, now=now, timezone="Europe/Berlin").meetings


def test_empty_day() -> None:
    d = digest()
    assert d.is_empty and d.omitted_statements == 0


def test_header_day_across_dst_changes() -> None:
    cases = [
        # New York springs forward on Sun 13 Mar 2022 at 02:00 EST (07:00 UTC)
        (datetime(2022, 3, 13, 4, 59, tzinfo=UTC), "America/New_York", "Sat 12 Mar 2022"),
        (datetime(2022, 3, 13, 7, 30, tzinfo=UTC), "America/New_York", "Sun 13 Mar 2022"),
        # and falls back on Sun 6 Nov 2022: midnight is 04:00 UTC before, 05:00 UTC after
        (datetime(2022, 11, 7, 4, 30, tzinfo=UTC), "America/New_York", "Sun 6 Nov 2022"),
        # Berlin springs forward on Sun 27 Mar 2022: 22:30 UTC is already Monday (CEST)
        (datetime(2022, 3, 27, 22, 30, tzinfo=UTC), "Europe/Berlin", "Mon 28 Mar 2022"),
        (datetime(2022, 3, 26, 22, 30, tzinfo=UTC), "Europe/Berlin", "Sat 26 Mar 2022"),
    ]
    for now, zone, expected in cases:
        assert digest(now=now, timezone=zone).day == expected, (now, zone)
