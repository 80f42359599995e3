"""Meeting cues kept as data: which words name a meeting, and which mark its tense or its fate.

The cue nouns and verbs with their kinds are package data (`data/cue_nouns.tsv`,
`data/cue_verbs.tsv`: word, tab, kind), read once when this module is imported.
"""

from __future__ import annotations

from typing import cast, get_args

from bot.pipeline.language.tables import rows
from bot.pipeline.types import MeetingKind

_KINDS = frozenset(get_args(MeetingKind))


def _kinds(name: str) -> dict[str, MeetingKind]:
    """A `word, kind` table of `data/` (file order kept), each kind checked against MeetingKind."""
    table: dict[str, MeetingKind] = {}
    for word, kind in rows("bot.pipeline.meetings", name):
        if kind not in _KINDS:
            raise ValueError(f"{name}: {word!r} has kind {kind!r}, not one of {sorted(_KINDS)}")
        table[word] = cast(MeetingKind, kind)
    return table


# Nouns that name a meeting event, by lemma.
NOUN_KINDS: dict[str, MeetingKind] = _kinds("cue_nouns.tsv")
# Meals that are meetings when working or hosted ("will host a working dinner").
MEAL_NOUNS = frozenset({"dinner", "lunch", "luncheon", "breakfast", "banquet"})
# Nouns that a place name follows in apposition ("the Syrian capital, Damascus").
PLACE_NOUNS = frozenset({"capital", "city", "town", "port", "resort"})
# When several cue nouns describe one event ("summit meeting"), the more specific kind wins.
KIND_RANK: dict[MeetingKind, int] = {
    "summit": 6,
    "council": 5,
    "conference": 4,
    "talks": 3,
    "call": 2,
    "visit": 1,
    "meeting": 0,
}
# Groupings whose name stands for their summit: "will attend the G20", "at the APEC".
SUMMIT_GROUPS = frozenset({"G20", "G7", "APEC", "ASEAN", "BRICS", "SCO", "UN General Assembly"})
# Verbs that are an event by themselves.
VERB_KINDS: dict[str, MeetingKind] = _kinds("cue_verbs.tsv")
# Verbs of motion that make a visit when they have a destination ("travel to Geneva").
MOTION_VERBS = frozenset(
    {
        "travel",
        "fly",
        "go",
        "head",
        "come",
        "stop",
        "arrive",
        "return",
        "leave",
        "depart",
        "land",
        "tour",
    }
)
# Verbs whose event kind is weak: a cue noun below them names the event better.
WEAK_VERBS = frozenset(
    {"meet", "gather", "convene", "host", "receive", "welcome", "greet", "speak", "talk", "sit"}
)
# Nouns that only name an event with these modifiers (a "call for restraint" is no phone call).
CALL_COMPOUNDS = frozenset({"phone", "telephone", "video", "conference", "call"})
NOT_MEETING_COMPOUNDS = frozenset({"press", "news", "media"})
# A "council" or "commission" preceding these is a title, not an event ("Council President").
TITLE_HEADS = frozenset(
    {
        "president",
        "chairman",
        "chair",
        "member",
        "head",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "resolution",
        "decision",
        "vote",
        "seat",
    }
)

# A council sits when it is the subject or object of these ("will convene", "will chair").
COUNCIL_VERBS = frozenset(
    {
        "meet",
        "convene",
        "gather",
        "hold",
        "attend",
        "host",
        "chair",
        "sit",
        "open",
        "take",
        "begin",
        "join",
        "address",
        "schedule",
        "set",
        "plan",
        "due",
        "be",
    }
)
# Objects of "meet" that are people: "meet his counterpart", not "meet its obligations".
PERSON_NOUNS = frozenset(
    {
        "counterpart",
        "leader",
        "president",
        "minister",
        "delegation",
        "envoy",
        "official",
        "ambassador",
        "chancellor",
        "king",
        "pope",
        "secretary",
        "representative",
        "negotiator",
        "head",
        "premier",
        "diplomat",
        "side",
        "member",
        "people",
        "family",
        "commander",
        "general",
        "lawmaker",
        "senator",
        "mayor",
        "governor",
    }
)
# People who speak for others: never "the two leaders" an article names next.
SPOKES_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson", "mouthpiece"})
# Who else can pay a visit: "a team of inspectors will travel to", "the mission will go to".
VISITOR_NOUNS = frozenset(
    {
        "team", "mission", "inspector", "expert", "observer", "monitor", "committee", "panel",
        "troika", "party", "group", "staff", "aide", "adviser", "advisor", "chief", "pope",
        "candidate", "nominee", "prince", "princess", "queen", "emperor", "crown", "sheikh",
        "emir", "sultan", "foreign", "defence", "defense", "prime", "deputy", "vice",
    }
)  # fmt: skip
# Bodies whose sittings are no diplomatic meetings ("a joint session of Congress").
LEGISLATURES = frozenset(
    {"congress", "parliament", "senate", "duma", "knesset", "bundestag", "lame-duck", "legislative"}
)
# Loose words for talk that are a meeting only with their parties ("a conversation between").
LOOSE_TALK_NOUNS = frozenset({"conversation", "discussion"})
REPORTING_VERBS = frozenset(
    {
        "say",
        "tell",
        "announce",
        "add",
        "report",
        "confirm",
        "inform",
        "state",
        "write",
        "note",
        "declare",
        "tweet",
        "quote",
    }
)
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "should", "can", "must"})
# Governing words that make the event below them a plan ("is scheduled to meet").
FUTURE_LEMMAS = frozenset(
    {
        "schedule",
        "set",
        "due",
        "expect",
        "slate",
        "slat",  # the tagger's lemma of "slated"
        "plan",
        "prepare",
        "intend",
        "agree",
        "decide",
        "arrange",
        "go",
        "upcoming",
        "forthcoming",
    }
)
# Adverbs on a plan that say it was replaced ("initially planned for Friday").
FORMER_PLAN_WORDS = frozenset({"initially", "originally", "previously", "first", "once"})
# Nouns that make the event below them a plan ("his plans to visit", "preparations for").
PLAN_NOUNS = frozenset({"plan", "preparation", "intention"})
# Adjectives after "be" that plan the event they govern ("a round is due to begin").
DUE_WORDS = frozenset({"due", "set", "scheduled", "slated", "expected", "planned"})
# Plans that still stand when reported in the past tense ("they agreed to meet again").
LASTING_PLANS = frozenset({"agree", "decide", "arrange"})
# Governing words that mean the event will not (or may not) happen as announced.
CANCEL_LEMMAS = frozenset(
    {
        "cancel",
        "suppose",  # "was supposed to take place on April 5-6": the old slot of a moved event
        "postpone",
        "delay",
        "scrap",
        "suspend",
        "shelve",
        "rule",
        "refuse",
        "reject",
        "decline",
        "deny",
        "propose",
        "offer",
        "suggest",
        "invite",
        "hope",
        "hop",  # the tagger's lemma of "hopes"
        "want",
        "like",
        "seek",
        "consider",
        "possible",
        "ready",
        "open",
        "willing",
        "happy",  # "would be happy to meet", "would be honoured to host": a wish, not a plan
        "glad",
        "eager",
        "keen",
        "honored",
        "honoured",
        "honor",  # the tagger's lemma of "honored"
        "honour",
        "delighted",
    }
)
# Verbs that say an event happens ("which will take place", "which opens on Friday").
HAPPEN_VERBS = frozenset(
    {"take", "hold", "begin", "start", "open", "run", "convene", "happen", "occur", "end", "close"}
)
# Verbs whose object is the event happening ("held talks", "attended the summit").
LIGHT_VERBS = frozenset(
    {"hold", "have", "attend", "host", "conduct", "join", "chair", "complete", "conclude", "wrap"}
)
# Verbs that open an event: "has begun a visit", "kicked off talks" tell one under way.
BEGIN_VERBS = frozenset({"begin", "start", "kick", "launch", "embark", "open", "commence"})
# Verbs that move an event: with a new date ("postponed to Friday") it is still ahead.
RESCHEDULE_LEMMAS = frozenset(
    {"postpone", "delay", "move", "reschedule", "push", "shift", "defer", "bring"}
)
NEW_DATE_PREPOSITIONS = frozenset({"to", "until", "till", "for"})
# Adjectives among the blockers: "open to a meeting" blocks, "the summit opens" does not.
CANCEL_ADJECTIVES = frozenset(
    {"possible", "ready", "open", "willing", "happy", "glad", "eager", "keen", "delighted"}
)
# Words that make an event the background of another clause ("ahead of the summit").
CIRCUMSTANCE_WORDS = frozenset({"ahead", "before", "after", "following", "since", "prior", "amid"})
PAST_MODIFIERS = frozenset({"last", "previous", "earlier", "past", "former", "recent", "latest"})
FUTURE_MODIFIERS = frozenset({"next", "upcoming", "forthcoming", "coming", "new"})
HYPOTHETICAL_MODIFIERS = frozenset(
    {"proposed", "possible", "potential", "mooted", "hypothetical", "any", "eventual"}
)
# Prepositions that place a meeting before the main event ("following talks in Aqaba").
PAST_PREPOSITIONS = frozenset({"after", "following", "since"})
NEGATIONS = frozenset({"not", "never", "n't", "no"})
# "the two leaders" and friends: the people named just before.
PAIR_PHRASES = (
    "the two leaders",
    "both leaders",
    "the two presidents",
    "the two ministers",
    "the two foreign ministers",
    "the two heads of state",
    "the two men",
)

KIND_LABELS: dict[MeetingKind, str] = {
    "talks": "talks",
    "summit": "summit",
    "visit": "visit",
    "call": "phone call",
    "meeting": "meeting",
    "conference": "conference",
    "council": "council meeting",
}
# Family name first: "Xi Jinping" is President Xi, "Wang Yi" is Minister Wang.
FAMILY_NAME_FIRST = frozenset(
    {
        "xi", "li", "wang", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu",
        "qin", "hu", "han", "hun", "kim", "moon", "park", "yoon", "tsai", "lai", "ma", "ding",
        "guo", "cai", "zhu", "sun", "deng", "jiang", "he", "nguyen", "pham", "vo", "to",
        "wen", "xu", "gao", "luo", "zheng", "liang", "tang", "feng", "cao", "peng", "xiao",
        "tian", "dong", "yuan", "qian", "hua",
    }
)  # fmt: skip
SHORT_NAMES: dict[str, str] = {
    "United States": "US",
    "United Kingdom": "UK",
    "European Union": "EU",
    "United Nations": "UN",
}
