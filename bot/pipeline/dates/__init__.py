"""Date expressions resolved against the publication date, and how a date reads in a digest."""
