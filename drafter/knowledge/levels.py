"""The level of a unit (省/市/县/乡镇/单位) and the wording that follows from it.

Mined text and the built-in templates are written for a city-level unit
(全市, 省委、市委, 县（市、区）). :func:`infer_level` reads the level from
the org name; :class:`LevelWording` rewrites city-level wording for another
level: 全市 → 全县, "省委、市委" → "市委、县委", guidance to lower levels
(县（市、区）) → the level below, and tells which text to leave out where
there is no level below (a school, a hospital).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from drafter.lazy_re import lazy

LEVELS: tuple[str, ...] = ("省", "市", "县", "乡镇", "单位")
#: The level mined text and built-in templates are written for.
SOURCE_LEVEL = "市"

_TOWNSHIP = lazy(r"(?:街道|镇|(?<!城)乡)(?:党委|党工委|人民政府|政府|办事处|纪委|机关|办)?$|街道办|^(?:我|本)(?:镇|乡)")
_NOT_COUNTY = ("园区", "开发区", "新区", "社区", "高新区", "保税区", "景区", "自贸区", "试验区", "示范区", "片区",
               "辖区", "校区", "院区", "市区", "城区规划", "管区", "功能区", "合作区", "产业区")
_COUNTY = lazy(r"(?:县|旗|区)(?=委|政府|人民|人大|政协|纪委|监委|直|级|[\u4e00-\u9fff]{1,12}(?:局|委|办|部|院|会|所|中心|厅))|^(?:[^市]{0,6})?[县旗]|(?:县|区|旗)$")
_TOWNSHIP_CHARS = frozenset("街镇乡")
_COUNTY_CHARS = frozenset("县旗区")
_CITY = lazy(r"市|州(?!区)|盟")
_PROVINCE = lazy(r"省|自治区|厅$|^中央|^国家")


def infer_level(org: str) -> str | None:
    """The level the org name says, lowest named first; ``None`` when it names none."""
    if not org:
        return None
    text = re.sub(r"^(?:XX|xx|某+|\*+)", "", org)
    # every branch of _TOWNSHIP and _COUNTY holds one of these characters: a name without any
    # (市民政局) is told apart without compiling them
    if not _TOWNSHIP_CHARS.isdisjoint(text) and _TOWNSHIP.search(text):
        return "乡镇"
    cleaned = text
    for word in _NOT_COUNTY:
        cleaned = cleaned.replace(word, "")
    if not _COUNTY_CHARS.isdisjoint(cleaned) and _COUNTY.search(cleaned):
        return "县"
    if _CITY.search(cleaned) or _CITY.search(text):
        return "市"
    if _PROVINCE.search(text):
        return "省"
    return None


@dataclass(frozen=True)
class LevelWording:
    """How a unit of ``level`` words scope, party committees and lower levels.

    ``place`` is the word its area goes by (县 or 区 or 旗; 镇 or 乡 or 街道).
    """

    level: str
    place: str = ""
    #: The unit's own word for its whole (全校, 全院) where it has no area.
    own_scope: str = ""

    @property
    def scope(self) -> str:
        """全省 / 全市 / 全县 / 全镇 … ; 本单位 (or 全校 …) for a unit without an area."""
        if self.own_scope and self.level == "单位":
            return self.own_scope
        return {"省": "全省", "市": "全市", "县": f"全{self.place or '县'}",
                "乡镇": f"全{self.place or '镇'}"}.get(self.level, "本单位")

    @property
    def committee(self) -> str:
        """The party committee of the unit's area: 省委 / 市委 / 县委 / 镇党委."""
        return {"省": "省委", "市": "市委", "县": f"{self.place or '县'}委",
                "乡镇": "街道党工委" if self.place == "街道" else f"{self.place or '镇'}党委"}.get(self.level, "")

    @property
    def superior(self) -> str:
        """The decisions a plan says it follows: 中央和省委、市委 for a city unit."""
        return {"省": "党中央和省委", "市": "中央和省委、市委", "县": f"中央和市委、{self.committee}",
                "乡镇": f"中央和县委、{self.committee}"}.get(self.level, "中央和上级党组织")

    @property
    def lower(self) -> str | None:
        """The levels below, for guidance text; ``None`` where there are none."""
        return {"省": "市、县", "市": "县（市、区）", "县": "乡镇（街道）", "乡镇": "村（社区）"}.get(self.level)

    @property
    def direct(self) -> str:
        """The prefix of units directly under the area's government: 市直 → 县直."""
        return {"省": "省直", "市": "市直", "县": f"{self.place or '县'}直", "乡镇": "镇直"}.get(self.level, "")

    def rewrite(self, text: str) -> str:
        """``text`` (city-level wording) said for this level."""
        if self.level == SOURCE_LEVEL or not text:
            return text
        return _rewriter(self)(text)

    def unfit(self, text: str) -> bool:
        """Text that only makes sense with lower levels (guidance to 县（市、区）) for a unit without any."""
        return self.lower is None and bool(_LOWER.search(text))


_LOWER = lazy(r"县（市、区）|县\(市、区\)|各县区|各区县|县区|县市区|区县|各县（市、区）|基层单位|下属单位|直属单位|[省市县]、[市县区镇]")


@cache
def _rewriter(wording: LevelWording) -> Callable[[str], str]:
    table = [
        ("省委、市委", _pair(wording)),
        ("县（市、区）", wording.lower or "各部门"),
        ("县(市、区)", wording.lower or "各部门"),
        ("各区县", f"各{wording.lower}" if wording.lower else "各部门"),
        ("全市", wording.scope),
        ("市委", wording.committee or "上级党组织"),
        ("市直", wording.direct or "各"),
        ("市级", f"{wording.level}级" if wording.level in ("省", "县") else "本级"),
    ]
    pattern = re.compile("|".join(re.escape(a) for a, _ in table))
    values = dict(table)
    return lambda text: pattern.sub(lambda m: values[m.group(0)], text)


def _pair(wording: LevelWording) -> str:
    return {"省": "省委", "县": f"市委、{wording.committee}", "乡镇": f"县委、{wording.committee}"}.get(
        wording.level, "上级党组织")


def wording_for(org: str, level: str | None = None) -> LevelWording:
    """The wording of ``org``'s level (``level`` overrides what the name says; default 市)."""
    lv = level or infer_level(org) or SOURCE_LEVEL
    place = ""
    if lv == "县":
        m = re.search(r"([县区旗])(?=委|政府|人民|人大|政协|纪委|直|[\u4e00-\u9fff]{1,12}(?:局|委|办|部|院|会|所|中心))", org)
        place = m.group(1) if m and not any(w in org for w in ("园区", "开发区", "新区", "社区")) else "县"
    elif lv == "乡镇":
        place = "街道" if "街道" in org else ("乡" if re.search(r"(?<!城)乡", org) and "镇" not in org else "镇")
    return LevelWording(lv, place)


__all__ = ["LEVELS", "SOURCE_LEVEL", "LevelWording", "infer_level", "wording_for"]
