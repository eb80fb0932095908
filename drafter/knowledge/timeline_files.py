"""Where the timeline's files are, and what stands in for a fact it does not know.

The light part of :mod:`drafter.knowledge.timeline`: composing an outline from
the cache needs only these (to stamp cached values with the timeline's files,
and to fill in unknown meetings), not the timeline's record types and patterns.
"""

from __future__ import annotations

from pathlib import Path

from drafter.resources import search_dirs

TIMELINE_FILE = "timeline.yaml"
TIMELINE_SCHEMA = "timeline.schema.json"

#: What a placeholder says for each fact a year may lack (the template variable → the fill-in text).
UNKNOWN_TEXT = {
    "congress": "党的全国代表大会",
    "plenum": "最近一次中央全会",
    "plenums": "本届历次中央全会",
    "discipline": "最近一次中央纪委全会",
    "campaign": "当年党内集中学习教育",
    "guiding": "党的全国代表大会和本届历次中央全会",
}


def context_files(name: str, cwd: Path | None = None) -> list[Path]:
    """The files ``templates/context/<name>`` in force, built-in first, then the working folder's."""
    out = []
    for d in reversed(search_dirs("templates", cwd)):
        path = d / "context" / name
        if path.is_file():
            out.append(path)
    return out


def timeline_files(cwd: Path | None = None) -> list[Path]:
    """The timeline files in force, built-in first, then the working folder's."""
    return context_files(TIMELINE_FILE, cwd)


__all__ = ["TIMELINE_FILE", "TIMELINE_SCHEMA", "UNKNOWN_TEXT", "context_files", "timeline_files"]
