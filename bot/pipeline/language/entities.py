"""The named entity under a token, shared by the statement and meeting readers of the parse."""

from __future__ import annotations

from spacy.tokens import Span, Token


def entity_at(token: Token) -> Span | None:
    """The named entity a token belongs to, found from its IOB tags (no scan of `doc.ents`)."""
    if not token.ent_type_:
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    label = doc[start].ent_type_
    return Span(doc, start, end, label=label) if label else None
