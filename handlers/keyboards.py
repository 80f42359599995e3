"""Inline keyboards and their callback data (prefixes as constants, every payload <= 64 bytes).

State-changing buttons carry the chat id they were made for; the button handler refuses data
whose chat id is not the chat the button was pressed in, so replayed or forged data cannot
change another chat.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

SUB_PREFIX = "sub:"
UNSUB_PREFIX = "unsub:"
PAGE_PREFIX = "up:"
STOP_PREFIX = "stop:"
TIME_PREFIX = "time:"
TIME_MENU = "timemenu:"
EVERYTHING = "*"
MAX_DATA_BYTES = 64
TIME_CHOICES = ("06:00", "07:00", "08:00", "09:00", "12:00", "18:00", "21:00")
DEFAULT_SUGGESTIONS = ("Russia", "Ukraine", "NATO", "China", "United States", "European Union")


def fits(data: str) -> bool:
    return 1 <= len(data.encode("utf-8")) <= MAX_DATA_BYTES


def topic_hash(topic_norm: str) -> str:
    """A short stable handle for a topic whose name may not fit in callback data."""
    return hashlib.sha256(topic_norm.encode("utf-8")).hexdigest()[:10]


def split_data(data: str, prefix: str) -> tuple[int, str] | None:
    """ "sub:<chat>:<rest>" -> (chat, rest); None for malformed data."""
    chat, sep, rest = data.removeprefix(prefix).partition(":")
    body = chat.removeprefix("-")
    if not sep or not body.isdecimal() or not body.isascii() or len(body) > 16:
        return None
    return int(chat), rest


def _rows(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def subscribe_keyboard(
    chat_id: int, topics: Sequence[str], *, everything: bool = True, time_button: bool = False
) -> InlineKeyboardMarkup:
    """Suggested topics as buttons (topics whose data would not fit are left out)."""
    buttons = [
        InlineKeyboardButton(topic, callback_data=f"{SUB_PREFIX}{chat_id}:{topic}")
        for topic in topics
        if fits(f"{SUB_PREFIX}{chat_id}:{topic}")
    ]
    if everything:
        buttons.append(
            InlineKeyboardButton("Everything", callback_data=f"{SUB_PREFIX}{chat_id}:{EVERYTHING}")
        )
    rows = _rows(buttons, 3)
    if time_button:
        rows.append([InlineKeyboardButton("Change time", callback_data=f"{TIME_MENU}{chat_id}")])
    return InlineKeyboardMarkup(rows)


def unsubscribe_keyboard(chat_id: int, topics: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    """(shown name, normalised key) pairs as "✕ name" buttons."""
    buttons = [
        InlineKeyboardButton(
            f"✕ {shown}", callback_data=f"{UNSUB_PREFIX}{chat_id}:{topic_hash(key)}"
        )
        for shown, key in topics
    ]
    return InlineKeyboardMarkup(_rows(buttons, 2))


def time_keyboard(chat_id: int) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(t, callback_data=f"{TIME_PREFIX}{chat_id}:{t}") for t in TIME_CHOICES
    ]
    return InlineKeyboardMarkup(_rows(buttons, 4))


def stop_keyboard(chat_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "Yes, delete my data", callback_data=f"{STOP_PREFIX}{chat_id}:yes"
                ),
                InlineKeyboardButton("Cancel", callback_data=f"{STOP_PREFIX}{chat_id}:no"),
            ]
        ]
    )


def page_keyboard(token: str, page: int, pages: int) -> InlineKeyboardMarkup | None:
    """Previous/Next for a paginated list; the token names the query kept in chat_data."""
    buttons = []
    if page > 0:
        buttons.append(
            InlineKeyboardButton("‹ Previous", callback_data=f"{PAGE_PREFIX}{token}:{page - 1}")
        )
    if page < pages - 1:
        buttons.append(
            InlineKeyboardButton("Next ›", callback_data=f"{PAGE_PREFIX}{token}:{page + 1}")
        )
    return InlineKeyboardMarkup([buttons]) if buttons else None
