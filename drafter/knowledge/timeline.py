"""The timeline of official phrases: what a plan of a given year cites, and what is out of date then.

Data: ``templates/context/timeline.yaml`` (validated by ``timeline.schema.json``,
described for editors in ``docs/timeline.md``) lists party congresses, central
committee plenums and central discipline commission plenums by month, the
five-year plan periods, the party-wide study campaigns, founding years for
anniversaries and superseded formulations. A ``templates/context/timeline.yaml``
in the working folder is merged over the built-in one (entries by name).

A plan of year *Y* is held to the facts in force on the first day of
``drafting_month`` of *Y* (plans are mostly issued in the first quarter). Facts
later than ``known_through`` (per kind) are unknown: drafting leaves a 【…】
fill-in, checking says it could not verify. Years outside ``covers`` are not
checked at all, and say so.

The API::

    tl = load_timeline(cwd)               # the merged table (cached per set of files)
    tl.covers(2026)                       # True for 2018–2030
    f = tl.facts(2026)                    # YearFacts: congress, plenum, plenums, discipline,
                                          #   plan_period, campaigns, anniversaries, unknown
    f.congress, f.plenum                  # "党的二十大", "二十届四中全会" (None = unknown)
    f.plenums                             # "二十届二中、三中、四中全会": the combined form of the term
    f.consolidate                         # ("巩固拓展深入贯彻中央八项规定精神学习教育成果", "巩固拓展党纪学习教育成果")
    f.guiding                             # "党的二十大和二十届二中、三中、四中全会"
    find_stale(text, 2026, tl)            # [StaleReference(start, end, phrase, kind, suggestion, reason, verified)]
    current_phrase("二十届三中全会", 2026)  # "二十届四中全会"
    references(text, 2025, tl)            # year-bound references a template can roll over (import)
    refresh("学习二十届二中、三中全会精神", 2026)  # mined text brought up to the year (new)

:func:`find_stale` understands the forms real plans use: combined and abbreviated
plenums ("二十届二中、三中全会", "十九届历次全会", "党的十九大和十九届二中、三中、四中、
五中全会精神", "第二十届中央委员会第四次全体会议"), congresses, discipline commission
plenums, campaigns named as current after they ended ("开展党纪学习教育" in 2026;
"巩固拓展……成果" and "常态化长效化" are fine), plan-period phrases of another year
("“十四五”收官之年" in 2026, "开好局、起好步" outside a first year), anniversaries
with the wrong count, superseded formulations (系列重要讲话精神 …) and phrases of
one year used in another, meetings looked forward to after they were held
("迎接党的二十大" in 2023) or cited before they were held. Each finding carries
the current phrase; retrospective mentions (党的十八大以来) are left alone.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from drafter import yamlio
from drafter.errors import SchemaError
from drafter.knowledge.timeline_files import TIMELINE_SCHEMA, UNKNOWN_TEXT, timeline_files
from drafter.lazy_re import lazy
from drafter.numbering import cn_numeral, cn_to_int
from drafter.resources import bundled_dir

Month = tuple[int, int]
Kind = Literal["congress", "plenum", "discipline", "period", "campaign", "anniversary", "formulation", "phrase"]
KNOWN_KINDS = ("congresses", "plenums", "discipline", "campaigns")


# --- the table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Meeting:
    """A congress (``kind`` congress, ``number`` 20) or a plenum of a term (series 20, number 4)."""

    kind: Literal["congress", "plenum", "discipline"]
    series: int
    number: int
    held: Month

    @property
    def name(self) -> str:
        """How plans name it: 党的二十大, 二十届四中全会, 二十届中央纪委五次全会."""
        if self.kind == "congress":
            return f"党的{cn_numeral(self.series)}大"
        if self.kind == "plenum":
            return f"{cn_numeral(self.series)}届{cn_numeral(self.number)}中全会"
        return f"{cn_numeral(self.series)}届中央纪委{cn_numeral(self.number)}次全会"


@dataclass(frozen=True)
class Period:
    """A five-year plan period: 十五五, 2026–2030."""

    name: str
    first: int
    last: int


@dataclass(frozen=True)
class Campaign:
    """A party-wide study campaign and the months it ran."""

    name: str
    aliases: tuple[str, ...]
    start: Month
    end: Month
    short: tuple[str, ...] = ()


@dataclass(frozen=True)
class Anniversary:
    """Something commemorated by years since ``founded``; ``names`` as plans write it."""

    names: tuple[str, ...]
    founded: int
    cite_every: int = 10

    def label(self, year: int) -> str:
        """建党105周年: the first name and the count in ``year``."""
        return f"{self.names[0]}{year - self.founded}周年"


@dataclass(frozen=True)
class Formulation:
    """Phrases superseded since ``since`` by ``new`` ("" = to be dropped)."""

    old: tuple[str, ...]
    new: str
    since: Month
    note: str = ""
    unless: tuple[str, ...] = ()
    years: tuple[int, ...] = ()


@dataclass(frozen=True)
class YearFacts:
    """What a plan of ``year`` cites. ``None`` means unknown (later than the table knows)."""

    year: int
    covered: bool
    congress: str | None = None
    plenum: str | None = None
    plenums: str | None = None
    discipline: str | None = None
    plan_period: str = ""
    period: str = ""
    period_year: int = 0
    campaigns: tuple[str, ...] | None = None
    consolidate: tuple[str, ...] = ()
    anniversaries: tuple[str, ...] = ()

    @property
    def unknown(self) -> list[str]:
        """Template variables whose fact is unknown for the year."""
        out = [k for k in ("congress", "plenum", "plenums", "discipline") if getattr(self, k) is None]
        return out + (["campaign"] if self.campaigns is None else [])

    @property
    def guiding(self) -> str | None:
        """The year's guiding formula: 党的二十大和二十届二中、三中、四中全会 (None when unknown)."""
        if self.congress is None or self.plenums is None:
            return None
        return f"{self.congress}和{self.plenums}" if self.plenums else self.congress


@dataclass(frozen=True)
class Timeline:
    """The merged table; see the module docstring."""

    first_year: int
    last_year: int
    known_through: Mapping[str, Month]
    drafting_month: int
    congresses: tuple[Meeting, ...]
    plenums: tuple[Meeting, ...]
    discipline: tuple[Meeting, ...]
    periods: tuple[Period, ...]
    campaigns: tuple[Campaign, ...]
    anniversaries: tuple[Anniversary, ...]
    formulations: tuple[Formulation, ...]
    sources: tuple[Path, ...] = ()

    def covers(self, year: int) -> bool:
        """The table answers for ``year``."""
        return self.first_year <= year <= self.last_year

    def drafting_date(self, year: int) -> Month:
        """The month whose facts a plan of ``year`` is held to."""
        return (year, self.drafting_month)

    def known(self, kind: str, when: Month) -> bool:
        """The table knows every fact of ``kind`` up to ``when``."""
        return when <= self.known_through.get(kind, (0, 0))

    def in_force(self, meetings: Iterable[Meeting], when: Month) -> Meeting | None:
        """The latest of ``meetings`` held by ``when``."""
        held = [m for m in meetings if m.held <= when]
        return max(held, key=lambda m: (m.held, m.series, m.number)) if held else None

    def meeting(self, kind: str, series: int, number: int = 0) -> Meeting | None:
        """The congress ``series`` or plenum ``number`` of term ``series``, if the table has it."""
        pool = {"congress": self.congresses, "plenum": self.plenums, "discipline": self.discipline}[kind]
        return next((m for m in pool if m.series == series and (kind == "congress" or m.number == number)), None)

    def period_of(self, year: int) -> Period | None:
        """The plan period ``year`` falls in."""
        return next((p for p in self.periods if p.first <= year <= p.last), None)

    def period(self, name: str) -> Period | None:
        """The plan period named ``name`` (十五五)."""
        return next((p for p in self.periods if p.name == name), None)

    def facts(self, year: int, *, force: bool = False) -> YearFacts:
        """The facts of ``year``; outside :meth:`covers` (unless ``force``) everything is unknown."""
        key = (id(self), year, force)
        if key not in _FACTS:
            if len(_FACTS) > 256:
                _FACTS.clear()
            _FACTS[key] = self._facts(year, force)
        return _FACTS[key]

    def _facts(self, year: int, force: bool) -> YearFacts:
        covered = self.covers(year)
        if not covered and not force:
            return YearFacts(year, False)
        when = self.drafting_date(year)
        congress = self.in_force(self.congresses, when)
        plenum = self.in_force(self.plenums, when)
        discipline = self.in_force(self.discipline, when)
        period = self.period_of(year)
        phrase, index = "", 0
        if period is not None:
            index = year - period.first + 1
            if year == period.first:
                phrase = f"“{period.name}”开局之年"
            elif year == period.last:
                phrase = f"“{period.name}”收官之年"
        campaigns: tuple[str, ...] | None = None
        if self.known("campaigns", (year, 12)):
            campaigns = tuple(c.name for c in self.campaigns if c.start <= (year, 12) and c.end >= (year, 1))
        return YearFacts(
            year=year, covered=covered,
            congress=congress.name if congress and self.known("congresses", when) else None,
            plenum=plenum.name if plenum and self.known("plenums", when) else None,
            plenums=self._term_form(plenum) if plenum and self.known("plenums", when) else None,
            discipline=discipline.name if discipline and self.known("discipline", when) else None,
            plan_period=phrase, period=period.name if period else "", period_year=index,
            campaigns=campaigns,
            consolidate=tuple(f"巩固拓展{c.name}成果" for c in sorted(self.campaigns, key=lambda c: c.end, reverse=True)
                              if when[0] - 2 <= c.end[0] and c.end < when),
            anniversaries=tuple(a.label(year) for a in self.anniversaries
                                if year > a.founded and (year - a.founded) % a.cite_every == 0),
        )

    def _term_form(self, plenum: Meeting) -> str:
        """The plenums of the term after the first, up to ``plenum``: 二十届二中、三中全会 ("" after the first)."""
        return term_form(plenum.series, plenum.number)


_FACTS: dict[tuple[int, int, bool], YearFacts] = {}


def term_form(series: int, top: int) -> str:
    """二十届二中、三中、四中全会 for (20, 4); 十九届历次全会 past four; "" for the first plenum."""
    if top <= 1:
        return ""
    if top - 1 > 4:
        return f"{cn_numeral(series)}届历次全会"
    return f"{cn_numeral(series)}届{'、'.join(f'{cn_numeral(n)}中' for n in range(2, top + 1))}全会"


# --- loading -------------------------------------------------------------------------------


def load_timeline(cwd: Path | None = None) -> Timeline:
    """The built-in table with the working folder's additions merged over it."""
    files = timeline_files(cwd)
    stamps = tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return _load(stamps)


@cache
def _load(stamps: tuple[tuple[Path, int, int], ...]) -> Timeline:
    merged: dict[str, Any] = {}
    for path, _, _ in stamps:
        merged = _merge(merged, _read(path))
    return _build(merged, tuple(p for p, _, _ in stamps))


def _read(path: Path) -> dict[str, Any]:
    doc = yamlio.load_mapping(path, "时效表", "covers: …、plenums: …", bundled_dir("templates") / "context" / TIMELINE_SCHEMA)
    data: dict[str, Any] = doc.data
    for key in ("congresses", "campaigns", "plan_periods"):
        for i, item in enumerate(data.get(key, [])):
            if _month_or_year(item["from" if key != "congresses" else "held"]) > _month_or_year(
                    item.get("to", item.get("held"))):
                raise SchemaError(f"“{key}”第 {i + 1} 项的开始晚于结束", path, doc.line([key, i]))
    return data


def _month_or_year(value: Any) -> Month:
    return (value, 0) if isinstance(value, int) else _month(value)


def _month(text: str) -> Month:
    y, m = text.split("-")
    return int(y), int(m)


_LISTS = ("congresses", "plan_periods", "campaigns", "anniversaries", "formulations")


def _ident(key: str, entry: dict[str, Any]) -> str:
    """What names a list entry when a working folder's table is merged over the built-in one."""
    if key == "anniversaries":
        return str(entry["names"][0])
    if key == "formulations":
        return str(entry["old"][0])
    return str(entry["name"])


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``: lists of named entries by name, series by term, mappings by key."""
    out = dict(base)
    for key, value in over.items():
        if key in _LISTS:
            entries = {_ident(key, e): e for e in base.get(key, [])}
            entries.update({_ident(key, e): e for e in value})
            out[key] = list(entries.values())
        elif isinstance(value, dict):
            out[key] = {**base.get(key, {}), **value}
        else:
            out[key] = value
    return out


def _series(value: str) -> int:
    n = cn_to_int(value.removesuffix("届"))
    assert n is not None  # the JSON Schema pattern admits Chinese numerals only
    return n


def _build(data: dict[str, Any], sources: tuple[Path, ...]) -> Timeline:
    covers = data.get("covers", {"from": 0, "to": -1})
    congresses = tuple(Meeting("congress", _series(c["name"][2:-1]), 0, _month(c["held"]))
                       for c in data.get("congresses", []))
    plenums = tuple(Meeting("plenum", _series(s), i, _month(m))
                    for s, months in data.get("plenums", {}).items() for i, m in enumerate(months, 1))
    discipline = tuple(Meeting("discipline", _series(s), i, _month(m))
                       for s, months in data.get("discipline", {}).items() for i, m in enumerate(months, 1))
    return Timeline(
        first_year=covers["from"], last_year=covers["to"],
        known_through={k: _month(v) for k, v in data.get("known_through", {}).items()},
        drafting_month=data.get("drafting_month", 3),
        congresses=congresses, plenums=plenums, discipline=discipline,
        periods=tuple(Period(p["name"], p["from"], p["to"]) for p in data.get("plan_periods", [])),
        campaigns=tuple(Campaign(c["name"], tuple(c.get("aliases", [])), _month(c["from"]), _month(c["to"]),
                                 tuple(c.get("short", [])))
                        for c in data.get("campaigns", [])),
        anniversaries=tuple(Anniversary(tuple(a["names"]), a["from"], a.get("cite_every", 10))
                            for a in data.get("anniversaries", [])),
        formulations=tuple(Formulation(tuple(f["old"]), f.get("new", ""), _month(f.get("since", "1900-01")),
                                       f.get("note", ""), tuple(f.get("unless", [])), tuple(f.get("years", [])))
                           for f in data.get("formulations", [])),
        sources=sources,
    )


# --- reading references in text ------------------------------------------------------------

_N = "一二三四五六七八九十"
_TERM = r"(?:十[五六七八九]|二十[一二三四五六七八九]?|三十)"
_QUOTES = lazy("[“”\"「」『』‘’]")
_Q = "[“”\"「」『』]?"
_STOP = "，。；！？,;!?\n"

_CONGRESS = lazy(
    rf"(?<![{_N}届])(?:党的|中共|中国共产党)?第?({_TERM})(?:大|次全国代表大会)(?![会学院厦道])")
_PLENUM = lazy(
    rf"(?:党的|中共)?第?({_TERM})届(?:中央)?"
    rf"(?:(历次)全会|((?:[{_N[:9]}]中(?:全会)?[、和及与]?)+)全会|中央委员会第([{_N[:9]}])次全体会议)")
_PLENUM_SHORT = lazy(rf"^[{_N[:9]}]中(?:全会)?(?:[、和及与][{_N[:9]}]中(?:全会)?)*全会")
_DISCIPLINE = lazy(
    rf"(?:党的)?第?({_TERM})届(?:中央纪委|中纪委|中央纪律检查委员会)第?([{_N[:9]}])次(?:全会|全体会议)")
#: Text without any of these cites no meeting, plan period or anniversary.
_TRIGGER = lazy(rf"全会|全体会议|{_TERM}大|代表大会|周年|十[一二三四五六七八九]五|起好步")
_JOIN = lazy(r"^(?:和|及|以及|与|、)(?:党的)?")
#: After a meeting: a historical reference, not a citation of its spirit as current guidance.
_HISTORY_AFTER = lazy(r"^(?:胜利)?(?:召开)?(?:以来|前后?|期间|通过的|审议通过|作出的|提出的|确立的|确定的|报告提出)")

_PERIOD_YEAR = lazy(
    rf"{_Q}(十[{_N[:9]}]五){_Q}(?:规划)?(?:实施)?的?(开局|收官|决胜|起步|谋篇布局|最后一|第一|首)之?年"
    rf"|(开局|收官){_Q}(十[{_N[:9]}]五){_Q}")
_PERIOD_ONGOING = lazy(
    rf"(?:实施|推进|落实|完成|实现|确保|推动|抓好)[^{_STOP}]{{0,8}}?{_Q}(十[{_N[:9]}]五){_Q}规划")
_FIRST = ("开局", "起步", "谋篇布局", "第一", "首")
#: Phrases only the first year of a plan period uses (2021, 2026).
_FIRST_YEAR = lazy(r"开好局[、，,]?\s*起好步")

_CONCLUDED = ("成果", "经验", "长效", "常态化", "回头看", "以来", "期间", "总结", "巩固", "拓展", "延伸", "转化",
              "形成的", "做法", "结束")
_OPENING = ("开展", "启动", "部署", "抓好", "推进", "做好", "搞好", "组织实施", "动员", "深化", "持续", "落实")
_HEARS_FORWARD = lazy(r"(?:迎接|喜迎|筹备|迎)[^{_STOP}]{0,4}$")


@dataclass(frozen=True)
class Citation:
    """A meeting reference as written: one congress and/or one plenum group, or a discipline plenum."""

    start: int
    end: int
    phrase: str
    congress: int | None = None
    series: int | None = None
    numbers: tuple[int, ...] = ()
    all_plenums: bool = False
    discipline: bool = False
    historical: bool = False
    #: where words looking forward to the meeting (迎接……胜利召开) begin, -1 when there are none
    forward: int = -1


def citations(text: str) -> list[Citation]:
    """Every congress / plenum / discipline-plenum reference in ``text``, combined forms as one."""
    found: list[Citation] = []
    for m in _DISCIPLINE.finditer(text):
        found.append(Citation(m.start(), m.end(), m.group(0), series=_series(m.group(1)),
                              numbers=(cn_to_int(m.group(2)) or 0,), discipline=True,
                              historical=_historical(text, m.end())))
    taken = [(c.start, c.end) for c in found]
    plenums = []
    for m in _PLENUM.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if m.group(3) and not m.group(0).endswith("全会"):
            continue
        numbers = tuple(cn_to_int(n) or 0 for n in re.findall(rf"([{_N[:9]}])中", m.group(3) or ""))
        if m.group(4):
            numbers = (cn_to_int(m.group(4)) or 0,)
        plenums.append(Citation(m.start(), m.end(), m.group(0), series=_series(m.group(1)), numbers=numbers,
                                all_plenums=bool(m.group(2))))
    for m in _CONGRESS.finditer(text):
        if any(s <= m.start() < e for s, e in taken) or any(p.start <= m.start() < p.end for p in plenums):
            continue
        n = _series(m.group(1))
        end, tail = m.end(), text[m.end():]
        joined = _JOIN.match(tail)
        group = None
        if joined:
            rest = text[end + joined.end():]
            group = next((p for p in plenums if p.start == end + joined.end()), None)
            short = _PLENUM_SHORT.match(rest) if group is None else None
            if short:  # 党的二十大和三中全会: the term is the congress's
                nums = tuple(cn_to_int(x) or 0 for x in re.findall(rf"([{_N[:9]}])中", short.group(0)))
                group = Citation(end + joined.end(), end + joined.end() + short.end(), short.group(0),
                                 series=n, numbers=nums)
        if group is not None:
            plenums = [p for p in plenums if p is not group]
            found.append(Citation(m.start(), group.end, text[m.start():group.end], congress=n, series=group.series,
                                  numbers=group.numbers, all_plenums=group.all_plenums,
                                  historical=_historical(text, group.end)))
        else:
            found.append(Citation(m.start(), end, m.group(0), congress=n, historical=_historical(text, end)))
    for p in plenums:
        found.append(Citation(p.start, p.end, p.phrase, series=p.series, numbers=p.numbers,
                              all_plenums=p.all_plenums, historical=_historical(text, p.end)))
    return sorted((dataclasses.replace(c, forward=_forward(text, c.start)) for c in found), key=lambda c: c.start)


def _forward(text: str, start: int) -> int:
    lo = max(0, start - 8)
    m = _HEARS_FORWARD.search(text[lo:start])
    return lo + m.start() if m else -1


def _historical(text: str, end: int) -> bool:
    return bool(_HISTORY_AFTER.match(text[end:end + 8]))


# --- stale references ---------------------------------------------------------------------


@dataclass(frozen=True)
class StaleReference:
    """A phrase out of date for the year, where it is, and what to write instead.

    ``verified`` false means the table cannot tell (a meeting later than it
    knows): the reviewer should check by hand.
    """

    start: int
    end: int
    phrase: str
    kind: Kind
    suggestion: str
    reason: str
    verified: bool = True
    premature: bool = False

    def message(self, year: int) -> str:
        """The Chinese line a reviewer reads."""
        phrase = _nested(self.phrase)
        if not self.verified:
            return f"无法核实“{phrase}”：{self.reason}"
        if self.suggestion:
            tail = f"，宜改为“{_nested(self.suggestion)}”"
        else:
            tail = "，宜删去" if self.kind == "formulation" else ""
        why = f"（{self.reason}）" if self.reason else ""
        if self.premature:
            return f"“{phrase}”与 {year} 年不符{why}{tail}"
        return f"“{phrase}”对 {year} 年已不是最新表述{why}{tail}"


def _nested(text: str) -> str:
    """Quotation marks inside a quoted phrase become the inner ones: “‘十四五’收官之年”."""
    return text.replace("“", "‘").replace("”", "’")


def find_stale(text: str, year: int, timeline: Timeline | None = None, *,
               whole: str | None = None, force: bool = False) -> list[StaleReference]:
    """The references in ``text`` out of date for a plan of ``year``, in text order.

    ``whole`` is the whole plan's text (default ``text``): a lone older plenum
    is a topical reference, not a stale one, when the plan also cites the
    current plenum somewhere. A year the table does not cover gives nothing
    (the caller says it was not checked) unless ``force`` (an editor's year
    file answers for it).
    """
    tl = timeline or load_timeline()
    if not tl.covers(year) and not force:
        return []
    if not _TRIGGER.search(text):  # no meeting, period or anniversary; campaigns and formulations are the table's own
        return sorted([*_campaigns(text, year, tl), *_short_campaigns(text, year, tl), *_formulations(text, year, tl)],
                      key=lambda s: (s.start, s.end))
    current_cited = _cites_current(whole if whole is not None else text, year, tl)
    out: list[StaleReference] = []
    for c in citations(text):
        out.extend(_judge(text, c, year, tl, current_cited))
    out.extend(_periods(text, year, tl))
    out.extend(_campaigns(text, year, tl))
    out.extend(_short_campaigns(text, year, tl))
    out.extend(_anniversaries(text, year, tl))
    out.extend(_formulations(text, year, tl))
    return sorted(out, key=lambda s: (s.start, s.end))


def current_phrase(phrase: str, year: int, timeline: Timeline | None = None) -> str | None:
    """The phrase a plan of ``year`` should write instead of ``phrase`` (None when it is current)."""
    found = [s for s in find_stale(phrase, year, timeline) if s.verified]
    return found[0].suggestion if found else None


_CITED: dict[tuple[int, int, str], bool] = {}


def _cites_current(text: str, year: int, tl: Timeline) -> bool:
    """``text`` cites the plenum in force for ``year`` (remembered: check asks once per piece of a plan)."""
    key = (id(tl), year, text)
    if key not in _CITED:
        if len(_CITED) > 64:
            _CITED.clear()
        cur = tl.in_force(tl.plenums, tl.drafting_date(year))
        _CITED[key] = cur is not None and any(
            c.series == cur.series and not c.discipline and (c.all_plenums or cur.number in c.numbers)
            for c in citations(text))
    return _CITED[key]


def _judge(text: str, c: Citation, year: int, tl: Timeline, current_cited: bool) -> Iterator[StaleReference]:
    when = tl.drafting_date(year)
    facts = tl.facts(year, force=True)
    if c.historical:
        return
    if c.forward >= 0:  # 迎接……胜利召开 a meeting already held
        cited = (tl.meeting("discipline" if c.discipline else "plenum", c.series, max(c.numbers))
                 if c.series is not None and c.numbers else
                 tl.meeting("congress", c.congress) if c.congress is not None and c.series is None else None)
        if cited is not None and cited.held < when:
            yield StaleReference(c.forward, c.end, text[c.forward:c.end], cited.kind, "",
                                 f"{cited.name}已于 {_ym(cited.held)}召开")
            return
    if c.discipline:
        yield from _judge_series(c, tl, when, "discipline", tl.discipline, facts.discipline or "", single_ok=False)
        return
    congress = tl.in_force(tl.congresses, when)
    formula = facts.guiding or facts.congress or ""
    if c.congress is not None and congress is not None:
        if c.congress < congress.series:
            yield StaleReference(c.start, c.end, c.phrase, "congress", formula if c.series else congress.name,
                                 f"{year} 年应引用{congress.name}")
            return
        if c.congress > congress.series and tl.meeting("congress", c.congress) is None:
            if c.forward >= 0 and c.congress == congress.series + 1:
                return  # 迎接党的二十一大胜利召开
            if tl.known("congresses", when):
                yield StaleReference(c.start, c.end, c.phrase, "congress", congress.name,
                                     f"到 {_ym(when)}还没有召开党的{cn_numeral(c.congress)}大", premature=True)
            else:
                yield _unverified(c, f"时效表中还没有党的{cn_numeral(c.congress)}大")
            return
        if c.series is None and c.congress == congress.series and not tl.known("congresses", when):
            yield _unverified(c, f"时效表只核对到 {_ym(tl.known_through['congresses'])}，"
                                 f"无法确定 {year} 年是否已召开新的党代会")
            return
    if c.series is None:
        return
    suggestion = formula if c.congress is not None else (facts.plenums if len(c.numbers) > 1 or c.all_plenums
                                                         else facts.plenum) or facts.plenum or ""
    if c.phrase.startswith("党的") and suggestion and not suggestion.startswith("党的"):
        suggestion = "党的" + suggestion
    yield from _judge_series(c, tl, when, "plenum", tl.plenums, suggestion,
                             single_ok=current_cited and c.congress is None and len(c.numbers) == 1)


def _judge_series(c: Citation, tl: Timeline, when: Month, kind: Literal["plenum", "discipline"],
                  pool: tuple[Meeting, ...], suggestion: str, *, single_ok: bool) -> Iterator[StaleReference]:
    cur = tl.in_force(pool, when)
    if cur is None or c.series is None:
        return
    known = tl.known("plenums" if kind == "plenum" else "discipline", when)
    noun = "中央全会" if kind == "plenum" else "中央纪委全会"
    if c.series < cur.series:
        yield StaleReference(c.start, c.end, c.phrase, kind, suggestion, f"{when[0]} 年最近的{noun}是{cur.name}")
        return
    if c.series > cur.series:
        if not c.numbers or any(tl.meeting(kind, c.series, n) is None for n in c.numbers):
            yield _unverified(c, f"时效表中还没有这次会议（只核对到 {_ym(tl.known_through.get(_known_key(kind), (0, 0)))}）")
        return
    if c.all_plenums:
        return
    top = max(c.numbers, default=0)
    if top < cur.number:
        if not single_ok:
            yield StaleReference(c.start, c.end, c.phrase, kind, suggestion, f"{when[0]} 年最近的{noun}是{cur.name}")
        return
    if top > cur.number:
        if tl.meeting(kind, c.series, top) is not None or (c.forward >= 0 and top == cur.number + 1):
            return  # held later in the year, or the next one being looked forward to
        if known:  # the table knows there was no such meeting yet
            yield StaleReference(c.start, c.end, c.phrase, kind, suggestion,
                                 f"到 {_ym(when)}还没有召开这次会议，{when[0]} 年最近的{noun}是{cur.name}",
                                 premature=True)
        else:
            yield _unverified(c, f"时效表中还没有这次会议（只核对到 {_ym(tl.known_through.get(_known_key(kind), (0, 0)))}）")
        return
    if not known:
        yield _unverified(c, f"时效表只核对到 {_ym(tl.known_through.get(_known_key(kind), (0, 0)))}，"
                             f"无法确定 {when[0]} 年初是否已有更近的{noun}")


def _known_key(kind: str) -> str:
    return "plenums" if kind == "plenum" else "discipline"


def _unverified(c: Citation, reason: str) -> StaleReference:
    kind: Kind = "discipline" if c.discipline else "plenum" if c.series is not None else "congress"
    return StaleReference(c.start, c.end, c.phrase, kind, "", reason, verified=False)


def _ym(m: Month) -> str:
    return f"{m[0]} 年 {m[1]} 月"


def _periods(text: str, year: int, tl: Timeline) -> Iterator[StaleReference]:
    facts = tl.facts(year, force=True)
    for m in _PERIOD_YEAR.finditer(text):
        period = tl.period(m.group(1) or m.group(4))
        if period is None:
            continue
        meant = period.first if (m.group(2) or m.group(3)) in _FIRST else period.last
        if meant != year:
            now = f"{year} 年是“{facts.period}”时期第 {facts.period_year} 年" if facts.period else ""
            yield StaleReference(m.start(), m.end(), m.group(0), "period", facts.plan_period,
                                 f"这是 {meant} 年的说法" + (f"，{now}" if now and not facts.plan_period else ""))
    for m in _FIRST_YEAR.finditer(text):
        within = tl.period_of(year)
        if within is not None and year != within.first:
            yield StaleReference(m.start(), m.end(), m.group(0), "period", "",
                                 f"这是规划期第一年（如 {within.first} 年）的说法，{year} 年是“{within.name}”时期第 "
                                 f"{year - within.first + 1} 年")
    for m in _PERIOD_ONGOING.finditer(text):
        period = tl.period(m.group(1))
        if period is None or period.last >= year:
            continue
        start = m.start(1) - (1 if m.start(1) and _QUOTES.match(text[m.start(1) - 1]) else 0)
        yield StaleReference(start, m.end(), text[start:m.end()], "period",
                             f"“{facts.period}”规划" if facts.period else "",
                             f"“{period.name}”规划期已于 {period.last} 年结束")


@cache
def _campaign_rx(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``names``; quotation marks may stand where a name has them, or be left out."""
    alts = ["".join(_Q if _QUOTES.match(ch) else re.escape(ch) for ch in name)
            for name in sorted(names, key=len, reverse=True)]
    return re.compile("|".join(alts))


def _campaigns(text: str, year: int, tl: Timeline) -> Iterator[StaleReference]:
    when = tl.drafting_date(year)
    bare = _QUOTES.sub("", text)
    for camp in tl.campaigns:
        if camp.end >= when or not _named_in(bare, (camp.name, *camp.aliases)):
            continue  # (a name not in the text: its pattern is not even compiled, a check runs in a fresh process)
        for m in _campaign_rx((camp.name, *camp.aliases)).finditer(text):
            clause = _clause(text, m.start(), m.end())
            if any(w in clause for w in _CONCLUDED) or not any(w in clause for w in _OPENING):
                continue
            now = [c.name for c in tl.campaigns if c.end >= when and c.start <= (year, 12) and c is not camp]
            reason = f"这项学习教育已于 {camp.end[0]} 年 {camp.end[1]} 月结束"
            if now:
                reason += f"；{year} 年开展的是{'、'.join(now)}"
            yield StaleReference(m.start(), m.end(), m.group(0), "campaign", f"巩固拓展{camp.name}成果", reason)


def _short_campaigns(text: str, year: int, tl: Timeline) -> Iterator[StaleReference]:
    """A campaign's short form ("开展主题教育") opened again after the latest campaign of that name ended."""
    when = tl.drafting_date(year)
    for short in sorted({s for c in tl.campaigns for s in c.short}):
        held = [c for c in tl.campaigns if short in c.short and c.start <= (year, 12)]
        if not held:
            continue
        camp = max(held, key=lambda c: c.start)
        if camp.end >= when or short not in text:
            continue
        for m in _short_rx(short).finditer(text):
            clause = _clause(text, m.start(), m.end())
            if any(w in clause for w in _CONCLUDED):
                continue
            yield StaleReference(m.start(), m.end(), m.group(0), "campaign", f"巩固拓展{camp.name}成果",
                                 f"{camp.name}已于 {camp.end[0]} 年 {camp.end[1]} 月结束")


@cache
def _short_rx(short: str) -> re.Pattern[str]:
    """The short form right after a word that opens a campaign (not 爱国主义主题教育, not 主题教育活动)."""
    verbs = "|".join(sorted(_OPENING, key=len, reverse=True))
    return re.compile(rf"(?:{verbs})好?(?P<short>{re.escape(short)})(?![活月周日课实培基阵])")


def _named_in(bare: str, names: tuple[str, ...]) -> bool:
    """One of ``names`` is in ``bare`` (text without quotation marks), quotation marks aside."""
    return any(_QUOTES.sub("", n) in bare for n in names)


def _clause(text: str, start: int, end: int) -> str:
    left = max((text.rfind(ch, 0, start) for ch in _STOP), default=-1)
    rights = [i for i in (text.find(ch, end) for ch in _STOP) if i >= 0]
    return text[left + 1:min(rights) if rights else len(text)]


@cache
def _anniversary_rx(names: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"({alts})(\d{{1,3}})\s*周年")


def _anniversaries(text: str, year: int, tl: Timeline) -> Iterator[StaleReference]:
    for a in tl.anniversaries:
        expected = year - a.founded
        if not any(n in text for n in a.names):
            continue
        for m in _anniversary_rx(a.names).finditer(text):
            n = int(m.group(2))
            if n == expected or text[m.end():m.end() + 2] == "大会":
                continue
            if n == expected + 1 and _HEARS_FORWARD.search(text[max(0, m.start() - 8):m.start()]):
                continue
            fits = expected > 0 and expected % a.cite_every == 0
            yield StaleReference(m.start(), m.end(), m.group(0), "anniversary",
                                 f"{m.group(1)}{expected}周年" if fits else "",
                                 f"这是 {a.founded + n} 年的纪念日")


@cache
def _spaced_rx(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``phrases``, longest first, spaces allowed between characters (text broken by the web)."""
    alts = [r"\s*".join(re.escape(ch) for ch in p) for p in sorted(phrases, key=len, reverse=True)]
    return re.compile("|".join(alts))


def _formulations(text: str, year: int, tl: Timeline) -> Iterator[StaleReference]:
    """Superseded formulations (from ``since``), and phrases that belong to other years (``years``)."""
    when = tl.drafting_date(year)
    taken: list[tuple[int, int]] = []
    squeezed = "".join(text.split())
    for f in tl.formulations:
        if when < f.since or (f.years and year in f.years) or not any(p in squeezed for p in f.old):
            continue
        for m in _spaced_rx(f.old).finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if f.unless and any(w in _clause(text, m.start(), m.end()) for w in f.unless):
                continue
            taken.append((m.start(), m.end()))
            note = f.note or (f"这是 {'、'.join(map(str, f.years))} 年的说法" if f.years else "")
            yield StaleReference(m.start(), m.end(), re.sub(r"\s", "", m.group(0)),
                                 "phrase" if f.years else "formulation", f.new, note)


def refresh(text: str, year: int, timeline: Timeline | None = None) -> str:
    """``text`` with references out of date for ``year`` replaced by the year's phrase.

    For text written for another year that goes into a new outline (mined
    task titles and hints): a superseded meeting becomes the current one, or
    a 【…】 fill-in when the current one is not known yet; an old formulation
    or anniversary count becomes the current one. Campaigns and year-bound
    phrases stay as they are (no word-for-word replacement fits them); check
    still points them out.
    """
    tl = timeline or load_timeline()
    if not tl.covers(year):
        return text
    out, last = [], 0
    for s in find_stale(text, year, tl):
        if not s.verified or s.start < last or s.kind in ("campaign", "phrase"):
            continue
        new = s.suggestion
        if not new and s.kind in ("congress", "plenum", "discipline"):
            unknown = {"congress": "congress", "plenum": "plenums" if "、" in s.phrase else "plenum",
                       "discipline": "discipline"}[s.kind]
            new = f"【{UNKNOWN_TEXT[unknown]}】"
        if not new:
            continue
        out += [text[last:s.start], new]
        last = s.end
    return "".join(out) + text[last:] if out else text


# --- rolling references over (import) --------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """A year-bound reference in a plan of the source year, and the template text that rolls it over.

    ``variable`` is jinja text (``{{ plenum }}``, ``建党{{ year - 1921 }}周年``), or "" when the
    reference cannot follow the year by itself (an ended campaign, a one-off anniversary).
    """

    start: int
    end: int
    phrase: str
    variable: str
    note: str = ""


def references(text: str, year: int, timeline: Timeline | None = None) -> list[Reference]:
    """The references in ``text`` (a plan of ``year``) bound to that year, non-overlapping, in order.

    The year's own meetings become variables: the congress ``{{ congress }}``,
    the combined plenums of the term ``{{ plenums }}``, the latest plenum
    ``{{ plenum }}``, the formula ``{{ congress }}和{{ plenums }}``, the
    discipline plenum ``{{ discipline }}``; the plan-period phrase
    ``{{ plan_period }}``; yearly anniversaries ``建党{{ year - 1921 }}周年``.
    Superseded formulations become the current phrase. Other dated references
    come back with an empty ``variable`` and a note, for the editor to check.
    """
    tl = timeline or load_timeline()
    if not tl.covers(year):
        return []
    facts = tl.facts(year, force=True)
    out: list[Reference] = []

    def add(start: int, end: int, variable: str) -> None:
        out.append(Reference(start, end, text[start:end], variable))

    for c in citations(text):
        if c.historical:
            continue
        # a variable replaces a phrase only where it renders back to the same words in ``year``
        if c.discipline:
            if facts.discipline and c.phrase == facts.discipline:
                add(c.start, c.end, "{{ discipline }}")
            continue
        if c.congress is not None:
            congress = facts.congress
            if not congress or not c.phrase.startswith(congress):
                continue
            if c.series is None:
                add(c.start, c.end, "{{ congress }}")
                continue
            joined = _JOIN.match(c.phrase[len(congress):])
            rest = c.phrase[len(congress) + joined.end():] if joined else ""
            if joined and facts.plenums and rest == facts.plenums:
                add(c.start, c.end, "{{ congress }}" + joined.group(0) + "{{ plenums }}")
            continue
        lead = len("党的") if c.phrase.startswith("党的") else 0
        body = c.phrase[lead:]
        if facts.plenum and body == facts.plenum and len(c.numbers) == 1:
            add(c.start + lead, c.end, "{{ plenum }}")
        elif facts.plenums and body == facts.plenums:
            add(c.start + lead, c.end, "{{ plenums }}")
    if facts.plan_period:
        for m in _PERIOD_YEAR.finditer(text):
            if m.group(0) == facts.plan_period:
                out.append(Reference(m.start(), m.end(), m.group(0), "{{ plan_period }}"))
    for a in tl.anniversaries:
        for m in _anniversary_rx(a.names).finditer(text):
            if int(m.group(2)) != year - a.founded or text[m.end():m.end() + 2] == "大会":
                continue
            if a.cite_every == 1:
                out.append(Reference(m.start(), m.end(), m.group(0), f"{m.group(1)}{{{{ year - {a.founded} }}}}周年"))
            else:
                out.append(Reference(m.start(), m.end(), m.group(0), "", f"{year} 年的纪念日，下一年度请核对"))
    out.extend(_campaigns_named(text, year, tl))
    for f in _formulations(text, year, tl):
        out.append(Reference(f.start, f.end, f.phrase, f.suggestion, f"已改为现行提法（{f.reason}）"))
    return _non_overlapping(out)


def _campaigns_named(text: str, year: int, tl: Timeline) -> Iterator[Reference]:
    for camp in tl.campaigns:
        if camp.start > (year, 12) or camp.end < (year - 1, 12):
            continue
        for m in _campaign_rx((camp.name, *camp.aliases)).finditer(text):
            if any(w in _clause(text, m.start(), m.end()) for w in _CONCLUDED):
                continue
            yield Reference(m.start(), m.end(), m.group(0), "",
                            f"{camp.start[0]} 年的集中学习教育，下一年度宜改为“巩固拓展{camp.name}成果”或当年的学习教育")


def _non_overlapping(refs: list[Reference]) -> list[Reference]:
    out: list[Reference] = []
    for r in sorted(refs, key=lambda r: (r.start, -(r.end - r.start))):
        if out and r.start < out[-1].end:
            continue
        out.append(r)
    return out


__all__ = [
    "UNKNOWN_TEXT",
    "Anniversary",
    "Campaign",
    "Citation",
    "Formulation",
    "Meeting",
    "Period",
    "Reference",
    "StaleReference",
    "Timeline",
    "YearFacts",
    "citations",
    "current_phrase",
    "find_stale",
    "load_timeline",
    "references",
    "refresh",
    "term_form",
    "timeline_files",
]
