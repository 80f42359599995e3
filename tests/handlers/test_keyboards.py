"""Keyboards: callback data always fits Telegram's 64 bytes and parses back to its chat."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from handlers.keyboards import (
    MAX_DATA_BYTES,
    SUB_PREFIX,
    page_keyboard,
    split_data,
    stop_keyboard,
    subscribe_keyboard,
    time_keyboard,
    unsubscribe_keyboard,
)
from handlers.parsing import MAX_TOPICS_PER_COMMAND

chat_ids = st.integers(min_value=-1_009_999_999_999, max_value=9_999_999_999)


def all_data(markup: object) -> list[str]:
    rows = getattr(markup, "inline_keyboard", ())
    return [str(button.callback_data) for row in rows for button in row]


@given(chat_ids, st.lists(st.text(min_size=1, max_size=64), max_size=MAX_TOPICS_PER_COMMAND))
def test_every_keyboard_fits_64_bytes(chat_id: int, topics: list[str]) -> None:
    markups = [
        subscribe_keyboard(chat_id, topics, time_button=True),
        unsubscribe_keyboard(chat_id, [(t, t.casefold()) for t in topics]),
        time_keyboard(chat_id),
        stop_keyboard(chat_id),
        page_keyboard("12345", 3, 10),
    ]
    for markup in markups:
        for data in all_data(markup):
            assert 1 <= len(data.encode("utf-8")) <= MAX_DATA_BYTES


def test_data_names_its_chat() -> None:
    data = all_data(subscribe_keyboard(-1001234567890, ["NATO"]))[0]
    assert split_data(data, SUB_PREFIX) == (-1001234567890, "NATO")


@given(st.text(max_size=200))
def test_split_data_never_raises(data: str) -> None:
    parsed = split_data(data, SUB_PREFIX)
    assert parsed is None or isinstance(parsed[0], int)
