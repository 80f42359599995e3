"""The same meeting reported twice is recognised and merged; different meetings are not."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bot.pipeline.meetings.merge import meeting_key, merge, participant_key, same_meeting
from bot.pipeline.types import Meeting

GENEVA = Meeting(
    title="US–Russia talks",
    kind="talks",
    participants=("United States", "Russia", "Wendy Sherman"),
    evidence="US and Russian officials will meet in Geneva on January 9-10.",
    place="Geneva",
    start=date(2022, 1, 9),
    end=date(2022, 1, 10),
    date_text="January 9-10",
)
UNDATED = Meeting(
    title="Sherman–Ryabkov talks",
    kind="talks",
    participants=("Sherman", "Sergei Ryabkov", "Russian"),
    evidence="Sherman and Ryabkov are preparing for talks in January.",
    date_text="in January",
)


def test_key_is_order_and_alias_insensitive() -> None:
    shuffled = replace(GENEVA, participants=("Russian", "Sherman", "US"), title="other")
    assert meeting_key(shuffled) == meeting_key(GENEVA)
    assert meeting_key(GENEVA) == "talks|russia,sherman,united states|geneva|2022-01-09|2022-01-10"


def test_participants_match_by_surname_and_canonical_country() -> None:
    assert participant_key("Wendy Sherman") == participant_key("Sherman") == "sherman"
    assert participant_key("Russian") == participant_key("Russia") == "russia"


def test_undated_announcement_merges_with_later_dated_report() -> None:
    assert same_meeting(UNDATED, GENEVA, a_published=date(2022, 1, 3), b_published=date(2022, 1, 7))
    merged = merge(UNDATED, GENEVA)
    assert (merged.start, merged.end, merged.place) == (GENEVA.start, GENEVA.end, "Geneva")
    assert merged.evidence == GENEVA.evidence
    assert set(merged.participants) >= {
        "United States",
        "Russia",
        "Wendy Sherman",
        "Sergei Ryabkov",
    }
    assert len(merged.participants) == 4  # "Sherman" and "Russian" were already there


def test_dated_report_does_not_merge_with_an_announcement_from_after_it() -> None:
    assert not same_meeting(
        UNDATED, GENEVA, a_published=date(2022, 1, 12), b_published=date(2022, 1, 7)
    )


def test_different_dates_places_kinds_or_people_are_different_meetings() -> None:
    assert not same_meeting(GENEVA, replace(GENEVA, start=date(2022, 1, 12), end=None))
    assert not same_meeting(GENEVA, replace(GENEVA, place="Vienna"))
    assert not same_meeting(GENEVA, replace(GENEVA, kind="summit"))
    assert not same_meeting(GENEVA, replace(GENEVA, participants=("France", "Germany")))


def test_undated_reports_merge_only_within_the_window() -> None:
    other = replace(UNDATED, evidence="Talks are expected soon.")
    jan3, jan5, jan20 = date(2022, 1, 3), date(2022, 1, 5), date(2022, 1, 20)
    assert same_meeting(UNDATED, other, a_published=jan3, b_published=jan5)
    assert not same_meeting(UNDATED, other, a_published=jan3, b_published=jan20)
    assert same_meeting(UNDATED, other, undated_window_days=30, a_published=jan3, b_published=jan20)


def test_place_is_kept_from_whichever_report_gives_it() -> None:
    dated_without_place = replace(GENEVA, place=None)
    undated_with_place = replace(UNDATED, place="Geneva")
    assert merge(dated_without_place, undated_with_place).place == "Geneva"


names = st.sampled_from(["Russia", "Russian", "US", "Sherman", "Wendy Sherman", "NATO", "Lavrov"])


@given(st.lists(names, min_size=1, max_size=4), st.lists(names, min_size=1, max_size=4))
def test_same_meeting_is_symmetric_and_merge_keeps_everyone(a: list[str], b: list[str]) -> None:
    left = replace(UNDATED, participants=tuple(a))
    right = replace(GENEVA, participants=tuple(b))
    assert same_meeting(left, right) == same_meeting(right, left)
    merged = {participant_key(p) for p in merge(left, right).participants}
    assert merged == {participant_key(p) for p in (*a, *b)}


def test_a_week_only_report_merges_with_a_day_in_that_week_and_the_day_wins() -> None:
    week = replace(
        GENEVA,
        start=date(2022, 1, 3),
        end=date(2022, 1, 9),
        date_text="next week",
        precision="week",
    )
    assert same_meeting(week, GENEVA)  # the 9th lies in that week
    merged = merge(week, GENEVA)
    assert (merged.start, merged.end, merged.precision) == (GENEVA.start, GENEVA.end, "day")
    later = replace(GENEVA, start=date(2022, 1, 17), end=date(2022, 1, 18))
    assert not same_meeting(week, later)
