"""Department words in mined text become template parameters.

A pattern learned from the civil-affairs plan ("开展民政领域专项课题研究")
must serve the science bureau too, so the words that name the plan's own
department become ``{{ field }}`` ("开展{{ field }}领域专项课题研究"), its full
name ``{{ org }}``, and so on (see :data:`PARAMETERS`). Only the words of the
plan's own department are replaced: "科技创新" in a people's-congress plan is
about science, not about the office writing the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.corpus.meta import is_generic_org, party_free
from drafter.mining.departments import Department
from drafter.schema import Parameter

#: Every parameter mining may introduce: name → (description, example).
PARAMETERS: dict[str, tuple[str, str]] = {
    "org": ("单位全称", "市民政局"),
    "field": ("业务领域词（部门名称中的领域），如 民政、科技、老干部、纪检监察", "民政"),
    "system": ("本系统的说法，如 全市民政系统", "全市民政系统"),
    "party_body": ("领导意识形态工作的党组织：党组、党委、党工委", "党组"),
    "province": ("所在省份（简称），如 山西", "山西"),
}

_PROVINCES = (
    "黑龙江", "内蒙古", "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南",
    "陕西", "甘肃", "青海", "广西", "西藏", "宁夏", "新疆",
)
_ORG_NAME = re.compile(r"(?:局|部|委|办|办公室|委员会|园区|监委)$")
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def jinja_literal(text: str) -> str:
    """``text`` safe to put in a jinja template (a literal "{{" stays literal)."""
    return _JINJA_OPEN.sub("{{ '{' }}", text)


@dataclass
class Generaliser:
    """Replaces one plan's department words with parameters.

    ``used`` collects the names of the parameters it has put in.
    """

    pattern: re.Pattern[str]
    used: set[str]

    def __call__(self, text: str) -> str:
        """``text`` with department words as ``{{ name }}`` and other text kept literal."""
        out: list[str] = []
        last = 0
        for m in self.pattern.finditer(text):
            name = m.lastgroup
            if name is None:
                continue
            out.append(jinja_literal(text[last : m.start()]))
            out.append(f"{{{{ {name} }}}}")
            self.used.add(name)
            last = m.end()
        out.append(jinja_literal(text[last:]))
        return "".join(out)


def generaliser(dept: Department | None, org: str, used: set[str]) -> Generaliser:
    """A :class:`Generaliser` for a plan of ``dept`` (``None``: unknown) written by ``org``."""
    groups: list[tuple[str, str]] = []
    if dept is not None:
        orgs = set(dept.orgs)
        if org and not is_generic_org(org) and _ORG_NAME.search(org):
            orgs.add(party_free(org))  # "中共{{ org }}": the text may drop the 中共 of the name as written
        if orgs:
            groups.append(("org", "|".join(re.escape(o) for o in sorted(orgs, key=lambda o: (-len(o), o)))))
        groups.append(("system", rf"全?市?(?:{dept.words})系统"))
        groups.append(("party_body", r"(?<=[局部])党组"))
        groups.append(("field", dept.words))
    groups.append(("province", "|".join(_PROVINCES)))
    alternation = "|".join(f"(?P<{name}>{rx})" for name, rx in groups)
    return Generaliser(re.compile(alternation), used)


def parameters(used: set[str]) -> list[Parameter]:
    """The :class:`Parameter` entries for the names in ``used``, in catalogue order."""
    return [Parameter(n, d, e) for n, (d, e) in PARAMETERS.items() if n in used]


def unparameterise_regex(text: str) -> re.Pattern[str]:
    """A regex matching corpus text that ``text`` (with parameters) may have come from."""
    parts = re.split(r"\{\{ ?(\w+) ?\}\}", text)
    rx = "".join(re.escape(p) if i % 2 == 0 else r".{1,12}?" for i, p in enumerate(parts))
    return re.compile(rx)

