"""Privacy by design: pseudonymous sender ids, de-identified user texts,
retention and deletion of stored conversations."""
