"""The meetings layer's shortcuts give what the slow spaCy calls they replace would give."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spacy.language import Language

from bot.pipeline.dates.resolve import find_dates
from bot.pipeline.meetings.events import DocIndex, sentences
from bot.pipeline.meetings.kinds import noun_kind, verb_kind

ARTICLES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"

TEXT = (
    "Lavrov and Rubio to meet in Riyadh\n\n"
    "MOSCOW, March 6 (Reuters) - Russian Foreign Minister Sergei Lavrov will meet U.S. "
    "Secretary of State Marco Rubio in Riyadh on Tuesday, the Kremlin said. "
    "Dmitry Peskov told reporters in Moscow that President Vladimir Putin had no plans to go.\n\n"
    "The European Union and NATO will hold talks in Brussels next week."
)


def test_entity_index_gives_what_span_ents_gives(nlp: Language) -> None:
    doc = nlp(TEXT)
    index = DocIndex(doc)
    spans = [span for span, _, _ in sentences(doc)] + list(doc.sents)
    # Arbitrary windows too, some starting or ending inside an entity ("Sergei | Lavrov").
    spans += [doc[start : start + width] for start in range(len(doc)) for width in (1, 4, 9)]
    for span in spans:
        assert [(e.start, e.end, e.label_) for e in index.ents_in(span)] == [
            (e.start, e.end, e.label_) for e in span.ents
        ]
    assert len(index.ents_in(doc[:])) == len(doc.ents) > 5


def test_dates_matched_once_are_still_resolved_per_call() -> None:
    text = "Talks are set for Tuesday, with a summit on March 3 and a call later this month."
    friday, wednesday = date(2026, 3, 6), date(2026, 3, 4)
    ahead = find_dates(text, friday, "future")
    back = find_dates(text, friday, "past")
    other_week = find_dates(text, wednesday, "future")
    assert [s.start for s in ahead] == [date(2026, 3, 10), date(2027, 3, 3), None]
    assert [s.start for s in back] == [date(2026, 3, 3), date(2026, 3, 3), None]
    assert [s.start for s in other_week] == [date(2026, 3, 10), date(2026, 3, 3), None]
    assert [s.text for s in ahead] == ["Tuesday", "March 3", "later this month"]


def test_lowercase_or_digitless_month_words_are_no_explicit_dates() -> None:
    friday = date(2026, 3, 6)
    assert [s.text for s in find_dates("they may 5 times meet", friday)] == []
    assert [s.text for s in find_dates("In March, he said", friday, "past")] == ["In March"]
    assert [s.text for s in find_dates("On 5 May they met", friday, "past")] == ["5 May"]


def test_cue_words_hold_every_word_that_names_a_meeting(nlp: Language) -> None:
    texts = [TEXT] + [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("mt_*.txt"))[:12]]
    words = checked = 0
    for doc in nlp.pipe(texts):
        index = DocIndex(doc)
        for sent in doc.sents:
            named = [t.i for t in sent if noun_kind(t) or verb_kind(t)]
            candidates = [t.i for t in index.cue_words(sent)]
            assert set(named) <= set(candidates)
            words, checked = words + len(sent), checked + len(candidates)
    assert 0 < checked < words / 5  # the point: most words are never looked at
    assert DocIndex(nlp("")).cue_words(nlp("")[:]) == []


def test_sentence_text_is_the_doc_text_between_its_offsets(nlp: Language) -> None:
    doc = nlp(TEXT)
    for span, _, _ in sentences(doc):
        assert doc.text[span.start_char : span.end_char] == span.text
