"""What makes an outline fit its unit: the profile, the level and the common topics.

:func:`fit_for` works out, from the org name (and an explicit level or
profile id), the :class:`Fit` that composition uses: which profile the unit
matches (or none), the level wording, the topics every outline covers, the
words of other units' fields, and whether to offer alternative tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from drafter.errors import InputError
from drafter.knowledge.levels import LEVELS, LevelWording, wording_for
from drafter.knowledge.profiles import (
    DomainTask,
    Knowledge,
    Loader,
    Profile,
    Topic,
    foreign_words,
    load_knowledge,
    match_profile,
)


@dataclass(frozen=True)
class Fit:
    """The unit an outline is for, as far as the outline's wording and tasks go.

    ``profile`` ``None``: no profile matched (the default wording is used);
    ``matched`` is the stretch of the org name that recognised the profile.
    """

    wording: LevelWording
    profile: Profile | None = None
    matched: str = ""
    topics: tuple[Topic, ...] = ()
    foreign: tuple[str, ...] = ()
    alternatives: bool = True
    level_given: bool = field(default=False, compare=False)

    def params(self) -> dict[str, object]:
        """The parameters the profile and level give a template that leaves them generic."""
        w = self.wording
        out: dict[str, object] = {"superior": w.superior}
        p = self.profile
        if p is None:
            return out
        system = p.system or "本单位"
        if w.level in ("省", "市", "县") and not system.startswith(("全", "本")) and not system.endswith("机关"):
            system = f"{w.scope}{system}"
        elif system.endswith("机关") and not system.startswith(("全", "本")):
            system = f"{system}"
        out.update(field=p.field, field_words=list(p.field_words), system=system, party_body=p.party_body,
                   party_secretary=_secretary(p.party_body))
        return out


    def tasks(self) -> list[DomainTask]:
        """The unit's own tasks: the profile's domain tasks, then tasks built from its profile.

        Built from its audiences, positions, risks and system: what an ideology plan of such
        a unit says about them.
        """
        p = self.profile
        if p is None:
            return []
        out = list(p.tasks)
        themes = {t.theme for t in p.tasks}
        out.append(DomainTask("theory", f"深入学习贯彻习近平总书记关于{p.field}工作的重要论述", (
            f"把习近平总书记关于{p.field}工作的重要论述和重要指示批示精神纳入理论学习中心组学习重点",
            f"结合{p.field}工作实际开展专题研讨，把学习成果转化为推动工作的具体举措")))
        if p.audiences and "theory" not in themes:
            who = "、".join(p.audiences[:2])
            out.append(DomainTask("theory", f"加强{p.audiences[0]}思想政治教育", (
                f"结合{p.audiences[0]}的特点开展分众化、对象化的理论宣讲",
                f"定期了解{who}的思想动态，有针对性地做好解疑释惑")))
        if len(p.positions) >= 2 and "positions" not in themes:
            where = "、".join(p.positions[:2]) if len("".join(p.positions[:2])) <= 12 else p.positions[0]
            out.append(DomainTask("positions", f"严格{where}阵地管理", (
                f"逐一明确{'、'.join(p.positions[:3])}的主管主办单位和内容审核责任人",
                f"对{p.positions[0]}开展经常性巡查，发现问题及时整改")))
        if p.risks and "risk" not in themes:
            out.append(DomainTask("risk", f"健全{p.field}领域风险研判处置机制", (
                f"把{'、'.join(p.risks[:2])}列入意识形态风险清单，定期分析研判",
                "制定应对预案，明确处置流程、责任人和信息发布口径")))
        if p.audiences and "culture" not in themes:
            who = p.audiences[0]
            out.append(DomainTask("culture", f"选树宣传{who}先进典型", (
                f"开展优秀{who}等评选，组织先进事迹宣讲",
                "用好网站、新媒体等平台宣传先进典型，营造见贤思齐的氛围")))
        system = str(self.params().get("system") or "")
        if self.wording.lower is not None and system.startswith("全"):
            out.append(DomainTask("duty", f"压实{system}意识形态工作责任", (
                f"把意识形态工作纳入对{self.wording.lower}和直属单位的督查考核",
                "定期听取下级单位意识形态工作汇报，对问题较多的约谈提醒")))
        if system:
            out.append(DomainTask("team", f"加强{p.field}意识形态工作队伍建设", (
                "配齐配强宣传思想、网络评论和舆情监测骨干力量",
                f"围绕{p.field}领域意识形态工作开展专题培训和实战练兵")))
        return out


#: How :func:`year_tasks` words its tasks: part of their cache key, raised when the wording changes.
YEAR_TASKS_FORM = 3


@lru_cache(maxsize=256)
def year_tasks(year: int, field: str = "") -> tuple[DomainTask, ...]:
    """Tasks of the year, from the timeline: its anniversaries and plan period.

    A year the timeline does not cover gives none (its facts are not known). Kept per
    process: the timeline is read once.
    """
    from drafter.knowledge.timeline import load_timeline

    facts = load_timeline().facts(year)
    if not facts.covered:
        return ()
    out: list[DomainTask] = []
    notable = [a for a in facts.anniversaries if not a.startswith("建党")] or list(facts.anniversaries)
    if notable:
        # two nodes in the title while it stays short; the hint names both
        nodes = "、".join(notable[:2]) if len("".join(notable[:2])) <= 16 else notable[0]
        hints = [f"结合{'、'.join(notable[:2])}组织开展主题宣传教育和纪念活动",
                 "在重要时间节点加强正面宣传和舆论引导，营造团结奋进的浓厚氛围"]
        if facts.period and facts.period_year <= 2:
            hints.insert(1, f"围绕“{facts.period}”规划实施做好宣传阐释，讲好{field or '本单位'}发展故事")
        out.append(DomainTask("positions", f"围绕{nodes}等重要节点做好主题宣传", tuple(hints[:3])))
    return tuple(out)


def _secretary(party_body: str) -> str:
    """The first responsible person of a party body: 局党组 → 局党组书记."""
    if party_body.endswith(("党组", "党委", "党工委", "党支部", "党总支", "党组织", "工委委员会")):
        return f"{party_body}书记"
    return f"{party_body}主要负责同志"


def fit_for(org: str | None, level: str | None = None, profile_id: str | None = None, *,
            alternatives: bool = True, cwd: Path | None = None, loader: Loader | None = None,
            knowledge: Knowledge | None = None) -> Fit:
    """The fit of ``org``: its profile (``profile_id`` names one explicitly) and its level.

    ``knowledge`` is the loaded profiles and topics (``None``: loaded here, ``loader``
    keeping them across runs, see :func:`load_knowledge`).
    Raises :class:`~drafter.errors.InputError` for an unknown level or profile id.
    """
    if level is not None and level not in LEVELS:
        raise InputError(f"层级“{level}”无效，可用：{'、'.join(LEVELS)}")
    if knowledge is None:
        knowledge = load_knowledge(cwd, loader)
    org = org or ""
    key = (id(knowledge), org, level, profile_id, alternatives)
    if key in _FITS:
        return _FITS[key]
    fit = _fit(knowledge, org, level, profile_id, alternatives)
    if len(_FITS) > 1024:
        _FITS.clear()
    _FITS[key] = fit
    return fit


#: Fits worked out in this process (they depend only on the loaded knowledge and the arguments).
_FITS: dict[tuple[object, ...], Fit] = {}


def _fit(knowledge: Knowledge, org: str, level: str | None, profile_id: str | None, alternatives: bool) -> Fit:
    profile, matched = None, ""
    if profile_id:
        profile = next((p for p in knowledge.profiles if p.id == profile_id), None)
        if profile is None:
            ids = "、".join(p.id for p in knowledge.profiles)
            raise InputError(f"没有单位画像“{profile_id}”（可用：{ids}）")
    else:
        m = match_profile(org, knowledge.profiles)
        if m is not None:
            profile, matched = m.profile, m.text
    lv = level or (profile.level if profile and profile.level else None)
    wording = wording_for(org, lv)
    if profile is not None and profile.system.startswith("全"):
        wording = replace(wording, own_scope=profile.system)
    foreign = foreign_words(profile, org, knowledge.profiles)
    return Fit(wording, profile, matched, tuple(knowledge.topics), tuple(foreign), alternatives, level is not None)


__all__ = ["YEAR_TASKS_FORM", "Fit", "fit_for", "year_tasks"]
