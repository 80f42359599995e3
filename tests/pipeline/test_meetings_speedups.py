"""The meetings layer's shortcuts give what the slow spaCy calls they replace would give."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from bot.pipeline.dates import find_dates
from bot.pipeline.meeting_events import EntityIndex, sentences

TEXT = (
    "Lavrov and Rubio to meet in Riyadh\n\n"
    "MOSCOW, March 6 (Reuters) - Russian Foreign Minister Sergei Lavrov will meet U.S. "
    "Secretary of State Marco Rubio in Riyadh on Tuesday, the Kremlin said. "
    "Dmitry Peskov told reporters in Moscow that President Vladimir Putin had no plans to go.\n\n"
    "The European Union and NATO will hold talks in Brussels next week."
)


def test_entity_index_gives_what_span_ents_gives(nlp: Language) -> None:
    doc = nlp(TEXT)
    index = EntityIndex(doc)
    spans = [span for span, _, _ in sentences(doc)] + list(doc.sents)
    # Arbitrary windows too, some starting or ending inside an entity ("Sergei | Lavrov").
    spans += [doc[start : start + width] for start in range(len(doc)) for width in (1, 4, 9)]
    for span in spans:
        assert [(e.start, e.end, e.label_) for e in index.within(span)] == [
            (e.start, e.end, e.label_) for e in span.ents
        ]
    assert len(index.within(doc[:])) == len(doc.ents) > 5


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
