"""A cheap pre-filter: does an article look like diplomacy, before paying for a spaCy parse?

Two regular-expression passes over the title and the start of the body: a diplomacy lexicon and
the gazetteer's countries and organisations. Tuned for recall (a wasted parse costs little, a
skipped diplomacy article is lost), so it only rejects articles with no diplomatic vocabulary.
"""

from __future__ import annotations

import re

from bot.pipeline.language.gazetteer import canonical_org, country_of, institution_of

# Words that on their own say "foreign affairs"; one is enough together with a country.
_STRONG = (
    r"diplomat\w*|embass\w*|ambassador\w*|envoy\w*|summit\w*|foreign minist\w*|foreign secretar\w*"
    r"|secretary of state|foreign polic\w*|foreign affairs|sanction\w*|ceasefire\w*|cease-fire\w*"
    r"|truce|treat(?:y|ies)|negotiat\w*|bilateral|multilateral|talks|peace (?:plan|deal|process)"
    r"|security council|general assembly|state visit|official visit|consultations|communiqu\w*"
    r"|counterpart\w*|non-proliferation|arms control|annex\w*|sovereignty|de-escalat\w*"
)
# Weaker cues: need a second cue or a named country/organisation.
_WEAK = (
    r"minister\w*|president\w*|chancellor|prime minister|kremlin|white house|state department"
    r"|spokes(?:man|woman|person)|visit\w*|meeting\w*|met with|phone call|video call|conference"
    r"|alliance|troops|military|border|war|invasion|conflict|delegation\w*|agreement\w*"
    r"|accord|dialogue|tensions?|cooperation|partners?hip|relations|leaders?|government"
)
_STRONG_RE = re.compile(rf"\b(?:{_STRONG})\b", re.IGNORECASE)
_WEAK_RE = re.compile(rf"\b(?:{_WEAK})\b", re.IGNORECASE)
_NAME_RE = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?")
_BODY_CHARS = 4000


def _named_places(text: str) -> int:
    """How many distinct countries, organisations and institutions the text names."""
    found: set[str] = set()
    for match in _NAME_RE.finditer(text):
        phrase = match.group(0).rstrip(".")
        for candidate in (phrase, phrase.split()[0]):
            hit = country_of(candidate) or canonical_org(candidate) or institution_of(candidate)
            if hit:
                found.add(hit)
                break
    return len(found)


def is_relevant(title: str, text: str) -> bool:
    """True when the title and the start of the body carry diplomatic vocabulary."""
    if _STRONG_RE.search(title):
        return True  # a headline about talks or sanctions is worth a parse on its own
    sample = f"{title}\n{text[:_BODY_CHARS]}"
    strong = {m.group(0).lower() for m in _STRONG_RE.finditer(sample)}
    if len(strong) >= 2:
        return True
    weak = {m.group(0).lower() for m in _WEAK_RE.finditer(sample)}
    if not strong and len(weak) < 2:
        return False
    places = _named_places(sample)
    return places >= 1 if strong else places >= 2 and len(weak) >= 3
