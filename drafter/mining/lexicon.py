"""The seed lexicon of common themes: id, Chinese label, weighted keywords.

Keywords are matched longest first and without overlap, so "创新工作机制"
reads as 创新工作 (innovation) + 机制 rather than as 工作机制 (duty), and
"党组织" is not read as "组织". The weights say how surely a word names the
theme: 阵地 surely means positions, 思想 only leans towards theory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ThemeSeed:
    """A common theme the miner looks for."""

    id: str
    label: str
    keywords: dict[str, float]


SEEDS: tuple[ThemeSeed, ...] = (
    ThemeSeed("theory", "理论武装", {
        "理论": 3, "学习": 2, "第一议题": 3, "铸魂": 2, "思想旗帜": 3, "政治引领": 2, "政治方向": 2,
        "政治忠诚": 2, "理想信念": 2, "思想": 1, "宣讲": 1,
    }),
    ThemeSeed("duty", "责任落实", {
        "责任": 3, "责任制": 3, "组织领导": 3, "落实机制": 3, "制度机制": 3, "工作机制": 2, "考核": 2,
        "督查": 2, "督导": 2, "问责": 2, "制度": 2, "闭环": 1, "机制": 1, "成效": 1, "保障": 1,
    }),
    ThemeSeed("positions", "阵地管理与舆论引导", {
        "阵地": 3, "舆论": 3, "宣传": 2, "主旋律": 2, "舆情": 2, "传播": 1, "新闻": 2,
    }),
    ThemeSeed("risk", "风险防控", {
        "风险": 3, "安全": 2, "防范化解": 2, "研判": 1, "底线": 1, "隐患": 2,
    }),
    ThemeSeed("team", "队伍建设", {
        "队伍": 3, "骨干": 2, "人才": 2, "铁军": 3, "能力": 2, "本领": 2, "素质": 2, "培训": 2,
    }),
    ThemeSeed("culture", "文化建设与价值引领", {
        "文化": 3, "价值": 3, "道德": 3, "文明": 2, "立德树人": 3, "核心价值观": 3, "精神文明": 3,
    }),
    ThemeSeed("network", "网络意识形态", {
        "网络": 3, "网上": 2, "清朗": 2, "网信": 2,
    }),
    ThemeSeed("party", "党建引领", {
        "党建": 3, "党组织": 3, "党支部": 3, "支部": 2, "从严治党": 2,
    }),
    ThemeSeed("innovation", "创新赋能", {
        "创新工作": 3, "载体": 3, "数智": 3, "数字": 3, "数字化": 3, "赋能": 2, "智能": 2, "智慧": 2,
    }),
)

BY_ID = {s.id: s for s in SEEDS}

_ALL = sorted({k for s in SEEDS for k in s.keywords}, key=lambda k: (-len(k), k))
_KEYWORD_RE = re.compile("|".join(re.escape(k) for k in _ALL))
_OWNERS: dict[str, list[tuple[str, float]]] = {}
for _seed in SEEDS:
    for _k, _w in _seed.keywords.items():
        _OWNERS.setdefault(_k, []).append((_seed.id, _w))


def keyword_scores(text: str) -> dict[str, float]:
    """Theme id → sum of the weights of its keywords in ``text`` (each keyword once)."""
    seen: set[str] = set()
    scores: dict[str, float] = {}
    for m in _KEYWORD_RE.finditer(text):
        word = m.group(0)
        if word in seen:
            continue
        seen.add(word)
        for theme_id, weight in _OWNERS[word]:
            scores[theme_id] = scores.get(theme_id, 0.0) + weight
    return scores


def first_hit(text: str, theme_id: str) -> int:
    """Offset of the first keyword of ``theme_id`` in ``text`` (len(text) if none)."""
    for m in _KEYWORD_RE.finditer(text):
        if any(t == theme_id for t, _ in _OWNERS[m.group(0)]):
            return m.start()
    return len(text)
