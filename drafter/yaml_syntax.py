"""YAML syntax errors worded for an editor, in Chinese, with line, column and a hint.

libyaml says where it gave up ("did not find expected key"), which is often
not where the mistake is nor what it is. :func:`explain` looks at the text
around that place and names the usual slips of people editing YAML by hand:
a tab, a line indented more or less than its neighbours, a list item without
its "- ", a quote never closed, a full-width colon, a value starting with
``{{`` (Jinja) or ``@`` that needed quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml


@dataclass(frozen=True)
class Explained:
    """Where the mistake is (1-based line and column) and what to tell the editor."""

    line: int | None
    column: int | None
    message: str


_QUOTE_HINT = "请给整个值加上引号"
_JINJA_VALUE = re.compile(r"^\s*(-\s+)?[^#\s][^:#]*:\s+\{\{|^\s*-\s+\{\{")


def explain(e: yaml.MarkedYAMLError, text: str) -> Explained:
    """The Chinese explanation of a YAML syntax error in ``text``."""
    lines = text.splitlines()
    mark, context = e.problem_mark, e.context_mark
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    problem, ctx = str(e.problem or ""), str(e.context or "")

    def at(n: int | None) -> str:
        return lines[n - 1] if n is not None and 0 < n <= len(lines) else ""

    def say(what: str, n: int | None = line, col: int | None = column) -> Explained:
        return Explained(n, col, f"YAML 格式错误：{what}")

    tab = _tab_near(lines, line)
    if tab is not None:
        return say("这里用了制表符（Tab）缩进；YAML 只能用空格缩进，请把 Tab 换成空格", tab[0], tab[1])
    context_line = context.line + 1 if context is not None else None
    if "quoted scalar" in ctx:
        quote = at(context_line)[context.column] if context is not None and context.column < len(
            at(context_line)) else "\""
        return say(f"第 {context_line} 行开始的引号 {quote} 没有配对，到文件末尾也没有闭合；请补上另一半 {quote}",
                   context_line, context.column + 1 if context is not None else None)
    full_width = _full_width_colon(lines, line, context_line)
    if full_width is not None:
        return say("键后面用了全角冒号“：”；YAML 的键和值之间要用半角冒号加空格“: ”", *full_width)
    jinja = _jinja_value(lines, line, context_line)
    if jinja is not None:
        return say(f"以 {{{{ 开头的值（jinja 变量）会被当作 YAML 的花括号，{_QUOTE_HINT}，"
                   f"如 title: \"{{{{ field }}}}工作\"", jinja, None)
    if "cannot start any token" in problem:
        char = at(line)[column - 1] if column is not None and 0 < column <= len(at(line)) else "?"
        return say(f"值不能以“{char}”开头，{_QUOTE_HINT}")
    if "expected '-' indicator" in problem:
        return say("列表的这一项缺少开头的“- ”，或缩进与上面的各项不同（同一列表的各项要对齐）", line, column)
    if "expected ':'" in problem:
        if _list_above(lines, context_line):
            return say("列表的这一项缺少开头的“- ”（上面的各项都以“- ”开头）", context_line, None)
        return say("这一行缺少半角冒号加空格“: ”（键和值之间要用“: ”隔开），或上一行的引号、括号没有配对",
                   context_line, None)
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return say("缩进不对：这一行与同一层的键没有对齐（同一层的键要用相同个数的空格缩进）")
    if "mapping values are not allowed" in problem:
        if _more_indented(lines, line):
            return say("缩进不对：这一行比上一行多缩进了，而上一行并不是以“键:”结尾的上一级")
        return say(f"值中含有“: ”，会被当作又一个键；{_QUOTE_HINT}")
    if "flow" in ctx or "expected ',' or" in problem:
        opened = _unclosed_bracket(lines, line)
        jinja_tip = f"；若这是 jinja 变量 {{{{ … }}}}，{_QUOTE_HINT}" if opened[2] == "{" else ""
        return say(f"第 {opened[0]} 行的括号“{opened[2]}”没有配对，或括号中的各项之间缺少逗号{jinja_tip}",
                   opened[0], opened[1])
    if "alias" in problem or "alias" in ctx:
        return say(f"值以 * 开头会被当作 YAML 别名；{_QUOTE_HINT}")
    return say(f"{_problem_text(e)}（请检查这一行和上一行的缩进、冒号和引号）")


def _problem_text(e: Any) -> str:
    return str(e.problem or e.context or e)


def _tab_near(lines: list[str], line: int | None) -> tuple[int, int] | None:
    """A tab in the indentation of ``line`` or the line before it."""
    if line is None:
        return None
    for n in (line, line - 1):
        if 0 < n <= len(lines):
            indent = lines[n - 1][: len(lines[n - 1]) - len(lines[n - 1].lstrip(" \t"))]
            if "\t" in indent:
                return n, indent.index("\t") + 1
    return None


def _full_width_colon(lines: list[str], *candidates: int | None) -> tuple[int, int] | None:
    """A line near the error whose key ends in a full-width colon and that has no half-width one."""
    for n in sorted({c for c in candidates if c}, reverse=True):
        for m in (n, n - 1):
            text = lines[m - 1] if 0 < m <= len(lines) else ""
            body = text.split("#", 1)[0]
            if "：" in body and ": " not in body and not body.rstrip().endswith(":") and not body.lstrip(
                    ).startswith(("- ", "'", '"')):
                return m, body.index("：") + 1
    return None


def _jinja_value(lines: list[str], *candidates: int | None) -> int | None:
    for n in sorted({c for c in candidates if c}):
        if 0 < n <= len(lines) and _JINJA_VALUE.match(lines[n - 1]):
            return n
    return None


def _unclosed_bracket(lines: list[str], line: int | None) -> tuple[int, int, str]:
    """The last "[" or "{" opened at or before ``line`` and not closed (line, column, bracket)."""
    stack: list[tuple[int, int, str]] = []
    pairs = {"]": "[", "}": "{"}
    for n, text in enumerate(lines[: line or len(lines)], 1):
        for col, ch in enumerate(text.split("#", 1)[0], 1):
            if ch in "[{":
                stack.append((n, col, ch))
            elif ch in pairs and stack and stack[-1][2] == pairs[ch]:
                stack.pop()
    return stack[-1] if stack else (line or 1, 1, "[")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _list_above(lines: list[str], line: int | None) -> bool:
    """The nearest non-blank line above ``line`` at the same indentation is a "- " item."""
    if line is None or not 0 < line <= len(lines):
        return False
    here = _indent(lines[line - 1])
    for text in reversed(lines[: line - 1]):
        if text.strip() and _indent(text) <= here:
            return _indent(text) == here and text.lstrip().startswith("- ")
    return False


def _more_indented(lines: list[str], line: int | None) -> bool:
    if line is None or not 1 < line <= len(lines):
        return False
    above = next((t for t in reversed(lines[: line - 1]) if t.strip()), "")
    return _indent(lines[line - 1]) > _indent(above) and not above.rstrip().endswith(":")
