"""Safety logic: the deterministic red-flag and distress detector and the Rasa
NLU component that lets it overrule the statistical intent classifier."""
