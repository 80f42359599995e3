"""Who the article has named so far, for pronouns and descriptions to point back to.

Kept apart from the resolver in `speakers.py`: this part only remembers and searches mentions
(subjects first, newest first, by type, affiliation and gender); it never reads the parse.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.pipeline.types import EntityType


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: canonical name, type, and what the article says about them."""

    name: str
    type: EntityType
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None


class Mentions:
    """The speakers and subjects of one document in order, and who has already spoken."""

    def __init__(self) -> None:
        # (token index, speaker, was a grammatical subject) in document order.
        self._mentions: list[tuple[int, Speaker, bool]] = []
        self._spoken: list[tuple[int, Speaker]] = []
        # position of a conjoined subject's mention -> position of the first conjunct
        self._together: dict[int, int] = {}

    def remember(self, position: int, speaker: Speaker) -> None:
        """Record a resolved speaker so that later pronouns and descriptions can refer to it."""
        self._mentions.append((position, speaker, True))
        self._mentions.sort(key=lambda m: m[0])
        self._spoken.append((position, speaker))

    def _last_speaker(self, position: int, gender: str) -> Speaker | None:
        """The speaker of the latest statement before `position`, if a person of that gender."""
        before = [speaker for pos, speaker in self._spoken if pos < position]
        if not before or before[-1].type != "person" or before[-1].gender not in (None, gender):
            return None
        return before[-1]

    def _antecedent(
        self, position: int, gender: str | None, want: str = "person"
    ) -> Speaker | None:
        """The most recent compatible subject or speaker before `position` (subjects first)."""
        candidates = [m for m in self._mentions if m[0] < position and m[1].type != "country"]
        if want == "org":
            candidates = [m for m in candidates if m[1].type == "org"]
        else:
            candidates = [m for m in candidates if m[1].type == "person"]
        ordered = [m for m in reversed(candidates) if m[2]] + [
            m for m in reversed(candidates) if not m[2]
        ]
        fitting = [m for m in ordered[:6] if gender is None or m[1].gender in (None, gender)]
        if not fitting:
            return None
        pos, speaker, _ = fitting[0]
        group = self._together.get(pos)
        if group is not None and any(
            self._together.get(m[0]) == group and m[1].name != speaker.name for m in fitting[1:]
        ):
            return None  # "A and B held talks. He said": either could be meant
        return speaker

    def _match(
        self,
        position: int,
        kind: str,
        test: object,
        affiliation: str | None,
        gender: str | None = None,
        main: bool = False,
    ) -> Speaker | None:
        """Most recent speaker of `kind` passing `test`, of the description's affiliation if one is
        known ("the Russian leader"), else of unknown affiliation; gender must not conflict.
        With `main`, a bare title picks the holder the article mentions most."""
        allowed = [affiliation] if affiliation else [None]
        for wanted in [*allowed, None] if affiliation else allowed:
            fitting = []
            for pos, speaker, _ in reversed(self._mentions):
                if pos >= position or speaker.type != kind:
                    continue
                if wanted and speaker.affiliation != wanted:
                    continue
                if affiliation and not wanted and speaker.affiliation not in (None, affiliation):
                    continue
                if gender and speaker.gender not in (None, gender):
                    continue
                if callable(test) and test(speaker):
                    fitting.append(speaker)
            if fitting:
                if main and not affiliation:
                    return self._most_mentioned(fitting, position)
                return fitting[0]
        return None

    def _most_mentioned(self, fitting: list[Speaker], position: int) -> Speaker:
        """Among several holders of a title ("the President"), the one the article is about:
        the most often mentioned so far; on a tie, the most recent (`fitting` is newest first)."""
        counts: dict[str, int] = {}
        for pos, speaker, _ in self._mentions:
            if pos < position:
                counts[speaker.name] = counts.get(speaker.name, 0) + 1
        return max(fitting, key=lambda s: counts.get(s.name, 0))
