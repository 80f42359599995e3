"""One chat's digest from stored facts: topics, ranking, grouping, the schedule; no spaCy.

`compose` turns facts and a subscription into a `Digest` (data until the renderer turns it into
Telegram HTML); `topics` normalises and matches what a chat follows; `schedule` says when it is due.
"""

from bot.pipeline.digest.composer import UPCOMING_DAYS, compose
from bot.pipeline.digest.model import Digest, DigestLine, DigestMeeting, SpeakerGroup
from bot.pipeline.digest.schedule import due_at, due_day, zone
from bot.pipeline.digest.topics import (
    MAX_TOPIC_CHARS,
    display_topic,
    matches,
    normalize_topic,
    topic_hits,
)

__all__ = [
    "MAX_TOPIC_CHARS",
    "UPCOMING_DAYS",
    "Digest",
    "DigestLine",
    "DigestMeeting",
    "SpeakerGroup",
    "compose",
    "display_topic",
    "due_at",
    "due_day",
    "matches",
    "normalize_topic",
    "topic_hits",
    "zone",
]
