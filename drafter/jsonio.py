"""The JSON shape of a Plan, for other tools (``drafter inspect --json``).

The shape is documented in ``docs/json.md`` and validated by
``schemas/plan.schema.json``; ``version`` changes when it does.
"""

from __future__ import annotations

from typing import Any

from drafter.model import Noise, Part, PartKind, Plan, Section, Span, Task, TaskNumbering

JSON_VERSION = 1


def _span(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"source": span.source, "start": span.start, "end": span.end}


def task_to_dict(t: Task) -> dict[str, Any]:
    """A task as a JSON object."""
    return {
        "number": t.number,
        "title": t.title,
        "body": t.body,
        "hints": list(t.hints),
        "outline_only": t.outline_only,
        "span": _span(t.span),
    }


def _section(s: Section) -> dict[str, Any]:
    return {
        "number": s.number,
        "title": s.title,
        "intro": s.intro,
        "outline_only": s.outline_only,
        "span": _span(s.span),
        "tasks": [task_to_dict(t) for t in s.tasks],
    }


def _part(p: Part) -> dict[str, Any]:
    return {
        "kind": p.kind.value,
        "heading": p.heading,
        "text": p.text,
        "item_level": p.item_level,
        "items": [task_to_dict(t) for t in p.items],
        "span": _span(p.span),
    }


def _noise(n: Noise) -> dict[str, Any]:
    return {"kind": n.kind, "line": n.line, "text": n.text}


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """A plan as a JSON object (see docs/json.md)."""
    return {
        "title": plan.title,
        "org": plan.org,
        "year": plan.year,
        "flags": {
            "outline_only": plan.outline_only,
            "truncated": plan.truncated,
            "not_a_plan": plan.not_a_plan,
        },
        "counts": {"sections": len(plan.sections), "tasks": len(plan.tasks)},
        "task_numbering": plan.task_numbering.value,
        "preamble": plan.preamble,
        "front": [_part(p) for p in plan.front],
        "tasks_heading": plan.tasks_heading,
        "sections": [_section(s) for s in plan.sections],
        "back": [_part(p) for p in plan.back],
        "span": _span(plan.span),
        "sources": [_span(s) for s in plan.sources],
        "noise": [_noise(n) for n in plan.noise],
    }


def _span_from(d: dict[str, Any] | None) -> Span | None:
    return None if d is None else Span(d["source"], d["start"], d["end"])


def task_from_dict(d: dict[str, Any]) -> Task:
    """Inverse of :func:`task_to_dict`."""
    return Task(d["number"], d["title"], d.get("body", ""), list(d.get("hints", [])),
                d.get("outline_only", False), _span_from(d.get("span")))


def plan_from_dict(d: dict[str, Any]) -> Plan:
    """Inverse of :func:`plan_to_dict`."""
    def part(p: dict[str, Any]) -> Part:
        return Part(PartKind(p["kind"]), p["heading"], p.get("text", ""),
                    [task_from_dict(i) for i in p.get("items", [])], p.get("item_level", 3),
                    _span_from(p.get("span")))

    sections = [
        Section(s["number"], s["title"], s.get("intro", ""), [task_from_dict(t) for t in s["tasks"]],
                s.get("outline_only", False), _span_from(s.get("span")))
        for s in d.get("sections", [])
    ]
    flags = d.get("flags", {})
    return Plan(
        title=d.get("title", ""), org=d.get("org", ""), year=d.get("year"), preamble=d.get("preamble", ""),
        front=[part(p) for p in d.get("front", [])], tasks_heading=d.get("tasks_heading"),
        sections=sections, back=[part(p) for p in d.get("back", [])],
        task_numbering=TaskNumbering(d.get("task_numbering", "continuous")),
        outline_only=flags.get("outline_only", False), truncated=flags.get("truncated", False),
        not_a_plan=flags.get("not_a_plan", False), span=_span_from(d.get("span")),
        sources=[s for s in (_span_from(x) for x in d.get("sources", [])) if s is not None],
        noise=[Noise(n["kind"], n["line"], n["text"]) for n in d.get("noise", [])],
    )
