"""Understanding patients' own words: the intent classifier of the NLU pipeline."""
