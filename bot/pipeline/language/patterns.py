"""Rules kept as data: reporting verbs, titles, unnamed sources and relaying outlets.

The statement extractor only walks the dependency parse; which words count as speech, as a title
or as an anonymous source is decided here, so tuning the rules is a data change. The longest
word lists are package data (`data/reporting_verbs.txt`, `role_nouns.txt`, `title_words.txt`,
one word per line), read once when this module is imported.
"""

from __future__ import annotations

import re

from bot.pipeline.language.tables import words

_PACKAGE = "bot.pipeline.language"

# Lemmas that attribute a quotation to its subject ("...," Lavrov said / warned / tweeted).
REPORTING_VERBS: frozenset[str] = words(_PACKAGE, "reporting_verbs.txt")

# Verbs that introduce quoted words but never a reported clause ('"...," X barked'): cues of
# direct quotations only, so "yelled that ..." stays out of reported speech.
QUOTE_ONLY_VERBS: frozenset[str] = frozenset(
    {"bark", "boom", "yell", "scream", "gloat", "thunder", "mutter", "whisper", "sneer",
     "quip", "laugh", "chuckle", "sigh", "grumble", "fume", "gush", "marvel", "plead",
     "exclaim", "retort", "interject"}
)  # fmt: skip
# Particle verbs that introduce quoted words: "shot back", "went on", "chimed in".
QUOTE_PARTICLE_VERBS: frozenset[tuple[str, str]] = frozenset(
    {("shoot", "back"), ("fire", "back"), ("hit", "back"), ("snap", "back"), ("go", "on"),
     ("chime", "in")}
)  # fmt: skip

# Of those, the verbs whose clausal complement is something the speaker asserts: "X denied
# that..." or "X asked whether..." would turn the content upside down if shown bare.
INDIRECT_VERBS: frozenset[str] = REPORTING_VERBS - {
    "deny", "ask", "reject", "dismiss", "describe", "accuse", "object", "protest", "respond",
    "answer", "reply", "believe", "post", "continue", "agree", "shout", "demand",
    "signal", "threaten", "joke", "lament", "recommend", "propose", "forecast", "estimate",
    "wonder", "muse", "scoff", "snap", "interject", "repeat",
}  # fmt: skip

# Heads of "the minister said"-style descriptions that can be resolved to a named speaker.
ROLE_NOUNS: frozenset[str] = words(_PACKAGE, "role_nouns.txt")

# Institutional nouns that speak for a government ("the ministry said").
INSTITUTION_NOUNS: frozenset[str] = frozenset(
    {
        "ministry", "department", "office", "kremlin", "government", "cabinet", "embassy",
        "mission", "administration", "presidency", "secretariat", "commission", "council",
        "parliament", "house", "palace", "chancellery", "agency", "service", "command",
        "headquarters", "army", "military", "delegation", "court",
    }
)  # fmt: skip

# Words that make up a title or role in front of a name ("Russian Foreign Minister Lavrov").
TITLE_WORDS: frozenset[str] = words(_PACKAGE, "title_words.txt")

# Honorifics: part of how a person is addressed, never part of the name or the role.
HONORIFICS: frozenset[str] = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "madam", "lord"}
)
FEMALE_HONORIFICS: frozenset[str] = frozenset({"mrs", "mrs.", "ms", "ms.", "madam", "dame"})
MALE_HONORIFICS: frozenset[str] = frozenset({"mr", "mr.", "sir", "lord"})
FEMALE_NOUNS: frozenset[str] = frozenset(
    {"spokeswoman", "chairwoman", "queen", "woman", "congresswoman", "businesswoman"}
)
MALE_NOUNS: frozenset[str] = frozenset(
    {"spokesman", "chairman", "king", "prince", "emir", "sheikh", "man", "congressman"}
)

# Subjects that never make a statement: unnamed sources and generic groups.
UNNAMED_SOURCES: frozenset[str] = frozenset(
    {
        "official", "officials", "source", "sources", "diplomat", "diplomats", "analyst",
        "analysts", "expert", "experts", "observer", "observers", "people", "person",
        "insider", "insiders", "aide", "aides", "someone", "critic", "critics", "witness",
        "witnesses", "resident", "residents", "report", "reports", "media", "statement",
        "lawmakers", "legislators", "participants", "organizers", "organisers", "some",
        "others", "many", "both", "all", "few", "most", "several", "who", "which", "that",
        "documents", "document", "study", "survey", "poll", "polls", "data", "newspaper",
        "outlet", "agency", "site", "website", "channel", "broadcaster", "commentators",
        "activists", "protesters", "authorities", "spokespeople", "representatives",
    }
)  # fmt: skip

# News outlets that relay others' words: "Reuters reported" is not a statement by Reuters.
OUTLETS: frozenset[str] = frozenset(
    {
        "reuters", "ap", "associated press", "afp", "agence france-presse", "tass",
        "ria novosti", "ria-novosti", "ria", "interfax", "xinhua", "bbc", "cnn", "al jazeera",
        "bloomberg", "dpa", "efe", "ansa", "kyodo", "yonhap", "anadolu", "irna", "kcna",
        "ukrinform", "unian", "sputnik", "rt", "izvestia", "kommersant", "vedomosti",
        "the new york times", "new york times", "the washington post", "washington post",
        "the guardian", "financial times", "the wall street journal", "wall street journal",
        "politico", "axios", "nhk", "cctv", "global times", "pti", "wafa", "sana", "isna",
        "fars", "tasnim", "interfax-ukraine", "rbc", "ntv", "channel one", "euronews",
        "le monde", "der spiegel", "spiegel", "bild", "abc", "nbc", "cbs", "fox news", "npr",
        "times", "post", "journal", "herald", "tribune", "gazette", "daily", "msnbc", "fox",
    }
)  # fmt: skip

# Last words that make an organisation a news outlet ("the Boston Globe", "Fox News").
OUTLET_WORDS: frozenset[str] = frozenset(
    {"times", "post", "journal", "globe", "news", "magazine", "radio", "tv", "television",
     "herald", "tribune", "gazette", "daily", "press", "telegraph"}
)  # fmt: skip

# Audiences of "told X" that are not addressees in the diplomatic sense but still useful.
AUDIENCE_DEPS: frozenset[str] = frozenset({"dobj", "dative", "iobj"})

# Heads of "according to a statement from X" whose "from/by/of" object is the real speaker.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    {
        "statement",
        "readout",
        "communique",
        "communiqué",
        "transcript",
        "post",
        "interview",
        "release",
        "declaration",
    }
)

# Modal or hypothetical markers that make a reporting verb not report anything yet.
HYPOTHETICAL_MARKERS: frozenset[str] = frozenset(
    {"if", "whether", "unless", "will", "would", "could", "might", "may", "should", "shall",
     "can", "must", "'ll", "wo", "ca"}
)  # fmt: skip

# Heads that turn an infinitival "to say" into a non-statement ("declined to say").
NEGATING_HEADS: frozenset[str] = frozenset(
    {"decline", "refuse", "fail", "hesitate", "want", "expect", "plan", "try", "ask", "like"}
)

# Opening and closing quotation marks; straight marks are oriented by their neighbours.
DOUBLE_OPEN: frozenset[str] = frozenset({"“", "„", "«"})
DOUBLE_CLOSE: frozenset[str] = frozenset({"”", "»"})
DOUBLE_ANY: frozenset[str] = frozenset({'"', "‟", "″"})
SINGLE_OPEN: frozenset[str] = frozenset({"‘", "‚", "‹"})
SINGLE_CLOSE: frozenset[str] = frozenset({"’", "›"})

# Common female first names in diplomacy news and Slavic female surname endings: used only to
# keep "she said" from resolving to a man when both are in the paragraph.
FEMALE_FIRST_NAMES: frozenset[str] = frozenset(
    {
        "annalena", "liz", "ursula", "kamala", "jen", "wendy", "maria", "victoria", "linda",
        "nancy", "hillary", "angela", "theresa", "kaja", "mette", "sanna", "jacinda", "marise",
        "penny", "karine", "catherine", "christine", "samantha", "margarethe", "sophie", "anne",
        "anna", "jennifer", "elizabeth", "mary", "olena", "iryna", "irina", "valentina",
        "roberta", "giorgia", "nicola", "emine", "tsai", "hua", "yulia", "natalia", "olga",
        "svetlana", "tatiana", "ekaterina", "elena", "helena", "ingrid", "magdalena", "mariya",
        "retno", "naledi", "sheikh", "melanie", "antonia", "sigrid", "judith", "madeleine",
        "condoleezza", "federica", "josep", "kristalina", "michele", "michelle",
        "dominique", "karen", "laura", "julie", "susan", "sarah", "nadia", "hanna", "jill",
        "alena", "jacqueline", "marine", "agnes", "agnès", "beata", "ewa",
    }
) - {"josep", "sheikh", "nicola"}  # fmt: skip
# Common male first names in diplomacy news: a "she said" must never resolve to them.
MALE_FIRST_NAMES: frozenset[str] = frozenset(
    {
        "donald", "joe", "joseph", "vladimir", "sergei", "sergey", "dmitry", "dmitri", "xi",
        "emmanuel", "olaf", "friedrich", "keir", "boris", "rishi", "narendra", "recep",
        "benjamin", "antony", "marco", "jd", "mike", "john", "james", "david", "mark", "jens",
        "antonio", "antónio", "volodymyr", "dmytro", "andriy", "andrii", "rustem", "yuri",
        "yury", "alexander", "aleksandr", "mikhail", "nikolai", "viktor", "ilham", "nikol",
        "ararat", "hakan", "mohammed", "muhammad", "abbas", "ali", "hassan", "ayman", "badr",
        "wang", "li", "fumio", "shigeru", "yoon", "lee", "justin", "anthony", "scott", "pete",
        "steve", "steven", "peter", "josep", "pedro", "giorgio", "sergio", "luiz", "javier",
        "jake", "lloyd", "matthew", "william", "robert", "richard", "charles", "paul", "michael",
        "thomas", "tom", "rafael", "kassym-jomart", "kasym-zhomart", "shavkat", "emomali",
        "sadyr", "alexei", "alexey", "andrzej", "radoslaw", "kestutis", "gabrielius", "zamir",
        "abdullah", "faisal", "mohammad", "masoud", "ismail", "isaac",
    }
)  # fmt: skip
FEMALE_SURNAME_ENDINGS: tuple[str, ...] = ("ova", "eva", "ina", "aya", "ska", "ková", "ová")

# Verbs of appeal whose object and infinitive are the content ("urged Russia to pull back").
APPEAL_VERBS: frozenset[str] = frozenset({"urge", "call", "appeal"})

# Words opening an indirect question: "did not say whether ..." reports no assertion.
QUESTION_WORDS: frozenset[str] = frozenset(
    {"whether", "if", "what", "which", "who", "whom", "how", "why", "when", "where", "whatever",
     "whoever", "however", "whichever"}
)  # fmt: skip

# A wire dateline opening the body ("MOSCOW (Reuters) -", "KYIV, Ukraine (AP) —", "PARIS —",
# "MOSCOW, March 4. /TASS/.", "SALEM, Ore. -", "DOVER, N.H. --"; a US state or short place after the
# comma needs no agency for a plain hyphen):
# a place, never the subject of the sentence the parser may glue it to.
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .'-]{1,30}(?:,[^()\n]{1,30})?\s*(?:\([^)\n]{1,40}\)\s*[-—–]+|[—–])"
    r"|[A-Z][A-Za-z .'-]{1,30}(?:,[^()\n]{1,30})?\s*\([^)\n]{1,40}\)\s*[-—–]+"
    r"|[A-Z][A-Z .'-]{1,30},[^/\n]{1,30}/[A-Za-z-]{2,20}/\.?"
    r"|[A-Z][A-Z .'-]{1,30}, (?:(?:[A-Z]\.){2,3}|[A-Z][a-z]{1,12}\.?)\s+[-—–]+)\s+"
)
