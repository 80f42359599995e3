"""The flood guard: a burst is allowed, a flood gets one notice, other users are unaffected."""

from __future__ import annotations

from handlers.flood import BURST, REFILL_SECONDS, FloodGuard, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_flood_gets_one_notice_then_silence() -> None:
    clock = Clock()
    guard = FloodGuard(clock=clock)
    verdicts = [guard.check(1) for _ in range(300)]
    assert verdicts[:BURST] == [Verdict.ALLOW] * BURST
    assert verdicts.count(Verdict.NOTIFY) == 1
    assert verdicts[BURST] is Verdict.NOTIFY
    assert guard.check(2) is Verdict.ALLOW  # another user is not slowed down


def test_tokens_refill_and_a_quiet_user_is_forgiven() -> None:
    clock = Clock()
    guard = FloodGuard(clock=clock)
    for _ in range(BURST + 5):
        guard.check(1)
    clock.now += REFILL_SECONDS
    assert guard.check(1) is Verdict.ALLOW
    assert guard.check(1) is Verdict.DROP  # still flooding: no second notice
    clock.now += REFILL_SECONDS * BURST
    for _ in range(BURST):
        assert guard.check(1) is Verdict.ALLOW
    assert guard.check(1) is Verdict.NOTIFY  # a new flood after a quiet spell: a new notice
