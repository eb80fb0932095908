"""Reviewing drafts people wrote: check (content and format) and import into a template."""
