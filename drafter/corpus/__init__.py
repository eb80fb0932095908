"""Reading real work plans: extract, clean, structure, merge."""
