"""The meetings layer's shortcuts give what the slow spaCy calls they replace would give."""

from __future__ import annotations

from spacy.language import Language

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
