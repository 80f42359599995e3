"""Speech acts without a reported clause: "X congratulated Y on ...", "accused Y of ...",
"demanded a written deal from Y", "expressed hope for ...", "pressed Y to ...", "offered to ...",
"stressed the need for ...", "vowed to ...", "denied that ..." / "rejected the claims".

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
        "stress", "emphasize", "emphasise", "underline", "underscore", "highlight", "note",
        "vow", "pledge", "promise", "threaten", "deny", "reject", "dismiss", "confirm",
        "call", "brand", "label", "term", "signal", "propose", "invite",
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
    {"plan", "plans", "intention", "decision", "readiness", "commitment", "support", "bid",
     "willingness", "openness", "desire"}
)  # fmt: skip
# "stressed / highlighted X": only a need or a weight given is a position ("noted the date" is not).
EMPHASIS_NOUNS: frozenset[str] = frozenset(
    {
        "need", "importance", "necessity", "significance", "urgency", "role", "value",
        "commitment", "determination", "readiness", "willingness", "support", "priority",
    }
)  # fmt: skip
# "denied / rejected / dismissed X": only a claim or a proposal turned down is a position.
CLAIM_NOUNS: frozenset[str] = frozenset(
    {
        "claim", "allegation", "accusation", "report", "charge", "rumour", "rumor", "suggestion",
        "speculation", "assertion", "idea", "notion", "involvement", "responsibility",
        "wrongdoing", "criticism", "proposal", "plan", "offer", "call", "demand", "request",
        "ultimatum", "initiative", "condition", "possibility",
    }
)  # fmt: skip
# "confirmed / announced X": a visit or a meeting given out is news the speaker made.
EVENT_NOUNS: frozenset[str] = frozenset(
    {"visit", "trip", "participation", "attendance", "presence", "arrival", "meeting", "talks"}
)
_NEEDS_STANCE = frozenset({"express", "voice"})
_NEEDS_INTENT = frozenset({"announce", "reaffirm", "reiterate", "confirm", "signal"})
_NEEDS_EMPHASIS = frozenset({"stress", "emphasize", "emphasise", "underline", "underscore",
                             "highlight", "note"})  # fmt: skip
_NEEDS_CLAIM = frozenset({"deny", "reject", "dismiss"})
_CLAUSE_ACTS = _NEEDS_CLAIM | {"propose"}  # "denied that ...", "proposed that ..."
_COMMITS = frozenset({"vow", "pledge", "promise", "threaten"})  # "vowed to press ahead"
_NAMING = frozenset({"call", "brand", "label", "term"})  # "called the talks useful"
_NOT_IN_RELATIVE = (
    _NAMING | _COMMITS | _NEEDS_CLAIM | _NEEDS_EMPHASIS | {"propose", "invite", "signal", "confirm"}
)
_CONTENT_DEPS = frozenset({"dobj", "prep", "xcomp", "dative", "prt", "oprd", "acomp"})
_MIN_TOKENS = 3
_SOURCE_WORDS = frozenset({"according"})


def act_bounds(verb: Token) -> tuple[int, int] | None:
    """Token range of a speech act's own phrase (the verb and what follows it), or None."""
    lemma = verb.lemma_.lower()
    if lemma not in ACT_VERBS or verb.tag_ == "VBG":
        return None  # "..., describing it as X": a participle beside another statement
    if lemma in _NOT_IN_RELATIVE and verb.dep_ in {"relcl", "acl"}:
        return None  # "what Dorsk calls a provocation", "issues Seoul proposed": the writer's
        # description of something, not a statement
    after = [
        c
        for c in verb.children
        if c.i > verb.i
        and (c.dep_ in _CONTENT_DEPS or (c.dep_ == "ccomp" and lemma in _CLAUSE_ACTS))
        and c.lower_ not in _SOURCE_WORDS
        and not _when(c)
    ]  # ", according to sources" names the reporter's source, "on Monday" the day: not the act
    objects = [c for c in after if c.dep_ == "dobj"]
    if not _object_fits(lemma, objects, after):
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


def _object_fits(lemma: str, objects: list[Token], after: list[Token]) -> bool:
    """Verbs that take a position only with some objects: "expressed hope", "stressed the need",
    "denied the claims", "vowed to"; "expressed mail", "noted the date", "denied him a visa" not."""
    lemmas = {o.lemma_.lower() for o in objects if o.pos_ in {"NOUN", "PROPN"}}
    if lemma in _NEEDS_STANCE:
        return bool(lemmas & STANCE_NOUNS)
    if lemma in _NEEDS_INTENT:
        return any(o.lower_ in INTENT_NOUNS for o in objects) or bool(lemmas & EVENT_NOUNS)
    if lemma in _NEEDS_EMPHASIS:
        return bool(lemmas & EMPHASIS_NOUNS)
    if lemma in _NEEDS_CLAIM:
        if any(c.dep_ == "dative" for c in after):
            return False  # "denied him a visa": a refusal, not a position
        judged = lemma == "dismiss" and any(t.lower_ == "as" for c in after for t in c.subtree)
        return judged or bool(lemmas & CLAIM_NOUNS) or any(c.dep_ == "ccomp" for c in after)
    if lemma == "propose":  # "proposed holding talks / a summit / that ..."; not "proposed to her"
        return bool(lemmas) or any(c.dep_ in {"xcomp", "ccomp"} for c in after)
    if lemma == "invite":  # "invited his counterpart to visit"; not "invited guests"
        return bool(objects) and any(c.dep_ == "xcomp" for c in after)
    if lemma in _NAMING:  # "called the talks useful"; not "called his counterpart", "what X called"
        named = [o.i for o in objects]
        return bool(named) and any(c.dep_ == "oprd" and c.i > min(named) for c in after)
    if lemma in _COMMITS:
        return any(c.dep_ == "xcomp" for c in after) or bool(lemmas & (STANCE_NOUNS | INTENT_NOUNS))
    return True


def _when(child: Token) -> bool:
    """ "on Monday", "in March": a time phrase after the act, not part of it."""
    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
    return child.dep_ == "prep" and pobj is not None and pobj.ent_type_ in {"DATE", "TIME"}
