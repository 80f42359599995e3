"""Who said what: quotes, reported speech, attribution and speakers, into `Statement`s.

`extract_statements(doc, article)` is the one entry point; the modules inside read the parse
through `language` and never through `meetings`.
"""

from bot.pipeline.statements.extract import extract_statements

__all__ = ["extract_statements"]
