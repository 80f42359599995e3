"""Who is speaking: turn the subject of a reporting verb into a named, canonical speaker.

Names are canonicalised within the article (the fullest form whose surname matches, tolerant of
transliteration), roles and affiliations come from the noun phrase around the name, and pronouns
or descriptions ("he", "the minister", "the 78-year-old") resolve to the most recent compatible
speaker or subject. Anything unresolved yields None: no speaker is better than a wrong one.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from bot.pipeline.language import gazetteer
from bot.pipeline.language.names import NameBook
from bot.pipeline.language.patterns import (
    DOCUMENT_NOUNS,
    FEMALE_NOUNS,
    INSTITUTION_NOUNS,
    MALE_NOUNS,
    OUTLET_WORDS,
    OUTLETS,
    ROLE_NOUNS,
    TITLE_WORDS,
    UNNAMED_SOURCES,
)
from bot.pipeline.language.phrases import (
    appositions,
    entity_of,
    institution_name,
    introduced_unnamed,
    introduces_someone,
    is_age,
    noun_phrase,
    owner,
    person_inside,
    proper_chain,
    role_test,
    strip_det,
    unknown_modifier,
)
from bot.pipeline.language.roles import affiliation_of, is_title_phrase
from bot.pipeline.statements.institutions import (
    chief_diplomat_of,
    indefinite,
    is_body,
    is_foreign_minister,
    ministry_of_role,
    national_institution,
    possessive_pronoun,
    unnamed_or_outlet,
)
from bot.pipeline.statements.mentions import Mentions, Speaker
from bot.pipeline.statements.subjects import (
    dateline,
    later_subject,
    split_subject,
    subject_or_conjunct,
)

# "the agency", "the organization", "the alliance": an international body named before.
_BODY_NOUNS = frozenset({"agency", "organization", "alliance"})
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_NOT_NAMES = _ORG_LABELS | {"LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"}
_AUTHOR_WINDOW = 400  # tokens back to the sentence that says who issued "the statement"
_MAX_JOINT = 4  # "A, B, C and D said": more is a list, not a joint speaker
# Bodies that speak for one named person: "Kellberg's office", "the Ruiz campaign", "the prime
# minister's office" (the holder named before).
_PERSONAL_BODIES = frozenset({"office", "campaign", "camp", "team", "government", "administration"})
_NOT_JOINT = frozenset({"or", "nor", "either"})


def _international(speaker: object) -> bool:
    """An organisation the gazetteer knows (the EU, ASEAN, SADC), not a national ministry."""
    return gazetteer.canonical_org(getattr(speaker, "name", "")) is not None


def _org_not_title(ent: Span) -> bool:
    """ "NATO said": a known organisation speaks even though its name also heads titles
    ("NATO Secretary General"); "Foreign Minister" tagged as an ORG does not."""
    return not is_title_phrase(ent.text) or gazetteer.canonical_org(ent.text) is not None


def _org_text(text: str) -> str:
    """An organisation's name as the NER spanned it, without the article, a leading lower-case
    qualifier ("the nonpartisan Congressional Budget Office") or what a dash or bracket glued on
    ("the Tax Policy Center - half of ...")."""
    text = re.split(r"\s[-–—]\s|\s?\(", strip_det(text))[0]
    words = text.split()
    while len(words) > 1 and words[0].islower():
        words.pop(0)
    return " ".join(words)


class SpeakerResolver(Mentions):
    """Resolves subjects to speakers for one document, remembering who spoke and who acted."""

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self.doc = doc
        self._joining = False
        self.book = NameBook(doc)
        for ent in doc.ents:
            speaker: Speaker | None = None
            if ent.label_ == "PERSON":
                speaker = self._person(ent)
            elif ent.label_ in {"ORG", "FAC"} and (
                ent.root.lower_ in INSTITUTION_NOUNS or gazetteer.canonical_org(ent.text)
            ):
                speaker = self._organisation(ent.root, ent)
            if speaker is not None:
                subject = subject_or_conjunct(ent.root)
                self._mentions.append((ent.start, speaker, subject is not None))
                if subject is not None and (subject.conjuncts or subject.dep_ == "conj"):
                    self._together[ent.start] = min(t.i for t in (subject, *subject.conjuncts))

    def resolve(self, head: Token, continues: bool = False) -> Speaker | None:
        """The speaker a subject token stands for, or None when it is unnamed or unresolvable.

        With `continues` (the cue is "added", "went on"), a pronoun is the last speaker of the
        same gender: "X said ... The king will host it, he added" is still X, not the king."""
        lower = head.lower_
        if lower in {"he", "she", "him", "her"}:
            gender = "female" if lower in {"she", "her"} else "male"
            if continues and (last := self._last_speaker(head.i, gender)) is not None:
                return last
            return self._antecedent(head.i, gender)
        if lower == "it":
            return self._antecedent(head.i, None, want="org")
        if head.pos_ == "PRON":
            return None  # "we", "they": not one named speaker
        if dateline(head):  # "LONDON (Reuters) - X said": the place is furniture, X speaks
            later = later_subject(head)
            return self.resolve(later, continues) if later is not None else None
        if not self._joining and any(c.dep_ == "conj" for c in head.children):
            return self._joint(head)  # "Poland and Lithuania said"; "Hawkins and others": none
        chain = proper_chain(head)
        if (country := gazetteer.institution_of(chain)) is not None:
            return Speaker(strip_det(chain), "org", None, country)
        proper = head.pos_ == "PROPN" or (head.text.isupper() and len(head.text) > 1)
        if proper and (org := gazetteer.canonical_org(strip_det(chain))):
            return Speaker(org, "org", None, org)  # "SADC said", even when tagged a PERSON
        if head.lemma_.lower() in ROLE_NOUNS or head.lower_ in TITLE_WORDS:
            inner = person_inside(head) or split_subject(head)
            if inner is not None and (named := self._name_at(inner)) is not None:
                return named  # "Secretary General of the CSTO Stanislav Zas"
        for child in appositions(head):
            if (named := self._name_at(child)) is not None:
                return named  # "Russia's envoy, Mikhail Ulyanov," / "Ukraine's president, X"
        ent = entity_of(head)
        surname = head.text.istitle() and head.pos_ == "NOUN" and ent is None
        if surname and (name := self.book.by_surname(head.text, head.i)) is not None:
            return self._profiled(name)  # "Safadi, for his part, warned": tagged a noun
        is_name = head.pos_ == "PROPN" or (ent is not None and ent.label_ == "PERSON")
        if is_name and (named := self._name_at(head)) is not None:
            return named
        if ent is not None and ent.label_ in _ORG_LABELS and _org_not_title(ent):
            return self._organisation(head, ent)
        return self._description(head)

    def _joint(self, head: Token) -> Speaker | None:
        """Conjoined subjects that are each a named speaker speak together ("the EU and the UK
        said in a joint statement" is "European Union and United Kingdom"); one conjunct that
        is unnamed, a pronoun or a group ("Trump and his aides"), or an "or", gives none."""
        if any(c.dep_ in {"cc", "preconj"} and c.lower_ in _NOT_JOINT for c in head.children):
            return None
        conjuncts = [head, *head.conjuncts]
        if len(conjuncts) > _MAX_JOINT:
            return None
        self._joining = True
        try:
            parts = [self.resolve(token) for token in conjuncts]
        finally:
            self._joining = False
        names = [p.name for p in parts if p is not None]
        if len(names) != len(conjuncts) or len(set(names)) != len(names):
            return None
        if any(a != b and a in b for a in names for b in names):
            return None  # "Mrs. Clinton and her campaign": one voice, not two
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        shared = {p.affiliation for p in parts if p is not None}
        return Speaker(joined, "other", None, shared.pop() if len(shared) == 1 else None)

    def _name_at(self, token: Token) -> Speaker | None:
        """A person named at `token`: a PERSON entity, a known surname the NER mislabelled, or
        an unlabelled multi-word proper name (transliterated names often escape the NER)."""
        ent = entity_of(token)
        if ent is not None and (ent.label_ == "PERSON" or self.book.knows(ent)):
            return self._person(ent)
        if (name := self.book.by_surname(token.text, token.i)) is not None:
            return self._profiled(name)
        if ent is not None and ent.label_ in _NOT_NAMES:
            return None  # a place or organisation, or "Saturday" glued to the subject
        if (name := self.book.add_chain(token)) is not None:
            return self._profiled(name)
        return None

    def _profiled(self, name: str) -> Speaker:
        """A person speaker with the role, affiliation and gender the article gives."""
        role, affiliation, gender = self.book.profile(name)
        return Speaker(name, "person", role, affiliation, gender)

    def _person(self, ent: Span) -> Speaker | None:
        """A PERSON entity as a canonical speaker with the best role and affiliation known."""
        name = self.book.canonical(ent)
        if name is None or name.casefold() in OUTLETS:
            return None
        return self._profiled(name)

    def _organisation(self, head: Token, ent: Span) -> Speaker | None:
        """An institution, organisation or country speaking ("the Kremlin", "NATO", "Russia")."""
        if self.book.knows(ent):
            return self._person(ent)
        text = _org_text(ent.text)
        if not text:
            return None
        if text.casefold() in OUTLETS or unnamed_or_outlet(head, text):
            return None
        if text.split()[-1].casefold() in OUTLET_WORDS:
            return None  # "the Boston Globe reported": an outlet relaying, not a speaker
        if head.pos_ == "PROPN" and (name := self.book.by_surname(head.text, head.i)) is not None:
            return self._profiled(name)  # "Orban said", with "Orban" tagged as an ORG
        if ent.label_ == "NORP" and head.lower_ not in INSTITUTION_NOUNS:
            return None  # "Russians said": a people, not a speaker
        phrase = noun_phrase(head)
        of_phrases = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        phrase += sorted(
            {t for c in of_phrases for t in c.subtree} | {t for t in ent if t.i > head.i},
            key=lambda t: t.i,
        )  # "Ministry of Foreign Affairs of Ukraine"
        country = affiliation_of(phrase) or gazetteer.institution_of(text)
        if (org := gazetteer.canonical_org(text)) is not None and head.pos_ == "PROPN":
            return Speaker(org, "org", None, org)  # "International Atomic Energy Agency"
        if head.lower_ in INSTITUTION_NOUNS or gazetteer.institution_of(text):
            name = institution_name(phrase, country)
            return Speaker(name, "org", None, country)
        if (org := gazetteer.canonical_org(text)) is not None:
            return Speaker(org, "org", None, org)
        if (state := gazetteer.country_of(text) or gazetteer.capital_country(text)) is not None:
            return Speaker(state, "country", None, state)
        if ent.label_ != "ORG":
            return None
        if len(ent) == 1 and head.pos_ == "PROPN" and text.istitle() and head.dep_ == "nsubj":
            return self._profiled(self.book.add_surname(head))  # "Peskov said", tagged ORG
        return Speaker(text, "org", None, country)

    def _description(self, head: Token) -> Speaker | None:
        """Descriptions ("the minister", "the ministry") and unrecognised proper names."""
        lemma = head.lemma_.lower()
        dets = {c.lower_ for c in head.children if c.dep_ in {"det", "poss"}}
        if any(c.dep_ == "poss" and affiliation_of([c]) for c in head.children):
            dets.add("the")  # "the EU's top diplomat": the owner makes it definite
        if head.tag_ in {"NNS", "NNPS"} or indefinite(head):
            return None  # groups ("officials") and "a NATO official" are never one named speaker
        if lemma == "organisation":
            lemma = "organization"
        if lemma in _BODY_NOUNS and dets == {"the"}:  # "the agency": one the article named
            return self._match(head.i, "org", is_body(lemma), None)
        if lemma == "bloc" and "the" in dets:  # "the regional bloc": an international body
            return self._match(head.sent.start, "org", _international, None)
        if lemma in DOCUMENT_NOUNS and dets == {"the"}:
            return self._author(head)
        if lemma in UNNAMED_SOURCES and (lemma not in ROLE_NOUNS or "the" not in dets):
            return None  # "officials said", "NATO official says": unnamed sources
        if lemma in UNNAMED_SOURCES and introduced_unnamed(head):
            return None  # "a senior official said ... The official added": still unnamed
        if is_age(head):
            return self._match(head.i, "person", lambda s: True, None)
        if lemma == "counterpart":
            return self._counterpart(head)
        if lemma in _PERSONAL_BODIES and (body := self._personal_body(head)) is not None:
            return body
        if (national := national_institution(head)) is not None:
            return Speaker(national[0], "org", None, national[1])
        if (pronoun := possessive_pronoun(head)) is not None:
            return self._own_institution(head, pronoun)
        if "the" not in dets and head.i > 0 and head.nbor(-1).dep_ != "compound":
            return None  # "a senior official", "ministry spokesman" alone: unnamed
        if lemma in INSTITUTION_NOUNS and (institution := owner(head)) is not None:
            return self.resolve(institution)  # "the press service of the Kremlin"
        if (country := chief_diplomat_of(head)) is not None:
            return self._match(head.i, "person", is_foreign_minister, country)
        if introduces_someone(head):
            return None  # "the deputy head of China's delegation": a new, unnamed person
        wanted = affiliation_of(noun_phrase(head))
        if unknown_modifier(head):
            return None  # "the Florida senator": a qualifier we cannot check against anyone
        if lemma in INSTITUTION_NOUNS:
            return self._match(head.i, "org", lambda s: lemma in s.name.lower(), wanted)
        if lemma in ROLE_NOUNS:
            gender = "female" if lemma in FEMALE_NOUNS else "male" if lemma in MALE_NOUNS else None
            test = role_test(head)
            if wanted is None and self._tied_holders(head, test, gender):
                return None  # "President A received President B. The president said": either
            return self._match(head.i, "person", test, wanted, gender, main=True)
        if lemma in {"man", "woman"}:
            return self._match(head.i, "person", lambda s: True, wanted)
        return None

    def _personal_body(self, head: Token) -> Speaker | None:
        """ "X's office said", "the Ruiz campaign said", "his campaign said": the body of the person
        the owner resolves to, named after them ("Tomas Kellberg's office")."""
        owners = [c for c in head.children if c.dep_ == "poss"]
        owners += [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if len(owners) != 1 or indefinite(head):
            return None
        person = self.resolve(owners[0])
        if person is None or person.type != "person":
            return None
        return Speaker(f"{person.name}'s {head.lower_}", "org", None, person.affiliation)

    def _tied_holders(self, head: Token, test: object, gender: str | None) -> bool:
        """Two holders of a bare title named just before it, neither the one the article is
        about (named more often so far): "the president" could be either."""
        nearby = self._holders_nearby(head, test, gender)
        if len(nearby) < 2:
            return False
        counts = {name: 0 for name in nearby}
        for pos, speaker, _ in self._mentions:
            if pos < head.i and speaker.name in counts:
                counts[speaker.name] += 1
        top = max(counts.values())
        return sum(1 for n in counts.values() if n == top) > 1

    def _holders_nearby(self, head: Token, test: object, gender: str | None) -> set[str]:
        """People fitting a bare title named in this sentence (before it) or the one before."""
        start = head.sent.start
        while start > 0 and not head.doc[start - 1].sent.text.strip():
            start = head.doc[start - 1].sent.start  # the paragraph break is its own sentence
        low = head.doc[start - 1].sent.start if start > 0 else start
        return {
            speaker.name
            for pos, speaker, _ in self._mentions
            if low <= pos < head.i
            and speaker.type == "person"
            and callable(test)
            and test(speaker)
            and (gender is None or speaker.gender in (None, gender))
        }

    def _author(self, head: Token) -> Speaker | None:
        """ "..., reads the statement": whoever the article last said issued one ("X said in a
        statement", "X issued a statement"); nobody when that sentence names no one."""
        lemma = head.lemma_.lower()
        for tok in reversed(self.doc[max(0, head.i - _AUTHOR_WINDOW) : head.i]):
            if tok.lemma_.lower() != lemma:
                continue
            verb = tok.head
            while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
                verb = verb.head
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.lemma_.lower() in DOCUMENT_NOUNS:
                return None
            return self.resolve(subject)
        return None

    def _counterpart(self, head: Token) -> Speaker | None:
        """ "his South Korean counterpart": the last person of exactly that country."""
        country = affiliation_of(noun_phrase(head))
        for pos, speaker, _ in reversed(self._mentions):
            if pos < head.i and speaker.type == "person" and speaker.affiliation == country:
                return speaker if country else None
        return None

    def _own_institution(self, head: Token, pronoun: Token) -> Speaker | None:
        """ "her ministry said": the ministry of the minister the pronoun refers to."""
        if head.lemma_.lower() != "ministry":
            return None
        person = self._antecedent(pronoun.i, "female" if pronoun.lower_ == "her" else "male")
        if person is None or (name := ministry_of_role(person.role, person.affiliation)) is None:
            return None
        return Speaker(name, "org", None, person.affiliation)
