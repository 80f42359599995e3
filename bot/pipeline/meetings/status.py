"""Whether an event lies ahead: tense, aspect and modality of the words that govern it."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from bot.pipeline.meetings import cues
from bot.pipeline.meetings.events import Event, Status, dated_purpose_of_past_trip

_MODIFIER_DEPS = frozenset({"amod", "advmod", "det", "nmod", "npadvmod", "compound", "nummod"})
_VERBAL = frozenset({"VERB", "AUX", "ADJ"})


def governing_chain(token: Token) -> Iterator[Token]:
    """The token and its heads up to the clause that reports it (the reporting verb excluded)."""
    node = token
    while True:
        if node != token and node.lemma_.lower() in cues.REPORTING_VERBS:
            return
        yield node
        if node.head == node or _on_a_person(node):
            return  # "Netanyahu, who is due to meet Trump, has rejected ...": not his rejection
        node = node.head


def _on_a_person(node: Token) -> bool:
    """A relative clause on a person or subject is a clause of its own."""
    return node.dep_ == "relcl" and (
        node.head.ent_type_ == "PERSON" or node.head.dep_.startswith("nsubj")
    )


def _modifier_verdict(event: Event) -> Status | None:
    """Words on the cue itself: "last week's talks", "a proposed visit", "no plans"."""
    for tok in event.tokens:
        for child in tok.children:
            word = child.lower_
            if child.dep_ == "poss" and any(g.lower_ in cues.PAST_MODIFIERS for g in child.subtree):
                return "past"
            if child.dep_ not in _MODIFIER_DEPS:
                continue
            if word in cues.HYPOTHETICAL_MODIFIERS or (child.dep_ == "det" and word == "no"):
                return "cancelled"
            if word in cues.PAST_MODIFIERS:
                return "past"
            if word in {"upcoming", "forthcoming"}:
                return "future"  # "At the upcoming summit ..., the White House said Monday"
    return None


def rescheduled(node: Token) -> bool:
    """ "postponed to Wednesday", "moved to March 3": a move with a new date."""
    if node.lemma_.lower() not in cues.RESCHEDULE_LEMMAS:
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ in cues.NEW_DATE_PREPOSITIONS
        and any(t.ent_type_ == "DATE" for t in c.subtree)
        for c in node.children
    )


def _blocks(node: Token) -> bool:
    """Negation, a condition, or a verb of cancelling or proposing anywhere above the event."""
    lemma = node.lemma_.lower()
    children = list(node.children)
    if lemma == "call" and any(c.lower_ == "off" for c in children):
        return True
    if rescheduled(node):
        return False
    if lemma in cues.CANCEL_LEMMAS and (lemma not in cues.CANCEL_ADJECTIVES or node.pos_ == "ADJ"):
        return True
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in children):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in {"when", "whether", "how"} for c in children):
        # "did not say when they would meet" asks; "When they sit down on May 3, ..." dates
        return not (node.dep_ == "advcl" and _future_main(node.head))
    if node.tag_ == "VBN" and {"would", "have"} <= {c.lower_ for c in children}:
        return True  # "he would have attended the meeting if ...": it did not happen
    modals = [c.lower_ for c in children if c.tag_ == "MD" and c.lower_ in cues.HYPOTHETICAL_AUX]
    return bool(modals) and not (modals == ["would"] and _reported_future(node))


def _future_main(node: Token) -> bool:
    """The main clause speaks of the future ("..., they will discuss sanctions")."""
    return any(c.dep_ == "aux" and c.lower_ in cues.FUTURE_AUX for c in node.children)


def _reported_future(node: Token) -> bool:
    """ "agreed that their ministers would meet": the future seen from a past report."""
    if any(c.dep_ == "acomp" for c in node.children):
        return False  # "a meeting would be possible", "would be ready to"
    head = node.head
    return node.dep_ == "ccomp" and head.lemma_.lower() in cues.REPORTING_VERBS | {
        "agree",
        "decide",
        "expect",
    }


def _tense(node: Token, is_title: bool, plan_word: bool = True) -> Status | None:
    """The tense a single governing word gives the event, or None to look further up.

    `plan_word` is False when the event is only a circumstance of the word ("agreed to the
    talks during their June summit"): "agreed" then plans nothing about the summit.
    """
    aux = [c for c in node.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "MD" and a.lower_ in cues.FUTURE_AUX | {"would"} for a in aux):
        return "future"
    lemma = node.lemma_.lower()
    if rescheduled(node):
        return "unknown"  # moved to a new date: that date decides
    if lemma in cues.FUTURE_LEMMAS and node.pos_ in _VERBAL and plan_word:
        # "was scheduled to", "was due to": a plan told in the past may be off or done.
        return "cancelled" if _told_in_past(node) and lemma not in cues.LASTING_PLANS else "future"
    due = [c for c in node.children if c.dep_ == "acomp" and c.lemma_.lower() in cues.DUE_WORDS]
    if lemma == "be" and due and plan_word:  # "a second round is due to begin"
        return "cancelled" if node.tag_ == "VBD" else "future"
    if lemma in cues.PLAN_NOUNS and node.pos_ == "NOUN" and plan_word:
        return "present"  # "welcomed his plans to visit next week": ahead if its date is
    if node.lower_ in cues.PAST_PREPOSITIONS and node.dep_ == "prep":
        return "past"
    infinitive = any(a.tag_ == "TO" for a in aux)
    if infinitive:
        if is_title or (node.head.lemma_ == "be" and node.dep_ in {"xcomp", "ccomp"}):
            return "cancelled" if node.head.tag_ == "VBD" else "future"  # "was to meet"
        return None
    if node.tag_ == "VBD" or (node.tag_ == "VBN" and (aux or node.dep_ in {"acl", "relcl"})):
        present = [a for a in aux if a.tag_ in {"VBZ", "VBP"}]
        # "has begun a visit today", "have held talks": the perfect tells what is done
        return "past" if all(a.lemma_ == "have" and a.dep_ == "aux" for a in present) else None
    if node.tag_ == "VBG" and lemma != "go" and any(a.lower_ in {"was", "were"} for a in aux):
        return "past"  # "was phoning Wednesday": under way before publication
    if node.tag_ in {"VBZ", "VBP"} and node.pos_ in {"VERB", "AUX"} and lemma != "be":
        return (
            "present"  # headline present is usually past, "resume Monday" is not: the date decides
        )
    return None


def _told_in_past(node: Token) -> bool:
    if node.tag_ == "VBD":
        return True
    helpers = [c for c in node.children if c.dep_ in {"aux", "auxpass"}]
    if node.dep_ == "acomp":  # "was due to visit", "had been due to host"
        helpers += [node.head, *(c for c in node.head.children if c.dep_ == "aux")]
    return any(h.tag_ == "VBD" or h.lower_ in {"had", "was", "were"} for h in helpers)


def _relative_clause_status(event: Event) -> Status | None:
    """ "the meeting of the Council, which will take place on 26-27 May": its own tense."""
    for tok in event.tokens:
        for clause in tok.children:
            if clause.dep_ != "relcl" or clause.lemma_.lower() not in cues.HAPPEN_VERBS:
                continue
            if _blocks(clause):
                return "cancelled"
            return _tense(clause, False)
    return None


def event_status(event: Event) -> Status:
    """Future, past, present (undecided without a date), or cancelled/hypothetical/stale plan."""
    if event.sent.text.rstrip().endswith("?"):
        return "cancelled"
    verdict = _modifier_verdict(event)
    if verdict == "cancelled":
        return verdict
    relative = _relative_clause_status(event)
    if relative in {"future", "cancelled"}:
        return relative  # "the meeting, which will take place in May", whatever governs it
    chain = list(governing_chain(event.anchor))
    if any(_blocks(node) for node in chain) or _denied(chain[-1]):
        return "cancelled"
    if verdict:
        return verdict
    if _begun(event.anchor):
        return "past"
    if _planned_on_the_noun(event) and not own_past(event):
        return "future"
    main = _chain_tense(event, chain)
    if main == "future" or relative is None:
        return main  # "the talks, which began on Monday, will continue on Wednesday"
    return relative


def _planned_on_the_noun(event: Event) -> bool:
    """ "ahead of the talks scheduled for January 9-10": the event's own participle plans it,
    whatever the tense of the clause it sits in ("The call came ahead of ...")."""
    return any(
        c.dep_ == "acl"
        and c.tag_ == "VBN"
        and c.lemma_.lower() in cues.FUTURE_LEMMAS
        and not any(a.lower_ in cues.FORMER_PLAN_WORDS for a in c.children)  # "initially"
        for t in event.tokens
        if t.pos_ == "NOUN"
        for c in t.children
    )


def _chain_tense(event: Event, chain: list[Token]) -> Status:
    for below, node in zip([None, *chain], chain, strict=False):
        if _purpose_of_past_trip(below, node, chain):
            continue  # "arrived on Thursday for talks on Friday": the talks' date decides
        circumstance = below is not None and below.dep_ == "prep" and below.lower_ != "for"
        tense = _tense(node, event.is_title, plan_word=not circumstance)
        if tense:
            return tense
    return _reported_in_past(chain[-1])


def _purpose_of_past_trip(below: Token | None, node: Token, chain: list[Token]) -> bool:
    if below is None or below.dep_ != "prep" or below.lower_ != "for":
        return False
    return dated_purpose_of_past_trip(chain[chain.index(below) - 1], node)


def _denied(top: Token) -> bool:
    """ "The Kremlin did not confirm that Putin would meet Biden": the report itself says no."""
    reporter = top.head
    if reporter == top or reporter.lemma_.lower() not in cues.REPORTING_VERBS:
        return False
    return any(c.dep_ == "neg" for c in reporter.children) or reporter.lemma_.lower() == "deny"


def own_past(event: Event) -> bool:
    """ "met on Monday", "held talks", "talks were held": the event's own verb is past."""
    anchor = event.anchor
    done = cues.FUTURE_LEMMAS | cues.RESCHEDULE_LEMMAS | cues.CANCEL_LEMMAS
    if any(
        c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() not in done
        for t in event.tokens
        for c in t.children
    ):
        return True  # "the talks hosted by Oman on March 20", "the summit held in Evian"
    nodes = [anchor]
    light = anchor.head.lemma_.lower() in cues.HAPPEN_VERBS | cues.LIGHT_VERBS
    if anchor.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"} and light:
        nodes.append(anchor.head)  # the light verb: "held talks", "the talks ended"
    for node in nodes:
        helpers = [c for c in node.children if c.dep_ in {"aux", "auxpass"}]
        if any(h.tag_ == "MD" or h.lower_ in {"has", "have"} for h in helpers):
            continue
        if node.tag_ == "VBD" or (node.tag_ == "VBN" and any(h.tag_ == "VBD" for h in helpers)):
            return True
    return False


def _begun(anchor: Token) -> bool:
    """ "has kicked off a two-day visit today", "has begun talks": under way, so not ahead."""
    verb = anchor.head
    if anchor.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in {"on", "of", "off"}:
        verb = verb.head  # "embarked on a tour", "has kicked of a visit" (sic)
    elif anchor.dep_ != "dobj":
        return False
    if verb.lemma_.lower() not in cues.BEGIN_VERBS:
        return False
    helpers = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and bool(helpers & {"has", "have", "had"}))


def _reported_in_past(top: Token) -> Status:
    """ "Speaking at a meeting on Monday, Zelensky said ...": a tenseless event told in the past."""
    reporter = top.head
    if reporter != top and reporter.lemma_.lower() in cues.REPORTING_VERBS:
        if reporter.tag_ == "VBG" and reporter.dep_ == "advcl":
            reporter = reporter.head  # "praised it, telling reporters during a visit on Friday"
        helpers = [c for c in reporter.children if c.dep_ == "aux"]
        perfect = reporter.tag_ == "VBN" and any(h.lemma_ == "have" for h in helpers)
        return "past" if reporter.tag_ == "VBD" or perfect else "unknown"
    return "unknown"
