"""Facts drafter knows: the year timeline of official phrases (and, later, unit profiles)."""
