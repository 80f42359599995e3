"""/upcoming, /who and /calendar answered from stored news, with pagination and bad input."""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar

from handlers.news_cmds import USAGE_UPCOMING, USAGE_WHO
from tests.e2e import seed
from tests.fakebot import parse_html
from tests.fakebot.fixtures import USER_ID, RunningBot


async def test_upcoming_lists_meetings_soonest_first_with_sources(bot: RunningBot) -> None:
    seed.january_talks(bot.services.engine)
    answer = await bot.ask(USER_ID, "/upcoming")
    lines = answer.text.split("\n")
    assert lines[0] == "Upcoming meetings · Fri 7 – Fri 21 Jan 2022"
    assert lines[1] == (
        "• Sun 9 – Mon 10 Jan · Geneva · US–Russia strategic stability talks "
        "(Wendy Sherman, Sergei Ryabkov) [wire.example] +2"
    )
    assert lines[2].startswith("• Wed 12 Jan · Brussels · NATO–Russia Council")
    assert len(lines) == 5  # the February trade fair is outside the 14 days
    assert '<a href="https://wire.example/world/' in answer.html
    assert answer.link_preview_disabled
    assert answer.buttons() == []


async def test_upcoming_follows_topics_or_the_given_one(bot: RunningBot) -> None:
    seed.january_talks(bot.services.engine)
    await bot.ask(USER_ID, "/subscribe OSCE")
    mine = await bot.ask(USER_ID, "/upcoming")
    assert mine.text.split("\n")[0] == "Upcoming meetings · Fri 7 – Fri 21 Jan 2022 · OSCE"
    assert [line[:20] for line in mine.text.split("\n")[1:]] == ["• Thu 13 Jan · Vienn"]
    russian = await bot.ask(USER_ID, "/upcoming russian")
    assert "NATO–Russia Council" in russian.text and "OSCE" not in russian.text
    later = await bot.ask(USER_ID, "/upcoming 60")
    assert "Vienna" in later.text and "Lyon" not in later.text  # still only OSCE
    everything = await bot.ask(USER_ID, "/upcoming Lyon 60")
    assert "Trade fair opening" in everything.text
    none = await bot.ask(USER_ID, "/upcoming Chile")
    assert none.text == "No upcoming meetings for Chile in the next 14 days."
    # The digest footer says "/upcoming all meetings": "all" lifts the topic filter.
    every = await bot.ask(USER_ID, "/upcoming all 60")
    assert every.text.split("\n")[0] == "Upcoming meetings · Fri 7 Jan – Tue 8 Mar 2022"
    assert "Geneva" in every.text and "Trade fair opening" in every.text


async def test_upcoming_bad_input(bot: RunningBot) -> None:
    for text in ("/upcoming 0", "/upcoming Russia 365", "/upcoming 99999999999999"):
        assert (await bot.ask(USER_ID, text)).text == USAGE_UPCOMING


async def test_upcoming_pages_with_previous_and_next(bot: RunningBot) -> None:
    article = seed.article(bot.services.engine, 1)
    for day in range(20):
        seed.meeting(
            bot.services.engine,
            f"Round {day + 1} of consultations",
            date(2022, 1, 8) + timedelta(days=day % 12),
            place="Vienna",
            articles=(article,),
        )
    first = await bot.ask(USER_ID, "/upcoming 30")
    assert first.text.count("• ") == 8
    assert [label for label, _ in first.buttons()] == ["Next ›"]
    await bot.fake.press_button(USER_ID, first.message_id, first.button_data("Next"))
    await bot.fake.wait_for_edit(first, 0)
    assert first.text.count("• ") == 8
    assert [label for label, _ in first.buttons()] == ["‹ Previous", "Next ›"]
    await bot.fake.press_button(USER_ID, first.message_id, first.button_data("Next"))
    await bot.fake.wait_for_edit(first, 1)
    assert first.text.count("• ") == 4
    assert [label for label, _ in first.buttons()] == ["‹ Previous"]
    await bot.fake.press_button(USER_ID, first.message_id, first.button_data("Previous"))
    await bot.fake.wait_for_edit(first, 2)
    assert first.text.count("• ") == 8
    # a forged page token is refused with an alert, the message stays
    query = await bot.fake.press_button(USER_ID, first.message_id, "up:999:0", check=False)
    assert (await bot.fake.wait_for_answer(query))["show_alert"]


async def test_who_shows_recent_statements(bot: RunningBot) -> None:
    seed.january_talks(bot.services.engine)
    answer = await bot.ask(USER_ID, "/who Lavrov")
    lines = answer.text.split("\n")
    assert lines[0] == "Sergei Lavrov (Russian Foreign Minister) · last 7 days"
    assert lines[1] == (
        "• Thu 6 Jan, to reporters: “We expect answers in weeks, not months” [wire.example]"
    )
    assert lines[2].startswith("• Thu 6 Jan: the guarantees must be legally binding")
    # the same words carried by a second outlet are one line with "+1"
    copy = seed.article(bot.services.engine, 9, days_ago=0.5, host="other.example")
    seed.statement(
        bot.services.engine, copy, "Sergei Lavrov", "We expect answers in weeks, not months"
    )
    again = await bot.ask(USER_ID, "/who Sergei Lavrov")
    assert again.text.split("\n")[1:] == [
        "• Thu 6 Jan: “We expect answers in weeks, not months” [other.example] +1",
        "• Thu 6 Jan: the guarantees must be legally binding [agency.example]",
    ]
    escaped = await bot.ask(USER_ID, "/who jens stoltenberg")
    assert "“Allies are ready to listen <and> to talk”" in escaped.text
    assert "&lt;and&gt;" in escaped.html


async def test_who_bad_input_and_nobody(bot: RunningBot) -> None:
    assert (await bot.ask(USER_ID, "/who")).text == USAGE_WHO
    nobody = await bot.ask(USER_ID, "/who <b>Nobody</b>")
    assert nobody.text == "No statements by <b>Nobody</b> in the last 7 days."


async def test_calendar_file_has_stable_uids(bot: RunningBot) -> None:
    assert "No dated upcoming" in (await bot.ask(USER_ID, "/calendar")).text
    seed.january_talks(bot.services.engine)
    first = await bot.ask(USER_ID, "/calendar")
    second = await bot.ask(USER_ID, "/calendar")
    assert first.document is not None and second.document is not None
    assert first.text.startswith("5 upcoming meetings. Open the file")
    assert first.document.filename.endswith(".ics")
    events = Calendar.from_ical(first.document.content).walk("VEVENT")
    titles = {str(e["SUMMARY"]): e for e in events}
    geneva = titles["US–Russia strategic stability talks"]
    assert geneva.decoded("DTSTART") == date(2022, 1, 9)
    assert geneva.decoded("DTEND") == date(2022, 1, 11)
    assert str(geneva["LOCATION"]) == "Geneva"
    assert "Trade fair opening" in titles  # within the calendar's 90 days
    uids = sorted(str(e["UID"]) for e in events)
    again = sorted(
        str(e["UID"]) for e in Calendar.from_ical(second.document.content).walk("VEVENT")
    )
    assert uids == again and len(set(uids)) == len(uids)
    assert parse_html(first.html) == first.text


async def test_week_and_month_only_meetings_are_never_shown_as_a_day(bot: RunningBot) -> None:
    """ "next week" is the week of 10 Jan in /upcoming and an all-week calendar event; "later
    this month" is "later in January" and stays out of the calendar."""
    a1 = seed.article(bot.services.engine, 1)
    week = (date(2022, 1, 10), date(2022, 1, 16))
    seed.meeting(bot.services.engine, "EU–China talks", *week, precision="week", articles=(a1,))
    seed.meeting(
        bot.services.engine,
        "Nordic summit",
        date(2022, 1, 7),
        date(2022, 1, 31),
        precision="month",
        articles=(a1,),
    )
    upcoming = (await bot.ask(USER_ID, "/upcoming")).text
    assert "week of 10 Jan · EU–China talks" in upcoming
    assert "later in January · Nordic summit" in upcoming
    lines = upcoming.splitlines()[1:]  # the header names the asked range, the lines no day
    assert not any(day in line for line in lines for day in ("Mon 10", "Fri 7"))
    answer = await bot.ask(USER_ID, "/calendar")
    assert answer.document is not None
    events = {
        str(e["SUMMARY"]): e for e in Calendar.from_ical(answer.document.content).walk("VEVENT")
    }
    assert set(events) == {"EU–China talks"}
    assert events["EU–China talks"].decoded("DTSTART") == date(2022, 1, 10)
    assert events["EU–China talks"].decoded("DTEND") == date(2022, 1, 17)
