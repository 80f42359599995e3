"""Upcoming meetings: cues, events, status, participants, places, titles and the merge rule.

`extract_meetings(doc, article)` finds an article's meetings; `same_meeting`, `merge_meetings` and
`meeting_key` are the rule that decides when two reports are one meeting (storage receives them
as callables). The modules inside read `language` and `dates`, never `statements`.
"""

from bot.pipeline.meetings.extract import extract_meetings
from bot.pipeline.meetings.merge import meeting_key, same_meeting
from bot.pipeline.meetings.merge import merge as merge_meetings

__all__ = ["extract_meetings", "meeting_key", "merge_meetings", "same_meeting"]
