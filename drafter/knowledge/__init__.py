"""Facts drafter knows: the year timeline of official phrases, and the kinds of unit (profiles, levels)."""
