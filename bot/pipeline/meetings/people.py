"""Who takes part in a meeting: named people, countries and organisations, pronouns resolved."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.pipeline.language.cities import city_country
from bot.pipeline.language.gazetteer import (
    canonical_org,
    capital_country,
    country_of,
    institution_of,
)
from bot.pipeline.meetings import cues
from bot.pipeline.meetings.events import Event

_PERSONISH = frozenset({"compound", "amod", "nmod", "poss", "appos", "pobj", "prep"})
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_LABEL_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "city", "LOC": "place", "FAC": "place"}
_TOPIC_PREPOSITIONS = frozenset({"on", "about", "over", "regarding", "concerning"})

Named = tuple[str, str]  # (name, kind): kind is person, country, org, city or place


def _clean(text: str) -> str:
    text = text.removesuffix("'s").removesuffix("’s").strip()
    return text[4:] if text.lower().startswith("the ") else text


@dataclass
class People:
    """Persons of the article: full names (to resolve "Scholz"), recent mentions and subjects."""

    known: list[str] = field(default_factory=list)
    recent_names: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    tellers: set[str] = field(default_factory=set)  # spokesmen and others who only report

    @classmethod
    def of(cls, doc: Doc) -> People:
        """Seed with every multi-word person name, so a headline surname resolves too."""
        names = [_clean(e.text) for e in doc.ents if e.label_ == "PERSON"]
        return cls(known=list(dict.fromkeys(n for n in names if " " in n)))

    def resolve(self, name: str) -> str | None:
        """The full name a (sur)name stands for ("Scholz" -> "Olaf Scholz"), if known."""
        words = name.split()
        for known in self.known:
            parts = known.split()
            if words == parts[-len(words) :] or (len(words) == 1 and words[0] in parts):
                return known
        return None

    def note(self, ents: list[Span]) -> None:
        """Remember the persons of a processed sentence (its entities), and which was its subject.

        A reporter ("..., Ryabkov said") is noted before the subject of what was reported, so
        that a later "he" is the person the news is about.
        """
        reporting = [e for e in ents if e.root.head.lemma_.lower() in cues.REPORTING_VERBS]
        for ent in [*reporting, *(e for e in ents if e not in reporting)]:
            if ent.label_ != "PERSON" and self.resolve(_clean(ent.text)) is None:
                continue
            name = self.resolve(_clean(ent.text)) or _clean(ent.text)
            for memory in (self.recent_names, self.subjects):
                if name in memory:
                    memory.remove(name)
            self.recent_names.append(name)
            if _tells(ent):
                self.tellers.add(name)
            if ent.root.dep_ in {"nsubj", "nsubjpass"}:
                self.subjects.append(name)


def _tells(ent: Span) -> bool:
    """ "her spokesman Ben Torrey told reporters": a spokesperson, who speaks for others."""
    root = ent.root
    near = [root.head, *root.children, *ent.doc[max(ent.start - 3, 0) : ent.start]]
    return any(t.lower_ in cues.SPOKES_WORDS for t in near)


def canonical(text: str, label: str, people: People) -> Named | None:
    """(name, kind) of a named thing, the gazetteer and the article's people before the label."""
    text = _clean(text)
    if country := country_of(text):
        return country, "country"
    if capital_country(text) or (label in {"GPE", "LOC"} and city_country(text)):
        return text, "city"
    if org := canonical_org(text) or institution_of(text):
        return org, "country" if country_of(org) else "org"
    if person := people.resolve(text):
        return person, "person"
    if label in _LABEL_KINDS and text[:1].isupper():
        return text, _LABEL_KINDS[label]
    return None


def _modifies_person(ent: Span) -> bool:
    """ "Ukrainian" in "Ukrainian President Volodymyr Zelensky" describes the person."""
    node = ent.root
    for _ in range(5):
        if node.dep_ not in _PERSONISH or node.head == node:
            return False
        node = node.head
        if node.ent_type_ == "PERSON" and not ent.start <= node.i < ent.end:
            return True
    return False


def _topics(event: Event, inside: set[int]) -> set[int]:
    """Tokens of what the meeting is about ("to discuss the Russian buildup", "talks on Iran")."""
    cue = {t.i for t in event.tokens}
    skipped: set[int] = set()
    for tok in event.sent:
        if tok.i not in inside or tok.i in cue:
            continue
        purpose = tok.dep_ in {"advcl", "xcomp"} and any(c.tag_ == "TO" for c in tok.children)
        topic = tok.dep_ == "prep" and tok.lower_ in _TOPIC_PREPOSITIONS and tok.head.i in cue
        if (purpose and tok.lemma_.lower() not in cues.VERB_KINDS) or topic:
            skipped |= {t.i for t in tok.subtree}
    return skipped


def _named_things(event: Event, inside: set[int], people: People) -> list[tuple[int, Named]]:
    cue = {t.i for t in event.tokens}
    found: list[tuple[int, Named]] = []
    covered: set[int] = set()
    for ent in event.ents:
        covered |= set(range(ent.start, ent.end))
        if ent.root.i not in inside or ent.label_ not in _NAMED or _modifies_person(ent):
            continue
        if cue & set(range(ent.start, ent.end)):  # "NATO-Russia Council": its members take part
            found += [(t.i, n) for t in ent if (n := _gazetteer(t)) is not None]
        elif (named := canonical(ent.text, ent.label_, people)) is not None:
            named = _headline_subject(ent, _partner(ent, named), event)
            found.append((ent.start, _titled_person(ent, named)))
    for tok in event.sent:
        if tok.i in inside and tok.i not in covered and tok.pos_ == "PROPN":
            named = _gazetteer(tok) or canonical(tok.text, "", people)
            if named is None and not event.is_title:  # headlines capitalise every word
                named = _bare_subject(tok)
            if named is not None and not _modifies_person(event.sent.doc[tok.i : tok.i + 1]):
                found.append((tok.i, named))
    return sorted(found)


def _partner(ent: Span, named: Named) -> Named:
    """ "talks with Fidan": an unknown "place" one meets with is a person (a tagger slip)."""
    name, kind = named
    with_object = ent.root.dep_ == "pobj" and ent.root.head.lower_ == "with"
    return (name, "person") if kind == "city" and with_object else named


def _bare_subject(tok: Token) -> Named | None:
    """ "Sybiha is due in Ankara": a lone capitalised subject the tagger left unnamed."""
    lone = not any(c.dep_ == "compound" for c in tok.children) and tok.dep_ == "nsubj"
    return (tok.text, "person") if lone and tok.text[:1].isupper() else None


def _headline_subject(ent: Span, named: Named, event: Event) -> Named:
    """ "Blinken to visit Kyiv": a headline's unknown first name is a person, whatever NER says."""
    name, kind = named
    known = capital_country(name) or canonical_org(name) or institution_of(name)
    first = event.is_title and ent.start == event.sent.start
    return (name, "person") if first and kind in {"city", "org"} and not known else named


def _titled_person(ent: Span, named: Named) -> Named:
    """ "Chancellor Olaf Scholz" is a person even when NER calls him an organisation."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    titled = before is not None and before.lower_ in cues.PERSON_NOUNS
    return (named[0], "person") if titled and named[1] in {"org", "city"} else named


def _gazetteer(tok: Token) -> Named | None:
    if country := country_of(tok.text):
        return country, "country"
    org = canonical_org(tok.text)
    if org is None and tok.i + 2 < len(tok.doc) and tok.nbor(1).lower_ == "of":
        org = canonical_org(f"{tok.text} of {tok.nbor(2).text}")  # "Group of Seven"
    return (org, "org") if org else None


def participants_of(
    event: Event, inside: set[int], people: People, place: str | None
) -> list[Named]:
    """Named people, countries and organisations in the event's clause, plus resolved pronouns."""
    where = (inside - _topics(event, inside) - _sources(event)) | _inherited_subject(event)
    found: list[Named] = []
    for _, (name, kind) in _named_things(event, where, people):
        if kind != "country" and event.kind == "visit" and place and name == place:
            kind = "city"  # "visit Sochi", whatever NER called the city
        if kind == "city" and event.kind == "visit" and place and name in place:
            name, kind = capital_country(name) or city_country(name) or name, "country"
        if kind not in {"city", "place"}:
            found.append((name, kind))
    named = {n for n, _ in found}
    found = [(n, "person") for n in _coreferent(event, where, people, named)] + found
    return list(dict.fromkeys(found))


def _sources(event: Event) -> set[int]:
    """Who tells of the meeting, not in it: "..., Kremlin spokesman Dmitry Peskov told
    reporters", "according to the Foreign Ministry". The teller of "we will meet" is in it,
    and "Macron said he will visit" is resolved through the pronoun."""
    told: set[int] = set()
    for tok in event.sent:
        if tok.lower_ == "according" and tok.dep_ == "prep":
            told |= {t.i for t in tok.subtree}
        if tok.lemma_.lower() not in cues.REPORTING_VERBS or tok.pos_ not in {"VERB", "AUX"}:
            continue
        for child in tok.children:
            subject = {t.i for t in child.subtree}
            if child.dep_ in {"nsubj", "nsubjpass"} and event.anchor.i not in subject:
                told |= subject
    return told if not _first_person_clause(event.anchor) else set()


def _first_person_clause(anchor: Token) -> bool:
    """ "We will meet them next week," he said: the teller takes part."""
    clause = next((a for a in [anchor, *anchor.ancestors] if a.pos_ in {"VERB", "AUX"}), anchor)
    return any(c.lower_ in {"we", "i"} for c in clause.children if c.dep_.startswith("nsubj"))


def _inherited_subject(event: Event) -> set[int]:
    """ "Modi will be in New York ..., before travelling to Washington": the traveller is Modi."""
    node = event.anchor
    for _ in range(4):
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
            return set()
        if (
            node.dep_ not in {"advcl", "conj", "xcomp", "pcomp", "pobj", "prep", "acomp", "acl"}
            or node.head == node
        ):
            return set()
        node = node.head
        owner = [c for c in node.children if c.dep_ == "poss"]
        if node.lemma_.lower() in cues.PLAN_NOUNS and owner:
            return {t.i for t in owner[0].subtree}  # "Fidan's plans to visit Washington"
        subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.lower_ in {"who", "that"} and node.dep_ == "relcl":
            # "Netanyahu, who is due to meet Trump": the relative pronoun's antecedent
            return {t.i for t in node.head.subtree} - {t.i for t in node.subtree}
        if subject is not None:
            return {t.i for t in subject.subtree}
    return set()


def _coreferent(event: Event, inside: set[int], people: People, named: set[str]) -> list[str]:
    """ "the two leaders" -> the two people named before; "he" -> the last subject."""
    text = event.sent.text.lower()
    if any(phrase in text for phrase in cues.PAIR_PHRASES):
        recent = [n for n in reversed(people.recent_names) if n not in people.tellers]
        return [n for n in recent if n not in named][:2]
    pronouns = [t for t in event.sent if t.i in inside and stands_for_person(t)]
    if not pronouns:
        return []
    if (reporter := _reporter_of(pronouns[0], people)) is not None:
        return [] if reporter in named else [reporter]  # "Macron said he will visit China"
    last = people.subjects[-1:]  # "he" is the last subject, even when also named here
    return [n for n in last if n not in named]


def _reporter_of(pronoun: Token, people: People) -> str | None:
    """The person whose words the pronoun's clause reports, in the same sentence."""
    for node in pronoun.ancestors:
        if node.lemma_.lower() not in cues.REPORTING_VERBS:
            continue
        for subject in (c for c in node.children if c.dep_ == "nsubj"):
            if subject.ent_type_ == "PERSON":
                ent = next(e for e in pronoun.sent.ents if e.start <= subject.i < e.end)
                return people.resolve(_clean(ent.text)) or _clean(ent.text)
        return None
    return None


def stands_for_person(tok: Token) -> bool:
    """A subject that points back to a person: "he", "she", "the chancellor", "the Secretary"."""
    if not tok.dep_.startswith("nsubj"):
        return False
    if tok.lower_ in {"he", "she"}:
        return True
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    named = any(t.ent_type_ in {"PERSON", "GPE", "NORP", "ORG"} for t in tok.subtree if t != tok)
    return definite and not named and tok.lemma_.lower() in cues.PERSON_NOUNS
