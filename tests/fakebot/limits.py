"""Telegram's flood control as the fake Bot API enforces it (`FakeBotServer.enforce_limits`).

Send-type calls (state.SEND_METHODS) count: at most `per_second` in any one-second window
overall, `chat_per_second` to one chat with a burst of `chat_burst` (a token bucket), and at
most `group_per_minute` to one group or channel (negative ids) in any minute. An overrun is
answered 429 with `retry_after = flood_wait`, and from then on every counted call is refused
until the wait is over (an injected "flood" fault starts such a pause too). Calls that arrive
inside a pause are counted in `calls_in_pause`: a well-behaved bot makes none, except what it
had already sent before the 429 reached it.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field

from tests.fakebot.state import SEND_METHODS


@dataclass
class TelegramLimits:
    """The limits and what they did: accepted, refused (429s), calls inside a pause."""

    per_second: int = 30
    chat_per_second: float = 1.0
    chat_burst: int = 3
    group_per_minute: int = 20
    flood_wait: int = 1
    accepted: list[tuple[float, int | None]] = field(default_factory=list)
    refused: int = 0
    calls_in_pause: int = 0
    pauses: list[tuple[float, float]] = field(default_factory=list)
    _window: deque[float] = field(default_factory=deque)
    _buckets: dict[int, tuple[float, float]] = field(default_factory=dict)
    _groups: dict[int, deque[float]] = field(default_factory=dict)
    paused_until: float = 0.0

    def admit(self, method: str, chat_id: int | None) -> int | None:
        """None when the call may go; otherwise the retry_after to answer with."""
        if method not in SEND_METHODS:
            return None
        now = time.monotonic()
        if now < self.paused_until:
            self.calls_in_pause += 1
            self.refused += 1
            return max(1, math.ceil(self.paused_until - now))
        if not self._within(now, chat_id):
            self.refused += 1
            self.pause(self.flood_wait)
            return self.flood_wait
        self._record(now, chat_id)
        return None

    def pause(self, seconds: float) -> None:
        """Refuse every counted call for `seconds` (after an overrun, or an injected 429)."""
        now = time.monotonic()
        self.paused_until = now + seconds
        self.pauses.append((now, self.paused_until))

    def _within(self, now: float, chat_id: int | None) -> bool:
        while self._window and now - self._window[0] >= 1.0:
            self._window.popleft()
        if len(self._window) >= self.per_second:
            return False
        if chat_id is None:
            return True
        if self._tokens(now, chat_id) < 1.0:
            return False
        sent = self._groups.get(chat_id)
        return sent is None or len(sent) < self.group_per_minute or now - sent[0] >= 60.0

    def _tokens(self, now: float, chat_id: int) -> float:
        tokens, at = self._buckets.get(chat_id, (float(self.chat_burst), now))
        return min(float(self.chat_burst), tokens + (now - at) * self.chat_per_second)

    def _record(self, now: float, chat_id: int | None) -> None:
        self._window.append(now)
        self.accepted.append((now, chat_id))
        if chat_id is None:
            return
        self._buckets[chat_id] = (self._tokens(now, chat_id) - 1.0, now)
        if chat_id < 0:
            sent = self._groups.setdefault(chat_id, deque(maxlen=self.group_per_minute))
            sent.append(now)
