"""Commands that read the news: /upcoming (paginated), /who and /calendar."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.ext import ContextTypes

from bot.pipeline.dates import format_when
from bot.pipeline.digest import matches
from bot.services import Services
from handlers import chat_ops
from handlers.calendar import build_calendar
from handlers.common import args_text, known_chat, local_now, reply
from handlers.keyboards import page_keyboard
from handlers.parsing import parse_upcoming
from handlers.render import (
    bold,
    chunk_items,
    count,
    esc,
    meeting_line,
    outlet_of,
    statement_line,
)
from handlers.services import get_services
from storage.models import Chat
from storage.news import MeetingView, StatementView, statements_by, upcoming_meetings

USAGE_UPCOMING = "Use /upcoming [TOPIC] [DAYS], for example /upcoming Russia 30 (DAYS up to 90)."
USAGE_WHO = "Whose statements? For example /who Lavrov or /who Kremlin."
PAGE_ITEMS = 8
PAGE_LIMIT = 3900
WHO_DAYS = 7
WHO_ITEMS = 12
WHO_FETCH = 60
CALENDAR_DAYS = 90
UNDATED_DAYS = 14
QUERIES_KEY = "upcoming_queries"
MAX_QUERIES = 20
_tokens = itertools.count(1)


async def matching_meetings(
    services: Services, chat: Chat, topics: Sequence[str], days: int
) -> list[MeetingView]:
    """Meetings in the chat's next `days` days that match its topics (all when none)."""
    now = local_now(services, chat.timezone)
    found = await services.db(
        upcoming_meetings,
        start=now.date(),
        end=now.date() + timedelta(days=days),
        undated_since=services.clock() - timedelta(days=UNDATED_DAYS),
    )
    return [
        m
        for m in found
        if matches(topics, names=[*m.participants, *([m.place] if m.place else [])], text=m.title)
    ]


def _line(meeting: MeetingView) -> str:
    return meeting_line(
        when=format_when(
            meeting.start, meeting.end, meeting.date_text, precision=meeting.precision
        ),
        title=meeting.title,
        place=meeting.place,
        participants=meeting.participants,
        links=[(outlet_of(url), url) for url in meeting.links],
        sources=meeting.sources,
    )


def upcoming_pages(header: str, meetings: Sequence[MeetingView]) -> list[str]:
    """Pages of at most PAGE_ITEMS meetings, each page one message within the limit."""
    lines = [_line(m) for m in meetings]
    pages: list[str] = []
    for start in range(0, len(lines), PAGE_ITEMS):
        pages.extend(chunk_items(header, lines[start : start + PAGE_ITEMS], limit=PAGE_LIMIT))
    return pages


def _header(topics: Sequence[str], first: date, last: date) -> str:
    """ "Upcoming meetings · Fri 7 – Fri 21 Jan 2022", then the topics (if any) on the same line."""
    header = f"{bold('Upcoming meetings')} · {esc(format_when(first, last, with_year=True))}"
    return header + (f" · {esc(', '.join(topics))}" if topics else "")


def _remember(context: ContextTypes.DEFAULT_TYPE, pages: list[str]) -> str:
    """Keep the pages in chat_data under a short token the Previous/Next buttons carry."""
    store = context.chat_data.setdefault(QUERIES_KEY, {}) if context.chat_data is not None else {}
    token = str(next(_tokens))
    store[token] = pages
    for old in list(store)[:-MAX_QUERIES]:
        del store[old]
    return token


def page_view(
    context: ContextTypes.DEFAULT_TYPE, token: str, page: int
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """The text and buttons of one remembered page; None when it has expired."""
    store = (context.chat_data or {}).get(QUERIES_KEY, {})
    pages = store.get(token)
    if not pages or not 0 <= page < len(pages):
        return None
    return pages[page], page_keyboard(token, page, len(pages))


async def upcoming(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/upcoming [TOPIC] [DAYS]: meetings in the next DAYS days for my topics, soonest first."""
    parsed = parse_upcoming(args_text(update))
    if parsed is None:
        await reply(update, context, USAGE_UPCOMING)
        return
    services = get_services(context)
    chat = await known_chat(update, services)
    if parsed.topic or parsed.everything:
        topics = [parsed.topic] if parsed.topic else []
    else:
        view = await services.db(chat_ops.chat_view, chat_id=chat.id)
        topics = view.topics if view else []
    meetings = await matching_meetings(services, chat, topics, parsed.days)
    if not meetings:
        scope = f" for {bold(', '.join(topics))}" if topics else ""
        await reply(update, context, f"No upcoming meetings{scope} in the next {parsed.days} days.")
        return
    today = local_now(services, chat.timezone).date()
    header = _header(topics, today, today + timedelta(days=parsed.days))
    pages = upcoming_pages(header, meetings)
    token = _remember(context, pages)
    await reply(update, context, pages[0], page_keyboard(token, 0, len(pages)))


def _speaker_header(found: Sequence[StatementView]) -> str:
    names = list(dict.fromkeys(s.speaker for s in found))
    if len(names) > 1:
        return f"{bold(names[0])} and others · last {WHO_DAYS} days"
    role = next((s.role for s in found if s.role), None)
    suffix = f" ({esc(role)})" if role else ""
    return f"{bold(names[0])}{suffix} · last {WHO_DAYS} days"


def who_lines(chat: Chat, found: Sequence[StatementView]) -> list[str]:
    """One line per statement, newest first; the same words from several outlets once, "+N"."""
    groups: dict[tuple[str, str], list[StatementView]] = {}
    for st in found:
        key = (st.speaker.casefold(), " ".join(st.text.casefold().split()))
        groups.setdefault(key, []).append(st)
    several = len({s.speaker for s in found}) > 1
    lines = []
    for same in groups.values():
        first = same[0]
        links = list(dict.fromkeys((outlet_of(s.url), s.url) for s in same))
        lines.append(
            statement_line(
                when=format_when(_local_date(chat, first.published), None),
                text=first.text,
                direct=first.kind == "direct",
                audience=first.audience,
                links=links,
                speaker=first.speaker if several else None,
            )
        )
    return lines


async def who(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/who NAME: the latest statements of a person or institution in the last 7 days."""
    name = " ".join(args_text(update).split())[:100]
    if not name:
        await reply(update, context, USAGE_WHO)
        return
    services = get_services(context)
    chat = await known_chat(update, services)
    since = services.clock() - timedelta(days=WHO_DAYS)
    found = await services.db(statements_by, name=name, since=since, limit=WHO_FETCH)
    if not found:
        await reply(update, context, f"No statements by {bold(name)} in the last {WHO_DAYS} days.")
        return
    lines = who_lines(chat, found)[:WHO_ITEMS]
    await reply(update, context, chunk_items(_speaker_header(found), lines))


def _local_date(chat: Chat, moment: datetime) -> date:
    """A stored UTC datetime as a date in the chat's timezone."""
    try:
        zone = ZoneInfo(chat.timezone)
    except (ValueError, OSError):
        zone = ZoneInfo("UTC")
    return moment.astimezone(zone).date()


async def calendar(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/calendar: an .ics file of my upcoming meetings for any calendar app."""
    services = get_services(context)
    chat = await known_chat(update, services)
    view = await services.db(chat_ops.chat_view, chat_id=chat.id)
    meetings = [
        m
        for m in await matching_meetings(services, chat, view.topics if view else [], CALENDAR_DAYS)
        if m.start is not None and m.precision != "month"  # a month is no calendar event
    ]
    if not meetings:
        await reply(update, context, "No dated upcoming meetings for your topics yet.")
        return
    data = build_calendar(meetings, stamp=services.clock())
    await context.bot.send_document(
        chat.id,
        InputFile(data, filename="diplobot-upcoming.ics"),
        caption=f"{count(len(meetings), 'upcoming meeting')}. Open the file to add them "
        "to your calendar.",
    )
