from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.pipeline.digest.model import Digest, DigestLine, DigestMeeting, SpeakerGroup
from bot.pipeline.types import Reading
from handlers.digest_render import render_digest
from handlers.render import MAX_MESSAGE, utf16_len
from tests.fakebot import parse_html

HOSTILE = '<script>alert("x")</script> & <b>unbalanced <i>tags'


def line(
    text: str, *, kind: str = "indirect", more: int = 0, url: str = "https://tass.com/1"
) -> DigestLine:
    return DigestLine(text=text, kind=kind, outlet="tass.com", url=url, more_sources=more)  # type: ignore[arg-type]


def group(name: str, *lines: DigestLine, role: str | None = "Foreign Minister") -> SpeakerGroup:
    return SpeakerGroup(speaker=name, role=role, affiliation="Russia", lines=lines)


def digest(speakers=(), meetings=(), topics=("Russia", "NATO"), omitted=0) -> Digest:  # type: ignore[no-untyped-def]
    return Digest(
        day="Fri 7 Jan 2022",
        topics=topics,
        reading=Reading(23, 7),
        speakers=tuple(speakers),
        meetings=tuple(meetings),
        omitted_statements=omitted,
    )


def test_layout_of_a_small_digest() -> None:
    d = digest(
        [
            group(
                "Sergei Lavrov",
                line("answers are needed in weeks", kind="direct", more=2),
                line("NATO must stop expanding"),
            )
        ],
        [
            DigestMeeting(
                when="Sun 9 – Mon 10 Jan",
                title="US–Russia talks",
                place="Geneva",
                sources=3,
                outlet="reuters.com",
                url="https://reuters.com/a",
            )
        ],
    )
    (message,) = render_digest(d)
    text = parse_html(message)
    assert text.startswith(
        "Diplomacy digest · Fri 7 Jan 2022\nRussia, NATO · 23 articles from 7 sources"
    )
    assert (
        "Who said what\n• Sergei Lavrov (Foreign Minister, Russia): "
        "“answers are needed in weeks” [tass.com] +2" in text
    )
    assert "   ◦ NATO must stop expanding [tass.com]" in text
    assert "Upcoming\n• Sun 9 – Mon 10 Jan · Geneva · US–Russia talks [reuters.com] +2" in text
    assert text.rstrip().endswith("/topics")
    assert '<a href="https://tass.com/1">tass.com</a>' in message


def test_hostile_text_is_escaped_everywhere() -> None:
    d = digest(
        [
            group(
                HOSTILE, line(HOSTILE, kind="direct", url='https://x.org/"><script>'), role=HOSTILE
            )
        ],
        [DigestMeeting(when="Wed 12 Jan", title=HOSTILE, place=HOSTILE)],
        topics=(HOSTILE,),
    )
    for message in render_digest(d):
        visible = parse_html(message)  # raises on anything Telegram would refuse
        assert "<script>" in visible  # shown as text, not markup
    assert "<script>" not in "".join(render_digest(d))
    assert 'href="https://x.org/' not in "".join(render_digest(d))


@pytest.mark.parametrize("speakers", [40, 200])
def test_long_digests_split_between_items(speakers: int) -> None:
    groups = [
        group(f"Speaker {i}", line("word " * 40 + str(i)), line("more " * 30))
        for i in range(speakers)
    ]
    messages = render_digest(digest(groups))
    assert len(messages) > 1
    joined = "\n".join(parse_html(m) for m in messages)
    for i in range(speakers):
        assert joined.count(f"• Speaker {i} (") == 1
    for message in messages:
        assert utf16_len(message) <= MAX_MESSAGE
        assert (
            parse_html(message)
            .lstrip()
            .startswith(("Diplomacy digest", "•", "Who said", "Upcoming", "/upcoming", "+"))
        )


def test_empty_day_is_one_short_line() -> None:
    (message,) = render_digest(digest(topics=("Moldova",)))
    assert parse_html(message) == (
        "Diplomacy digest · Fri 7 Jan 2022\nNothing new on Moldova since your last digest.\n"
        "/upcoming · /topics"
    )
    assert "Nothing new in diplomacy since your last digest." in render_digest(digest(topics=()))[0]


def test_an_empty_first_digest_does_not_mention_a_last_digest() -> None:
    first = replace(digest(topics=("Moldova",)), first=True)
    (message,) = render_digest(first)
    assert "Nothing new on Moldova in the last 24 hours." in parse_html(message)
    (everything,) = render_digest(replace(digest(topics=()), first=True))
    assert "Nothing new in diplomacy in the last 24 hours." in parse_html(everything)
    assert "last digest" not in message + everything


def test_omitted_statements_point_to_who() -> None:
    (message,) = render_digest(digest([group("A B", line("x"))], omitted=4))
    assert "+4 more statements: /who NAME" in parse_html(message)


def test_affiliation_already_in_the_role_is_not_repeated() -> None:
    nato = SpeakerGroup("Jens Stoltenberg", "NATO Secretary General", "NATO", (line("x"),))
    (message,) = render_digest(digest([nato]))
    assert "• Jens Stoltenberg (NATO Secretary General): x" in parse_html(message)


def test_audience_follows_the_speaker_with_its_preposition() -> None:
    # The extractor stores the bare audience, as written after the verb.
    to_press = DigestLine(
        "diplomacy is the path",
        "direct",
        "state.gov",
        "https://state.gov/1",
        audience="reporters",
    )
    later = DigestLine(
        "talks continue",
        "indirect",
        "state.gov",
        "https://state.gov/2",
        audience="a news conference in Oslo",
    )
    kept = DigestLine("x", "indirect", "state.gov", "https://state.gov/3", audience="in Geneva")
    blank = DigestLine("y", "indirect", "state.gov", "https://state.gov/4", audience="  ")
    blinken = SpeakerGroup(
        "Antony Blinken", "US Secretary of State", None, (to_press, later, kept, blank)
    )
    text = parse_html(render_digest(digest([blinken]))[0])
    assert (
        "• Antony Blinken (US Secretary of State), to reporters: "
        "“diplomacy is the path” [state.gov]" in text
    )
    assert "   ◦ at a news conference in Oslo: talks continue [state.gov]" in text
    assert "   ◦ in Geneva: x [state.gov]" in text
    assert "   ◦ y [state.gov]" in text


texts = st.text(min_size=1, max_size=300)
lines = st.builds(
    DigestLine,
    text=texts,
    kind=st.sampled_from(["direct", "indirect"]),
    outlet=texts,
    url=st.one_of(texts, st.just("https://tass.com/a?b=1&c=<2>")),
    more_sources=st.integers(0, 9),
    audience=st.one_of(st.none(), texts),
)
groups = st.builds(
    SpeakerGroup,
    speaker=texts,
    role=st.one_of(st.none(), texts),
    affiliation=st.one_of(st.none(), texts),
    lines=st.lists(lines, min_size=1, max_size=3).map(tuple),
)
meetings = st.builds(DigestMeeting, when=texts, title=texts, place=st.one_of(st.none(), texts))


@settings(max_examples=60, deadline=None)
@given(
    speakers=st.lists(groups, max_size=25),
    upcoming=st.lists(meetings, max_size=12),
    topics=st.lists(texts, max_size=3),
)
def test_any_digest_renders_to_valid_telegram_html(
    speakers: list[SpeakerGroup], upcoming: list[DigestMeeting], topics: list[str]
) -> None:
    for message in render_digest(digest(speakers, upcoming, topics=tuple(topics))):
        assert utf16_len(message) <= MAX_MESSAGE
        assert parse_html(message).strip()
