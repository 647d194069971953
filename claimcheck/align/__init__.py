"""Claims to candidate pairs: which two claims fill one slot (embeddings + slot rules)."""
