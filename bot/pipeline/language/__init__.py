"""What both extractors read: the gazetteer, names, titles and roles, noun phrases, word tables."""
