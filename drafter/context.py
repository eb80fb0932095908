"""Year context: what the plans of a year cite, and what is out of date then.

A plan for 2026 cites the meetings of its time (党的二十大, 二十届四中全会,
二十届中央纪委五次全会), the plan period ("十五五"开局之年) and the year's
anniversaries (建党105周年). These come from the one timeline,
:mod:`drafter.knowledge.timeline` (``templates/context/timeline.yaml``);
:func:`load_context` turns the timeline's facts of a year into the variables
templates use (``plan_period``, ``latest_plenum``, ``congress``, ``plenums``,
``discipline``, ``meetings``, ``anniversaries``, ``campaigns`` …), and a
``templates/context/<year>.yaml`` (validated by ``context.schema.json``) in the
working folder overrides or adds to them for one year — or gives a year outside
the timeline its facts. Unknown facts stay empty and are listed in ``unknown``;
:func:`reference_vars` turns them into 【…】 fill-ins.

:func:`mine_context` reads the same references from plans (``drafter mine
--context``), to write such a file for an editor to check.
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter import yamlio
from drafter.errors import SchemaError
from drafter.lazy_re import LazyPattern, lazy
from drafter.model import Plan, unset
from drafter.numbering import cn_numeral, cn_to_int
from drafter.resources import bundled_dir, search_dirs

CONTEXT_DIR = "context"
JSON_SCHEMA = "context.schema.json"


@dataclass
class YearContext:
    """The references of one year.

    ``meetings`` are the meetings a plan of the year cites (congress, latest
    plenum, discipline plenum; mined files: most cited first);
    ``latest_plenum`` the latest plenary session, ``plenums`` the term's
    plenums after the first as plans combine them (二十届二中、三中、四中全会),
    ``congress`` and ``discipline`` likewise. ``stale`` lists extra phrases an
    editor marked out of date for the year (the timeline finds the rest).
    ``plans`` counts the plans a mined context came from (0: not mined).
    ``covered`` is false for a year neither the timeline nor a year file
    answers for (``fallback`` then too: every reference is a fill-in and check
    says it did not check). ``unknown`` names the variables whose fact is not
    known yet (a meeting later than the timeline knows). ``consolidate`` holds
    the phrases for campaigns ended in the last two years (巩固拓展党纪学习教育成果).
    """

    year: int
    plan_period: str = ""
    latest_plenum: str = ""
    meetings: list[str] = field(default_factory=list)
    anniversaries: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    plans: int = 0
    fallback: bool = False
    congress: str = ""
    plenums: str = ""
    discipline: str = ""
    campaigns: list[str] = field(default_factory=list)
    consolidate: list[str] = field(default_factory=list)
    covered: bool = True
    unknown: list[str] = field(default_factory=list)


# --- mining --------------------------------------------------------------------

_CN = "一二三四五六七八九十"
_WORK_MEETING = lazy(r"(?:中央|全国)[\u4e00-\u9fff]{2,10}?工作会议")
_ANNIVERSARY = lazy(r"([\u4e00-\u9fff]{2,24}?)(\d{1,3})周年")
_ANNIVERSARY_LEAD = lazy(r"^(?:隆重|热烈)?(?:庆祝|纪念|迎接|喜迎)")
_PERIOD = lazy(rf"[“\"]?十([{_CN}])五[”\"]?(?:规划)?的?(开局之年|收官之年|起步之年|关键之年|攻坚之年|谋篇布局之年)")


def plan_text(plan: Plan) -> str:
    """All the words of a plan: preamble, framing parts, sections, tasks."""
    parts = [plan.title, plan.preamble, plan.tasks_heading or ""]
    for p in (*plan.front, *plan.back):
        parts += [p.heading, p.text] + [f"{i.title}。{i.body}" for i in p.items]
    for s in plan.sections:
        parts += [s.title, s.intro] + [f"{t.title}。{t.body}" for t in s.tasks]
    return "\n".join(x for x in parts if x)


def citations(text: str) -> dict[str, list[str]]:
    """Meetings, plenums, anniversaries and plan periods a text cites, in order, without repeats.

    Meetings are read as the timeline reads them (:func:`drafter.knowledge.timeline.citations`);
    retrospective mentions (党的十八大以来) and meetings looked forward to do not count.
    """
    found: dict[str, list[str]] = defaultdict(list)

    def add(kind: str, value: str) -> None:
        if value not in found[kind]:
            found[kind].append(value)

    from drafter.knowledge.timeline import citations as meetings_cited

    for c in meetings_cited(text):  # the timeline's reading: combined and long forms too
        if c.historical or c.forward >= 0:
            continue
        term = cn_numeral(c.series) if c.series is not None else ""
        if c.discipline:
            add("discipline", f"{term}届中央纪委{cn_numeral(c.numbers[0])}次全会")
            continue
        if c.congress is not None:
            add("meetings", f"党的{cn_numeral(c.congress)}大")
        if c.all_plenums:
            add("meetings", f"{term}届历次全会")
        for n in c.numbers:
            add("plenums", f"{term}届{cn_numeral(n)}中全会")
    for m in _WORK_MEETING.finditer(text):
        add("meetings", m.group(0))
    for m in _ANNIVERSARY.finditer(text):
        add("anniversaries", _ANNIVERSARY_LEAD.sub("", m.group(1)) + f"{m.group(2)}周年")
    for m in _PERIOD.finditer(text):
        add("periods", f"“十{m.group(1)}五”{m.group(2)}")
    return found


def _ordinal(name: str, rx: LazyPattern) -> tuple[str, int] | None:
    """(series, number) of a plenum name such as 二十届四中全会."""
    m = rx.fullmatch(name)
    if not m:
        return None
    n = cn_to_int(m.group(2))
    return (m.group(1), n) if n else None


_PLENUM_NAME = lazy(rf"([{_CN}]{{2,3}})届([{_CN}])中全会")
_DISCIPLINE_NAME = lazy(rf"([{_CN}]{{2,3}})届中央纪委([{_CN}])次全会")
_SERIES = ((_PLENUM_NAME, "{}届{}中全会"), (_DISCIPLINE_NAME, "{}届中央纪委{}次全会"))


def mine_context(plans: Iterable[Plan]) -> dict[int, YearContext]:
    """The context of every year the plans name, with stale phrases across years."""
    per_year: dict[int, list[dict[str, list[str]]]] = defaultdict(list)
    for plan in plans:
        if plan.year is not None and not plan.not_a_plan:
            per_year[plan.year].append(citations(plan_text(plan)))
    out: dict[int, YearContext] = {}
    for year in sorted(per_year):
        out[year] = _year_context(year, per_year[year])
    for year, ctx in out.items():
        ctx.stale = _stale(ctx, [out[y] for y in out if y < year], per_year[year])
    return out


def _ranked(found: Sequence[dict[str, list[str]]], *kinds: str) -> list[str]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for f in found:
        for kind in kinds:
            for v in f.get(kind, []):
                counts[v] += 1
                first.setdefault(v, len(first))
    return sorted(counts, key=lambda v: (-counts[v], first[v]))


def _year_context(year: int, found: Sequence[dict[str, list[str]]]) -> YearContext:
    plenums = _ranked(found, "plenums")
    periods = _ranked(found, "periods")
    return YearContext(
        year=year,
        plan_period=periods[0] if periods else "",
        latest_plenum=plenums[0] if plenums else "",
        meetings=_ranked(found, "meetings", "plenums", "discipline"),
        anniversaries=_ranked(found, "anniversaries"),
        plans=len(found),
    )


def _stale(ctx: YearContext, earlier: list[YearContext], found: Sequence[dict[str, list[str]]]) -> list[str]:
    """Phrases out of date in ``ctx.year``: superseded plenums, past periods and anniversaries."""
    cited = {v for f in found for vs in f.values() for v in vs}
    stale: list[str] = []
    for rx, fmt in _SERIES:
        current = [o for m in ctx.meetings if (o := _ordinal(m, rx))]
        if current:
            series, top = current[0]
            stale += [fmt.format(series, cn_numeral(n)) for n in (top - 2, top - 1) if n >= 1]
    for e in earlier:
        stale += [m for m in e.meetings if any(rx.fullmatch(m) for rx, _ in _SERIES)]
        stale += [e.plan_period] if e.plan_period else []
        stale += e.anniversaries
    return sorted({s for s in stale if s and s not in cited}, key=lambda s: (stale.index(s), s))


# --- files ---------------------------------------------------------------------


def context_dirs(cwd: Path | None = None) -> list[Path]:
    """Folders holding ``<year>.yaml`` and ``timeline.yaml``, nearest first."""
    return [d / CONTEXT_DIR for d in search_dirs("templates", cwd) if (d / CONTEXT_DIR).is_dir()]


def _years(cwd: Path | None) -> dict[int, Path]:
    found: dict[int, Path] = {}
    for d in context_dirs(cwd):
        for f in sorted(d.glob("*.yaml")):
            if f.stem.isdigit():
                found.setdefault(int(f.stem), f)
    return found


def load_context(year: int, cwd: Path | None = None) -> YearContext:
    """The context of ``year``: the timeline's facts, overridden by a ``<year>.yaml`` if there is one.

    Never fails for a year the timeline lacks: the result then has
    ``covered`` false (and ``fallback`` true) and every reference unknown. A
    file that is there but invalid raises :class:`~drafter.errors.SchemaError`
    (file and line).
    """
    from drafter.knowledge.timeline import load_timeline

    timeline = load_timeline(cwd)
    path = _years(cwd).get(year)
    facts = timeline.facts(year, force=path is not None)
    ctx = YearContext(
        year=year, plan_period=facts.plan_period, latest_plenum=facts.plenum or "",
        meetings=[m for m in (facts.congress, facts.plenum, facts.discipline) if m],
        anniversaries=list(facts.anniversaries), congress=facts.congress or "", plenums=facts.plenums or "",
        discipline=facts.discipline or "", campaigns=list(facts.campaigns or ()),
        consolidate=list(facts.consolidate),
        covered=facts.covered or path is not None, unknown=facts.unknown,
    )
    ctx.fallback = not ctx.covered
    if path is not None:
        _apply_year_file(ctx, _read_year_file(path))
    return ctx


def _apply_year_file(ctx: YearContext, data: dict[str, Any]) -> None:
    """A year file over the timeline's facts.

    A file written by hand (``plans`` 0 or absent) overrides every key it
    sets. A mined one (``drafter mine --context``, ``plans`` > 0) only fills
    what the timeline does not know and adds to its lists: what plans happened
    to cite most is no match for the timeline's facts.
    """
    mined = int(data.get("plans") or 0) > 0
    for key, value in data.items():
        if key == "year" or (mined and key == "stale"):  # the timeline finds stale phrases itself
            continue
        current = getattr(ctx, key)
        if mined and isinstance(value, list):
            setattr(ctx, key, list(dict.fromkeys([*current, *value])))
        elif not mined or not current:
            setattr(ctx, key, list(value) if isinstance(value, list) else value)
    ctx.unknown = [k for k in ctx.unknown
                   if not getattr(ctx, _FIELD_OF.get(k, k)) and (mined or _FIELD_OF.get(k, k) not in data)]


#: The year-file key that answers for each unknown variable.
_FIELD_OF = {"plenum": "latest_plenum", "campaign": "campaigns"}


def reference_vars(ctx: Mapping[str, Any]) -> dict[str, Any]:
    """The meeting references templates use, fill-ins (【…】) where the year's fact is unknown.

    ``congress`` (党的二十大), ``plenum`` (the latest plenum), ``plenums`` (the
    term's plenums as plans combine them), ``discipline`` (the latest central
    discipline commission plenum), ``campaign`` (the year's party-wide study
    campaigns, "" in a year without one), ``guiding`` (the year's formula:
    党的二十大和二十届二中、三中、四中全会).
    """
    from drafter.knowledge.timeline_files import UNKNOWN_TEXT

    meetings = [str(m) for m in ctx.get("meetings") or []]
    congress = str(ctx.get("congress") or "") or next((m for m in meetings if re.fullmatch(r"党的\S{1,4}大", m)), "")
    plenum = str(ctx.get("latest_plenum") or "")
    unknown = set(ctx.get("unknown") or ())
    campaigns = [str(c) for c in ctx.get("campaigns") or []]
    values = {
        "congress": congress, "plenum": plenum, "plenums": str(ctx.get("plenums") or "") or plenum,
        "discipline": str(ctx.get("discipline") or "")
        or next((m for m in meetings if "纪委" in m), ""),
    }
    out: dict[str, Any] = {k: v or unset(UNKNOWN_TEXT[k]) for k, v in values.items()}
    if not congress and not values["plenums"]:
        out["guiding"] = unset(UNKNOWN_TEXT["guiding"])
    elif ctx.get("plenums") == "" and "plenums" not in unknown and plenum:
        out["guiding"] = congress or out["congress"]  # only the first plenum of the term so far
    else:
        out["guiding"] = f"{out['congress']}和{out['plenums']}"
    out["campaign"] = unset(UNKNOWN_TEXT["campaign"]) if "campaign" in unknown and not campaigns \
        else "、".join(campaigns)
    return out


def read_context(path: Path) -> YearContext:
    """A year file as a context of its own (no timeline facts), validated against ``context.schema.json``."""
    data = _read_year_file(path)
    ctx = YearContext(year=data["year"])
    for key, value in data.items():
        setattr(ctx, key, list(value) if isinstance(value, list) else value)
    return ctx


def _read_year_file(path: Path) -> dict[str, Any]:
    doc = yamlio.load(path, "年度背景文件")
    data = doc.data
    if not isinstance(data, dict):
        raise SchemaError("年度背景文件应是一个映射（year: …）", path, 1)
    yamlio.validate(doc, bundled_dir("templates") / CONTEXT_DIR / JSON_SCHEMA, "年度背景文件")
    if path.stem.isdigit() and int(path.stem) != data["year"]:
        raise SchemaError(f"year 为 {data['year']}，与文件名 {path.name} 不符", path, doc.line(["year"]))
    return dict(data)


def context_to_data(ctx: YearContext) -> dict[str, Any]:
    """The YAML document of a context."""
    return {
        "year": ctx.year, "plan_period": ctx.plan_period, "latest_plenum": ctx.latest_plenum,
        "meetings": list(ctx.meetings), "anniversaries": list(ctx.anniversaries), "stale": list(ctx.stale),
        "plans": ctx.plans,
    }


def dump_context(ctx: YearContext, command: str = "") -> str:
    """The YAML text of a mined context, with a header comment."""
    head = [
        f"# yaml-language-server: $schema={JSON_SCHEMA}",
        f"# {ctx.year} 年的时效表述：由 drafter mine 从 {ctx.plans} 篇 {ctx.year} 年工作要点归纳，请人工核对。",
    ]
    if command:
        head.append(f"# 生成命令：{command}")
    out = io.StringIO()
    from ruamel.yaml import YAML

    y = YAML()
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.dump(context_to_data(ctx), out)
    return "\n".join(head) + "\n" + out.getvalue()
