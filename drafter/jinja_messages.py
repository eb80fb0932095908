"""What a template editor is told about jinja text, in Chinese.

:func:`syntax_message` words a jinja syntax error; :func:`available_names`
lists the variables template text may use, the documented ones first (in the
order of docs/templates.md), never drafter's internals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Variables docs/templates.md documents, in its order.
DOCUMENTED = (
    "org", "org_short", "field", "field_words", "system", "party_body", "party_secretary", "leader_in_charge",
    "superior", "province", "place",
    "year", "prev_year", "next_year", "genre", "plan_period", "congress", "plenum",
    "latest_plenum", "meetings", "anniversaries", "stale", "placeholder", "task", "hints",
)
#: Names in the variables that are drafter's own workings, not for template text.
INTERNAL = frozenset({"ctx", "fallback", "plans", "source_year", "range", "lipsum", "dict", "cycler", "joiner",
                      "namespace"})

_BLOCKS = {"if": "{% endif %}", "for": "{% endfor %}", "macro": "{% endmacro %}", "set": "{% endset %}",
           "filter": "{% endfilter %}", "raw": "{% endraw %}", "block": "{% endblock %}"}
_TOKENS = {"end of print statement": "}}", "end of statement block": "%}", "name": "名字", "end of template": "文末"}


def available_names(names: Iterable[str]) -> list[str]:
    """``names`` a template may use: documented ones in their order, then the others sorted."""
    visible = {n for n in names if not n.startswith("_") and n not in INTERNAL}
    return [n for n in DOCUMENTED if n in visible] + sorted(visible.difference(DOCUMENTED))


def syntax_message(message: str) -> str:
    """A jinja syntax error message in Chinese, saying what to write."""
    m = re.search(r"looking for the following tags: .*innermost block that needs to be closed is '(\w+)'", message,
                  re.DOTALL)
    if m:
        end = _BLOCKS.get(m.group(1), "{% end" + m.group(1) + " %}")
        return f"{{% {m.group(1)} %}} 没有结束：缺少 {end}"
    m = re.match(r"Encountered unknown tag '(\w+)'", message)
    if m:
        tag = m.group(1)
        if tag.startswith("end"):
            return f"多出的 {{% {tag} %}}：前面没有与之对应的 {{% {tag[3:]} … %}}"
        return f"不认识的标签 {{% {tag} %}}（可用 if、for、set 等）"
    if message.startswith("unexpected end of template"):
        wanted = re.search(r"expected '([^']+)'", message)
        closing = _TOKENS.get(wanted.group(1), wanted.group(1)) if wanted else "}}"
        return f"文字在结束前缺少“{closing}”：{{{{ 要有对应的 }}}}，{{% 要有对应的 %}}"
    m = re.match(r"unexpected char '(.)' at \d+", message) or re.match(r'unexpected char "(.)" at \d+', message)
    if m:
        char = m.group(1)
        if char in "｛｝％":
            return f"{{{{ }}}} 中有全角的“{char}”，请改为半角"
        if char in "'\"":
            return f"{{{{ }}}} 中的引号 {char} 没有配对"
        return f"{{{{ }}}} 中有不能识别的字符“{char}”"
    m = re.match(r"unexpected '(.)'", message)
    if m:
        if m.group(1) == "}":
            return "“}}”不完整或多了“}”：变量要写成 {{ 变量名 }}"
        return f"多了一个“{m.group(1)}”"
    m = re.match(r"expected token '([^']+)', got '([^']+)'", message)
    if m:
        want = _TOKENS.get(m.group(1), m.group(1))
        return f"“{m.group(2)}”处应为“{want}”（{{{{ }}}} 中只能写一个变量或表达式，文字写在括号外）"
    m = re.match(r"Expected an expression, got '([^']+)'", message)
    if m:
        return "{{ }} 或 {% %} 中缺少变量或表达式"
    return f"jinja 写法有误（{message}）"
