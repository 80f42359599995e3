"""Upcoming meetings: cues, events, status, participants, places, titles and the merge rule."""
