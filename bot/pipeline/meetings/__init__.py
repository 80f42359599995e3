"""Upcoming meetings: cues, events, status, participants, places, titles and the merge rule.

`extract_meetings(doc, article)` finds an article's meetings; the `merge` module is the rule that
decides when two reports are one meeting (storage receives it as callables). The modules inside
read `language` and `dates`, never `statements`.
"""

from bot.pipeline.meetings.extract import extract_meetings

__all__ = ["extract_meetings"]
