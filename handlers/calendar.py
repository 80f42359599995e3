"""An .ics file of upcoming meetings; UIDs come from the stored meeting id, so re-imports update."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from storage.news import MeetingView

PRODID = "-//diplobot//upcoming meetings//EN"
UID_DOMAIN = "diplobot"


def meeting_uid(meeting: MeetingView) -> str:
    return f"meeting-{meeting.id}@{UID_DOMAIN}"


def build_calendar(meetings: Sequence[MeetingView], *, stamp: datetime) -> bytes:
    """All-day events for dated meetings; a week-only one spans its week, a month-only or undated
    one cannot be placed in a calendar (a month-long event would read as a month of talks)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Diplomacy: upcoming meetings")
    for meeting in meetings:
        if meeting.start is None or meeting.precision == "month":
            continue
        event = Event()
        event.add("uid", meeting_uid(meeting))
        event.add("dtstamp", stamp)
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.start)
        event.add("dtend", (meeting.end or meeting.start) + timedelta(days=1))
        if meeting.place:
            event.add("location", meeting.place)
        lines = []
        if meeting.participants:
            lines.append("Participants: " + ", ".join(meeting.participants))
        lines.extend(meeting.links)
        if lines:
            event.add("description", "\n".join(lines))
        if meeting.links:
            event.add("url", meeting.links[0])
        calendar.add_component(event)
    return calendar.to_ical()
