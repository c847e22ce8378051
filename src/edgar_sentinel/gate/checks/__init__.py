"""Check families: completeness, cleanliness, substance, consistency (one module each)."""
