"""The extractor: articles in, facts (statements, meetings, entities) out, one spaCy pass each.

The title is parsed with the body, as its own first paragraph, so that headline-style meetings
are seen; statements skip the headline. Paragraph breaks are fixed as sentence boundaries before
the parser runs, so no sentence (and no attribution) crosses a paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from bot.pipeline.language import gazetteer
from bot.pipeline.language.roles import clean_name
from bot.pipeline.meetings import extract_meetings
from bot.pipeline.statements import extract_statements
from bot.pipeline.types import Article, ArticleFacts, Entity, EntityType

PARAGRAPH_PIPE = "diplobot_paragraphs"
_NEEDED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@Language.component(PARAGRAPH_PIPE)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: wire paragraphs never share a sentence."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            token.is_sent_start = True
    return doc


def load_nlp(model: str) -> Language:
    """Load the spaCy model once, keeping only the pipes the extractor reads."""
    nlp = spacy.load(model)
    for name in [p for p in nlp.pipe_names if p not in _NEEDED_PIPES]:
        nlp.remove_pipe(name)
    if PARAGRAPH_PIPE not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_PIPE, before="parser")
    return nlp


def article_text(article: Article) -> str:
    """The text the extractor parses: the title as its own first paragraph, then the body."""
    title = article.title.strip()
    body = article.text.strip()
    return f"{title}\n\n{body}" if title else body


class Extractor:
    """Turns articles into facts with one shared spaCy pipeline."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def extract(self, article: Article) -> ArticleFacts:
        """Facts of one article."""
        return self.facts(self.nlp(article_text(article)), article)

    def extract_many(self, articles: Sequence[Article], batch_size: int = 16) -> list[ArticleFacts]:
        """Facts of many articles, parsed in batches."""
        docs = self.nlp.pipe((article_text(a) for a in articles), batch_size=batch_size)
        return [self.facts(doc, article) for doc, article in zip(docs, articles, strict=True)]

    @staticmethod
    def facts(doc: Doc, article: Article) -> ArticleFacts:
        """Facts from an already parsed article."""
        return ArticleFacts(
            statements=tuple(extract_statements(doc, article)),
            meetings=tuple(extract_meetings(doc, article)),
            entities=tuple(entities(doc)),
        )


def entities(doc: Doc) -> Iterable[Entity]:
    """Canonical named entities: people, organisations, countries (demonyms folded in), places."""
    seen: set[Entity] = set()
    for ent in doc.ents:
        entity = _entity(ent)
        if entity is not None and entity not in seen:
            seen.add(entity)
            yield entity


def _entity(ent: Span) -> Entity | None:
    """One entity's canonical name and type, or None when it says nothing to match topics on."""
    text, label = ent.text, ent.label_
    kind: EntityType
    if label == "PERSON":
        name = clean_name(ent)
        return Entity(name, "person") if name else None
    if label in {"GPE", "NORP", "ORG", "LOC", "FAC"}:
        if (country := gazetteer.country_of(text)) is not None:
            return Entity(country, "country")
        if (org := gazetteer.canonical_org(text)) is not None:
            return Entity(org, "org")
        if label == "NORP":
            return None
        kind = "org" if label == "ORG" else "place"
        clean = text.removeprefix("the ").removeprefix("The ").strip()
        return Entity(clean, kind) if clean else None
    return None
