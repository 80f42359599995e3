"""Find quotations in raw text: a character scanner that tolerates wire conventions and stray marks.

Works on characters, not tokens, so that curly, straight and guillemet marks, apostrophes and
multi-paragraph quotes are decided once, before the parse is consulted. Unbalanced marks are
skipped, never fatal: a stray mark costs at most that one quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.pipeline.language.patterns import (
    DOUBLE_ANY,
    DOUBLE_CLOSE,
    DOUBLE_OPEN,
    SINGLE_CLOSE,
    SINGLE_OPEN,
)

_OPENERS_BEFORE = frozenset(" \t\n([{—–-:/")
_MAX_SINGLE_QUOTE = 400


@dataclass(frozen=True)
class Quote:
    """One quotation: its content spans (one per paragraph it runs through), marks excluded."""

    segments: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the non-empty lines of `text` (wire copy puts a paragraph per line)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        pos += len(line) + 1
    return spans


def _role(text: str, i: int, start: int, end: int) -> str:
    """'open', 'close' or '' for the double mark at `i`, judged by its neighbours first."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    can_open = (before in _OPENERS_BEFORE or before in DOUBLE_OPEN) and not after.isspace()
    can_close = not before.isspace() and (after.isspace() or not after.isalnum())
    char = text[i]
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if char in DOUBLE_OPEN:
        return "open"
    if char in DOUBLE_CLOSE:
        return "close"
    return "open" if i == start else ""


def _double_marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Positions and roles of the double quotation marks in one paragraph."""
    marks = DOUBLE_OPEN | DOUBLE_CLOSE | DOUBLE_ANY
    found = []
    for i in range(start, end):
        if text[i] in marks:
            role = _role(text, i, start, end)
            if role:
                found.append((i, role))
    return found


def _pair(marks: list[tuple[int, str]]) -> tuple[list[tuple[int, int]], int | None]:
    """Pair open/close marks; returns closed content spans and the position of a dangling open."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for pos, role in marks:
        if role == "open":
            open_at = pos  # a second opener means the first was stray: restart here
        elif open_at is not None:
            spans.append((open_at + 1, pos))
            open_at = None
    return spans, open_at


def _single_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Single-quoted spans, only where the pairing is unambiguous (apostrophes are not quotes)."""
    spans: list[tuple[int, int]] = []
    i = start
    while i < end:
        char = text[i]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if (char in SINGLE_OPEN or char == "'") and before in _OPENERS_BEFORE and after.isalnum():
            close = _single_close(text, i + 1, min(end, i + _MAX_SINGLE_QUOTE))
            if close is not None:
                spans.append((i + 1, close))
                i = close + 1
                continue
        i += 1
    return spans


def _single_close(text: str, start: int, end: int) -> int | None:
    """The closing single mark of a quote opened just before `start`, skipping apostrophes."""
    for j in range(start, end):
        if text[j] not in SINGLE_CLOSE and text[j] != "'":
            continue
        after = text[j + 1] if j + 1 < len(text) else " "
        if after.isalnum():
            continue  # don't, Russia's: an apostrophe inside a word
        nxt = text[j + 2] if j + 2 < len(text) else ""
        if text[j - 1] in "sS" and after == " " and nxt.islower():
            continue  # Democrats' leader: a plural possessive
        return j
    return None


def find_quotes(text: str, spans: list[tuple[int, int]] | None = None) -> list[Quote]:
    """All quotations in `text`, a quote left open at a paragraph's end continuing into the next
    paragraph only when that paragraph opens with a quotation mark (the wire convention)."""
    text = text.replace("''", '"\x01')  # typewriter double quotes; same length, same offsets
    text = text.replace("’’", "”\x01").replace("‘‘", "“\x01")  # two curly singles as a double
    quotes: list[Quote] = []
    carried: list[tuple[int, int]] = []
    for start, end in paragraphs(text) if spans is None else spans:
        marks = _double_marks(text, start, end)
        reopened = bool(marks) and marks[0] == (start, "open")
        if carried and not reopened and not (marks and marks[0][1] == "close"):
            carried = []  # the previous paragraph's open quote was a stray mark
        if carried:
            # the wire reopens a continued quote; some copy only closes it ('... planned," X said')
            rest = marks[1:] if reopened else marks
            first_close = next((p for p, r in rest if r == "close"), None)
            first_open = next((p for p, r in rest if r == "open"), end)
            first = start + 1 if reopened else start
            if first_close is not None and first_close < first_open:
                quotes.append(Quote((*carried, (first, first_close))))
                carried = []
                marks = [m for m in marks if m[0] > first_close]
            else:
                carried.append((first, end))
                continue
        closed, dangling = _pair(marks)
        quotes.extend(Quote(((a, b),)) for a, b in closed if b > a)
        if dangling is not None:
            carried = [(dangling + 1, end)]
        if not marks:
            quotes.extend(Quote((span,)) for span in _single_quotes(text, start, end))
    return sorted(quotes, key=lambda q: q.start)
