"""Who said what: quotes, reported speech, attribution and speakers, into `Statement`s."""
