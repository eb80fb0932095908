"""Departments drafter knows: how to recognise one, and its own words.

The table is data. ``detect`` finds the department in a plan's organisation,
title or preamble; ``words`` are the department's field words that become
``{{ field }}`` in mined text (only in that department's own plans, so that
"科技创新" in a people's-congress plan stays as written); ``orgs`` are full
organisation names that become ``{{ org }}``; ``markers`` are words of work
only this kind of office does — a section headed with one is kept apart as a
department-specific theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Department:
    """One kind of office (民政, 科技, 老干部 …) and its own vocabulary."""

    slug: str
    label: str
    detect: str
    words: str
    orgs: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()
    detect_re: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "detect_re", re.compile(self.detect))


def _d(slug: str, label: str, detect: str, words: str, orgs: tuple[str, ...] = (),
       markers: tuple[str, ...] = ()) -> Department:
    return Department(slug, label, detect, words, orgs, markers)


DEPARTMENTS: tuple[Department, ...] = (
    _d("civil-affairs", "民政", r"民政", r"民政", ("市民政局", "民政局")),
    _d("science", "科技", r"科技局|科学技术局|科技厅", r"科学技术|科技", ("市科学技术局", "市科技局")),
    _d("veterans", "老干部", r"老干部|离退休干部工作", r"老干部|离退休干部", ("市委老干部局", "老干部局"),
       ("银发", "关心下一代", "老有所为")),
    _d("discipline", "纪检监察", r"纪委|监委|纪检监察", r"纪检监察", ("市纪委监委", "市纪委", "市监委"),
       ("正风肃纪", "反腐", "执纪执法", "监督执纪")),
    _d("organization", "组织", r"组织部", r"组织(?=工作|部门|系统|职能|优势|路线)", ("市委组织部",),
       ("组织职能",)),
    _d("industry", "工业和信息化", r"工业和信息化|工信局", r"工业和信息化|工信", ("市工业和信息化局", "市工信局")),
    _d("staffing", "机构编制", r"编办|编委|机构编制", r"机构编制", ("市委编办", "市委机构编制委员会办公室")),
    _d("people-congress", "人大", r"人大", r"人大", ("市人大常委会",)),
    _d("park", "园区", r"园区|开发区|高新区", r"园区", ("市工业园区",)),
    _d("finance", "财政", r"财政局|财政厅", r"财政", ("市财政局",)),
    _d("audit", "审计", r"审计局|审计厅", r"审计", ("市审计局",)),
    _d("statistics", "统计", r"统计局", r"统计", ("市统计局",)),
    _d("health", "卫生健康", r"卫生健康|卫健委", r"卫生健康|卫健", ("市卫生健康委员会", "市卫健委")),
    _d("transport", "交通运输", r"交通运输局|交通局", r"交通运输", ("市交通运输局",)),
    _d("natural-resources", "自然资源", r"自然资源", r"自然资源", ("市自然资源局",)),
    _d("ecology", "生态环境", r"生态环境局", r"生态环境", ("市生态环境局",)),
    _d("housing", "住房和城乡建设", r"住房和城乡建设|住建局", r"住房和城乡建设|住建", ("市住房和城乡建设局",)),
    _d("agriculture", "农业农村", r"农业农村局", r"农业农村", ("市农业农村局",)),
    _d("water", "水利", r"水利局|水务局", r"水利|水务", ("市水利局", "市水务局")),
    _d("commerce", "商务", r"商务局", r"商务", ("市商务局",)),
    _d("culture-tourism", "文化和旅游", r"文化和旅游局|文旅局|文广旅", r"文化和旅游|文旅", ("市文化和旅游局",)),
    _d("public-security", "公安", r"公安局", r"公安", ("市公安局",)),
    _d("justice", "司法行政", r"司法局", r"司法行政", ("市司法局",)),
    _d("human-resources", "人力资源社会保障", r"人力资源和社会保障|人社局", r"人力资源社会保障|人社",
       ("市人力资源和社会保障局", "市人社局")),
    _d("emergency", "应急管理", r"应急管理局", r"应急管理", ("市应急管理局",)),
    _d("market-regulation", "市场监管", r"市场监督管理局|市场监管局", r"市场监管", ("市市场监督管理局", "市市场监管局")),
    _d("education", "教育", r"教育局|教育体育局|教体局", r"教育系统|教育领域", ("市教育局",)),
    _d("united-front", "统战", r"统战部", r"统战", ("市委统战部",), ("统一战线",)),
    _d("political-legal", "政法", r"政法委", r"政法", ("市委政法委",)),
)

BY_SLUG = {d.slug: d for d in DEPARTMENTS}


def detect(*texts: str) -> Department | None:
    """The department named first in the first of ``texts`` that names one."""
    for text in texts:
        hits = [(m.start(), i) for i, d in enumerate(DEPARTMENTS) if (m := d.detect_re.search(text))]
        if hits:
            return DEPARTMENTS[min(hits)[1]]
    return None


def marker_department(text: str) -> Department | None:
    """The department whose specific-work marker ``text`` contains, if any."""
    for d in DEPARTMENTS:
        if any(m in text for m in d.markers):
            return d
    return None
