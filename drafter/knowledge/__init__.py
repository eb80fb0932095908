"""Facts drafter knows: the year timeline and the kinds of unit (profiles, levels)."""
