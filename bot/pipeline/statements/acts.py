"""Speech acts without a reported clause: "X congratulated Y on ...", "accused Y of ...",
"demanded a written deal from Y", "expressed hope for ...", "pressed Y to ...", "offered to ...".

The news reports these as positions the speaker took, so they are statements; their content is
the verb's own phrase ("congratulated Y on the appointment"), shown as written. The verbs are
data: a verb that only acts ("met", "visited") is never among them.
"""

from __future__ import annotations

from spacy.tokens import Token

# Verbs whose object phrase is the position taken: "welcomed the deal", "accused Y of Z".
ACT_VERBS: frozenset[str] = frozenset(
    {
        "congratulate", "accuse", "demand", "welcome", "condemn", "praise", "thank",
        "criticize", "criticise", "press", "offer", "describe", "reaffirm", "voice",
        "express", "announce", "blame", "reiterate", "hail", "applaud", "denounce",
    }
)  # fmt: skip
# "expressed / voiced X": only a stance is a statement ("expressed hope", not "expressed mail").
STANCE_NOUNS: frozenset[str] = frozenset(
    {
        "hope", "optimism", "pessimism", "concern", "concerns", "support", "regret",
        "condolence", "condolences", "gratitude", "confidence", "readiness", "willingness",
        "satisfaction", "disappointment", "solidarity", "opposition", "commitment", "doubt",
        "doubts", "interest", "desire", "wish", "appreciation", "dismay", "alarm", "outrage",
    }
)  # fmt: skip
# "announced / reaffirmed X": only an intention or a decision is a position, not "the winner".
INTENT_NOUNS: frozenset[str] = frozenset(
    {"plan", "plans", "intention", "decision", "readiness", "commitment", "support", "bid"}
)
_NEEDS_STANCE = frozenset({"express", "voice"})
_NEEDS_INTENT = frozenset({"announce", "reaffirm", "reiterate"})
_CONTENT_DEPS = frozenset({"dobj", "prep", "xcomp", "dative", "prt", "oprd", "acomp"})
_MIN_TOKENS = 3
_SOURCE_WORDS = frozenset({"according"})


def act_bounds(verb: Token) -> tuple[int, int] | None:
    """Token range of a speech act's own phrase (the verb and what follows it), or None."""
    lemma = verb.lemma_.lower()
    if lemma not in ACT_VERBS or verb.tag_ == "VBG":
        return None  # "..., describing it as X": a participle beside another statement
    after = [
        c
        for c in verb.children
        if c.i > verb.i
        and c.dep_ in _CONTENT_DEPS
        and c.lower_ not in _SOURCE_WORDS
        and not _when(c)
    ]  # ", according to sources" names the reporter's source, "on Monday" the day: not the act
    objects = [c for c in after if c.dep_ == "dobj"]
    if lemma in _NEEDS_STANCE and not any(o.lemma_.lower() in STANCE_NOUNS for o in objects):
        return None
    if lemma in _NEEDS_INTENT and not any(o.lower_ in INTENT_NOUNS for o in objects):
        return None
    if lemma == "describe" and not any(t.lower_ == "as" for c in after for t in c.subtree):
        return None  # "described the scene": no judgement given
    if lemma == "offer" and not any(c.dep_ == "xcomp" for c in after):
        return None  # "offered a dinner": a gift, not a proposal
    if not after:
        return None
    end = max(c.right_edge.i for c in after) + 1
    comma = next((t.i for t in verb.doc[verb.i : end] if t.text == ","), end)
    end = min(end, comma)  # "denounced X in a speech, which ...": the act ends at the comma
    if end - verb.i < _MIN_TOKENS:
        return None
    return verb.i, end


def _when(child: Token) -> bool:
    """ "on Monday", "in March": a time phrase after the act, not part of it."""
    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
    return child.dep_ == "prep" and pobj is not None and pobj.ent_type_ in {"DATE", "TIME"}
