"""Which words name a meeting: cue nouns ("talks", "a working dinner") and cue verbs ("meet",
"travel to Kyiv", "will be in Accra"), each with the grammar that makes it an event."""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.language.gazetteer import canonical_org
from bot.pipeline.meetings import cues
from bot.pipeline.types import MeetingKind

# Every lemma `verb_kind` can name a meeting by (keep in step with it: words outside these sets
# are never shown to `noun_kind` or `verb_kind`).
_VERB_CUE_LEMMAS = frozenset(
    {"attend", "join", "be", "expect", "tour", "sit", *cues.MOTION_VERBS, *cues.VERB_KINDS}
)
_NOUN_CUE_LEMMAS = frozenset({*cues.MEAL_NOUNS, *cues.NOUN_KINDS})


def cue_lemma(lemma: str) -> bool:
    """Whether a word with this (lowercased) lemma may be a cue, whatever its form."""
    return lemma in _VERB_CUE_LEMMAS or lemma in _NOUN_CUE_LEMMAS


def cue_form(lower: str) -> bool:
    """Whether a word of this lowercased form may be a cue noun, whatever its lemma."""
    return lower in cues.NOUN_KINDS or (lower.endswith("s") and lower[:-1] in cues.NOUN_KINDS)


def _meal(tok: Token) -> MeetingKind | None:
    """ "will host a working dinner for his counterparts": a meal that is a meeting."""
    if tok.lemma_.lower() not in cues.MEAL_NOUNS or tok.pos_ != "NOUN":
        return None
    working = any(c.lower_ in {"working", "state", "official"} for c in tok.children)
    hosted = tok.dep_ == "dobj" and tok.head.lemma_.lower() in {"host", "give"}
    return "meeting" if working or hosted else None


def noun_kind(tok: Token) -> MeetingKind | None:
    if meal := _meal(tok):
        return meal
    kind = cues.NOUN_KINDS.get(tok.lemma_.lower()) or cues.NOUN_KINDS.get(tok.lower_)
    if kind is None and tok.lower_.endswith("s"):  # "ASEAN Summits": a proper noun keeps its -s
        kind = cues.NOUN_KINDS.get(tok.lower_[:-1])
    if kind is None or tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    mods = {c.lower_ for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}}
    if mods & cues.NOT_MEETING_COMPOUNDS:
        return None
    head = tok.head.lemma_.lower()
    verb_head = tok.head.pos_ in {"VERB", "AUX"}  # headline misparse: "Talks/compound resume"
    if tok.dep_ == "compound" and head not in cues.NOUN_KINDS and not verb_head:
        return None  # "summit declaration", "meeting room", "Council President"
    if (
        kind == "call"
        and not mods & cues.CALL_COMPOUNDS
        and "for" in {c.lower_ for c in tok.children}
    ):
        return None  # "calls for restraint"
    if kind == "council" and not _sits(tok):
        return None
    if tok.lemma_.lower() in cues.LOOSE_TALK_NOUNS and not _held_with_someone(tok, mods):
        return None  # "shift the conversation", "weighing in on the discussion"
    if tok.lower_ == "round" and not any(c.lower_ == "of" for c in tok.children):
        return kind if tok.dep_ != "npadvmod" else None
    if tok.lower_ in {"round", "rounds"} and not _round_of_talks(tok):
        return None  # "a round of sanctions", "the first round of balloting"
    if tok.lower_ == "talk" and tok.tag_ == "NN":
        return None  # "for all the talk of ...": talk about something, not talks
    if tok.lemma_.lower() == "session" and _of_a_legislature(tok):
        return None  # "a joint session of Congress": a sitting, not a diplomatic meeting
    return kind


def _round_of_talks(tok: Token) -> bool:
    """ "a new round of talks": the round's "of" names talks, not sanctions or voting."""
    objects = [g for c in tok.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return all(cue_lemma(o.lemma_.lower()) or cue_form(o.lower_) for o in objects)


def _of_a_legislature(tok: Token) -> bool:
    mods = {c.lower_ for c in tok.children}
    objects = [g.lower_ for c in tok.children if c.lower_ == "of" for g in c.children]
    return bool((mods | set(objects)) & cues.LEGISLATURES)


def _held_with_someone(tok: Token, mods: set[str]) -> bool:
    """ "a conversation between the two presidents", "phone conversation", "held a discussion
    with": a loose word for talk is a meeting only with its parties or its light verb."""
    if mods & cues.CALL_COMPOUNDS:
        return True
    if any(c.dep_ == "prep" and c.lower_ in {"with", "between", "among"} for c in tok.children):
        return True
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in {"hold", "have", "conduct"}


def _sits(tok: Token) -> bool:
    """A council or commission as a meeting ("the Council will convene"), not as an actor."""
    head = tok.head
    if tok.dep_ == "pobj":
        head = head.head
    title = head.pos_ in {"NOUN", "PROPN"} and head.lower_ in cues.TITLE_HEADS
    return head.lemma_.lower() in cues.NOUN_KINDS.keys() | cues.COUNCIL_VERBS and not title


def verb_kind(tok: Token) -> MeetingKind | None:
    if tok.pos_ not in {"VERB", "AUX"} and tok.tag_ not in {"VB", "VBD", "VBN", "VBZ", "VBP"}:
        return None
    lemma = tok.lemma_.lower()
    kids = {c.lower_ for c in tok.children}
    if lemma in {"attend", "join", "skip"} and _names_a_summit(tok):
        return "summit" if lemma != "skip" else None
    if lemma in {"be", "expect"} and _presence(tok):
        return "visit"  # "Zelensky will be in Washington on Tuesday", "is expected in Tehran"
    if lemma == "tour":  # "will tour Kenya and Uganda"
        return (
            "visit"
            if any(c.dep_ == "dobj" and c.ent_type_ in {"GPE", "LOC"} for c in tok.children)
            else None
        )
    if lemma in cues.MOTION_VERBS:
        preps = {"to", "in", "at", "for"} if lemma in {"leave", "depart"} else {"to", "in", "at"}
        to = [c for c in tok.children if c.lower_ in preps and c.dep_ == "prep"]
        found = any(_destination(p) for p in to)
        return "visit" if found and _traveller(tok) else None
    if lemma in {"speak", "talk"} and not ("with" in kids or _by_phone(tok)):
        return None
    if lemma in {"host", "receive", "call", "welcome", "greet"} and not _has_named_object(tok):
        return None
    if lemma == "call" and any(c.dep_ in {"oprd", "ccomp", "xcomp"} for c in tok.children):
        return None  # "called the plan a sham": naming, not phoning
    if lemma == "welcome" and any(c.lower_ == "would" for c in tok.children):
        return None  # "he would welcome Cruz": a wish
    if lemma == "sit" and "down" in kids | {c.lower_ for c in tok.rights}:
        return "meeting" if "with" in kids or _several(tok) else None  # "will sit down with"
    if lemma == "meet" and not _meets_someone(tok):
        return None  # "meet its obligations"
    if lemma == "gather" and any(c.dep_ == "dobj" for c in tok.children):
        return None  # "to gather enough delegates": collecting, not meeting
    return cues.VERB_KINDS.get(lemma)


def _traveller(verb: Token) -> bool:
    """Someone who can pay a visit goes: "Lavrov will travel to Ankara", "she will fly to
    Rome"; not "the money will go to the party", "the tour will leave Miami", "try going to
    Mexico"."""
    node = verb
    for _ in range(5):
        subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.lower_ in {"who", "that", "which"}:
            subject = node.head if node.dep_ == "relcl" else subject  # "delegates who go to"
        if subject is not None:
            return _can_travel(subject)
        if node.dep_ in {"acl", "relcl"} and node.head.pos_ in {"NOUN", "PROPN"}:
            return _can_travel(node.head)  # "the first refugees to come to Georgia"
        if node.dep_ not in _SUBJECT_PATH or node == node.head:
            break
        node = node.head
    return verb.tag_ != "VBG"  # "It's like going to Mecca": nobody goes


_SUBJECT_PATH = frozenset({"advcl", "conj", "xcomp", "pcomp", "prep", "pobj", "acl", "relcl"})


_QUANTIFIERS = frozenset(
    {"all", "most", "some", "much", "many", "half", "part", "none", "each", "any", "both",
     "several", "few", "rest", "majority", "bulk", "share", "portion"}
)  # fmt: skip


def _can_travel(subject: Token) -> bool:
    if subject.lower_ in _QUANTIFIERS:
        of = [g for c in subject.children if c.lower_ == "of" for g in c.children]
        if of and of[0].dep_ == "pobj":
            return _can_travel(of[0])  # "all of the money goes to": the money is what goes
    if subject.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or subject.pos_ == "PROPN":
        return True
    if subject.pos_ == "PRON":
        return subject.lower_ not in {"it", "this", "that", "which", "what"}
    return subject.lemma_.lower() in cues.PERSON_NOUNS | cues.VISITOR_NOUNS


def _several(tok: Token) -> bool:
    """ "negotiators sit down", "the two sides sit down": a plural subject meets itself."""
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return subject.tag_ == "NNS" or any(c.dep_ == "conj" for c in subject.children)


def _names_a_summit(tok: Token) -> bool:
    """ "will attend the G20 in Bali": a grouping's name used for its summit."""
    return any(
        c.dep_ == "dobj" and (canonical_org(c.text) or "") in cues.SUMMIT_GROUPS
        for c in tok.children
    )


def _presence(tok: Token) -> bool:
    """ "He will be in Kyiv on Monday": a person somewhere, in the future, is a visit."""
    future = any(c.lower_ in cues.FUTURE_AUX for c in tok.children if c.dep_ == "aux")
    # "is due in Ankara", "is expected in Tehran": the plan is the presence itself
    future = future or tok.lower_ == "expected" or _due(tok)
    subject = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    person = subject is not None and (
        subject.ent_type_ == "PERSON"
        or subject.lower_ in {"he", "she"}
        or subject.lemma_.lower() in cues.PERSON_NOUNS
    )
    holders = [tok, *(c for c in tok.children if c.dep_ == "acomp")]  # "is due in Ankara"
    places = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "in"]
    return future and person and any(_destination(p) for p in places)


def _due(tok: Token) -> bool:
    return any(c.dep_ == "acomp" and c.lower_ == "due" for c in tok.children)


def _by_phone(tok: Token) -> bool:
    return any(t.lower_ in {"phone", "telephone", "video"} for t in tok.subtree)


def _meets_someone(tok: Token) -> bool:
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    return all(
        o.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}
        or o.pos_ == "PROPN"
        or o.lemma_.lower() in cues.PERSON_NOUNS
        or any(c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in o.children)
        for o in objects
    )  # the last: "Yoon Suk-yeol" split by the tokenizer ("yeol" with "Yoon Suk" before it)


def _destination(prep: Token) -> Token | None:
    for obj in prep.children:
        if obj.dep_ == "pobj" and obj.ent_type_ in {"DATE", "TIME"}:
            continue  # "she will be 60 in May"
        if obj.dep_ == "pobj" and (obj.ent_type_ in {"GPE", "LOC", "FAC"} or obj.pos_ == "PROPN"):
            return obj
        if obj.dep_ == "pobj" and obj.lemma_.lower() in cues.PLACE_NOUNS:
            named = [c for c in obj.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if named:
                return named[0]  # "to the Syrian capital, Damascus"
    return None


def _has_named_object(tok: Token) -> bool:
    """ "host Modi", "host leaders of the BRICS group": someone, not "host a concert"; and
    "will be received by President Erdogan": a named host in the passive."""
    agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children]
    return any(
        (c.dep_ in {"dobj", "conj"} or (c.dep_ == "pobj" and c in agents))
        and c.ent_type_ not in _AMOUNTS
        and (c.ent_type_ or c.pos_ == "PROPN" or c.lemma_.lower() in cues.PERSON_NOUNS)
        for c in [*tok.children, *agents]
    )  # "will receive 42 delegates", "will receive $44 million": amounts, not guests


_AMOUNTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "DATE", "TIME"})
