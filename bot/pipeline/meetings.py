"""Upcoming diplomatic meetings (talks, summits, visits, calls) found in a parsed article."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from bot.pipeline.types import Article, Meeting, MeetingKind

_NOUN_KINDS: dict[str, MeetingKind] = {
    "talk": "talks",
    "negotiation": "talks",
    "summit": "summit",
    "visit": "visit",
    "trip": "visit",
    "call": "call",
    "meeting": "meeting",
    "conference": "conference",
    "council": "council",
}
_FUTURE_AUX = {"will", "shall", "'ll"}


def _future(sent: Span) -> bool:
    """A sentence announces something when its verbs carry a future auxiliary."""
    return any(t.lower_ in _FUTURE_AUX and t.tag_ == "MD" for t in sent)


def extract_meetings(doc: Doc, article: Article) -> list[Meeting]:
    """Meetings announced in the future tense, one per sentence (first simple pass)."""
    found: list[Meeting] = []
    for sent in doc.sents:
        if not _future(sent):
            continue
        kinds = [_NOUN_KINDS[t.lemma_.lower()] for t in sent if t.lemma_.lower() in _NOUN_KINDS]
        if not kinds:
            continue
        people = tuple(dict.fromkeys(e.text for e in sent.ents if e.label_ in {"PERSON", "GPE"}))
        title = f"{'–'.join(people[:2])} {kinds[0]}".strip()
        found.append(
            Meeting(title=title, kind=kinds[0], participants=people, evidence=sent.text.strip())
        )
    return found
