"""One chat's digest from stored facts: topics, ranking, grouping, the schedule; no spaCy."""
