"""The one jinja2 environment of drafter: sandboxed, strict, bounded.

Template text comes from YAML files that editors write (department templates,
mined schemas, snippets). It runs in an :class:`ImmutableSandboxedEnvironment` (no attribute of
an internal object, no changing a list or dict passed in) with
:class:`StrictUndefined` (a misspelt variable is an error, not an empty
string) and autoescape off (the output is document text, not HTML).

The sandbox is also bounded, so a template cannot hang drafter or eat the
machine: ``range`` is capped, loop iterations and calls share one budget per
render, string and list repetition, padding widths and exponents are capped,
and a deadline and an output limit are checked while rendering.

Every failure becomes a :class:`~drafter.errors.TemplateError` naming the
file, the line and the key of the text, as :class:`Origin` records them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from functools import cache, lru_cache
from types import CodeType, TracebackType
from typing import Any, NamedTuple

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, UndefinedError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from drafter.errors import TemplateError
from drafter.model import placeholder

#: Largest ``range`` a template may build.
MAX_RANGE = 1000
#: Loop steps (over ranges) plus calls allowed in one render.
MAX_STEPS = 100_000
#: Largest string or list a template may build with ``*`` or a padding width.
MAX_SIZE = 100_000
#: Characters one render may produce.
MAX_OUTPUT = 200_000
#: Characters all the pieces of one render may add up to (blocks and macros count again when used).
MAX_PRODUCED = 10 * MAX_OUTPUT
#: Largest value (about, in characters) an operation may take or build.
MAX_VALUE = 4 * MAX_OUTPUT
#: Largest integer (in bits) a template may build.
MAX_INT_BITS = 4096
#: Seconds one render may take.
MAX_SECONDS = 2.0

#: The file name compiled templates carry, to find their frames in a traceback.
_FILENAME = "<drafter-template>"


class Origin(NamedTuple):
    """Where a template text was written: file, line of its first character, key.

    ``line`` is ``None`` when unknown (the error then names file and key
    only); ``key`` is the dotted path of the text in its file, such as
    ``themes[0].heading``.
    """

    path: str
    line: int | None = None
    key: str = ""


class SourceText(str):
    """A string read from a file, remembering its :class:`Origin`."""

    origin: Origin | None

    def __new__(cls, value: str, origin: Origin | None = None) -> SourceText:
        """Make the string ``value`` that was read at ``origin``."""
        obj = super().__new__(cls, value)
        obj.origin = origin
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (SourceText, (str(self), self.origin))


class _BudgetExceeded(Exception):
    """Raised inside a render that exceeded one of its limits."""


class _Budget:
    """Steps, characters produced and time left for the render in progress."""

    def __init__(self) -> None:
        self.steps = 0
        self.produced = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise _BudgetExceeded(f"循环或调用次数超过上限（{MAX_STEPS}）")
        if time.monotonic() > self.deadline:
            raise _BudgetExceeded(f"渲染超过 {MAX_SECONDS:g} 秒")

    def produce(self, size: int) -> None:
        self.produced += size
        if self.produced > MAX_PRODUCED:
            raise _BudgetExceeded(f"输出超过 {MAX_OUTPUT} 字符")


_budget: ContextVar[_Budget | None] = ContextVar("drafter_jinja_budget", default=None)


def _step() -> None:
    budget = _budget.get()
    if budget is not None:
        budget.step()


def _counted(values: Iterable[Any]) -> Iterator[Any]:
    """``values``, each one a budget step (every loop of a template goes through here)."""
    for value in values:
        _step()
        yield value


def _bounded_range(*args: int) -> Iterator[int]:
    """``range`` for templates: at most :data:`MAX_RANGE` items, each a budget step."""
    values = range(*args)
    if len(values) > MAX_RANGE:
        raise SecurityError(f"range 过大（{len(values)} 项，上限 {MAX_RANGE}）")
    return _counted(values)


# --- sizes, worked out before an operation runs -----------------------------------------


def _weight(value: Any, limit: int = MAX_VALUE) -> int:
    """About how many characters ``value`` takes as text, counted up to just past ``limit``.

    Text counts its length, a collection the weights of its items (a shared
    item counts each time, as it would when joined or printed), a number its
    digits; anything else a little. Stops early past ``limit``, so it costs
    at most about ``limit`` steps however large the value.
    """
    total = 0
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            total += len(v)
        elif isinstance(v, (list, tuple, set, frozenset)):
            total += 2 + 2 * len(v)
            if total <= limit:
                stack.extend(v)
        elif isinstance(v, Mapping):
            total += 2 + 4 * len(v)
            if total <= limit:
                stack.extend(v.keys())
                stack.extend(v.values())
        elif isinstance(v, int) and not isinstance(v, bool):
            total += v.bit_length() // 3 + 1
        else:
            total += 8
        if total > limit:
            return total
    return total


def _too_big(size: int, what: str, limit: int = MAX_VALUE) -> None:
    if size > limit:
        raise SecurityError(f"{what}过长（约 {size} 字符，上限 {limit}）")


def _check_size(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
        raise SecurityError(f"数值过大（{value}，上限 {MAX_SIZE}）")


_NUMBER = re.compile(r"\d+")


def _check_format(text: Any, args: Iterable[Any] = ()) -> None:
    """Refuse a format (``%`` or ``str.format``) whose result could grow too large.

    The bound is generous and cheap: every field of the format may take the
    largest argument padded to the largest width written in the format or
    passed as an argument (``'%*s' % (w, x)``).
    """
    if not isinstance(text, str):
        return
    args = list(args)
    fields = text.count("%") + text.count("{")
    widths = [int(m) for m in _NUMBER.findall(text) if len(m) < 12] or [0]
    if any(len(m) >= 12 for m in _NUMBER.findall(text)):
        raise SecurityError("格式宽度过大")
    # with "*" a width comes from the arguments ('%*s' % (w, x)); a nested "{:{w}}" field too
    star = "*" in text or "{" in text
    numbers = [abs(a) for a in args if star and isinstance(a, int) and not isinstance(a, bool)] or [0]
    if max(widths) > MAX_SIZE or max(numbers) > MAX_SIZE:
        raise SecurityError("格式宽度过大")
    largest = max((_weight(a) for a in args), default=0)
    _too_big(len(text) + fields * (largest + max(widths) + max(numbers)), "格式化结果")


def _format_args(right: Any) -> list[Any]:
    if isinstance(right, tuple):
        return list(right)
    if isinstance(right, Mapping):
        return list(right.values())
    return [right]


def _occurrences(text: str, old: str, count: Any) -> int:
    most = len(text) + 1 if not old else len(text) // len(old)
    if isinstance(count, int) and not isinstance(count, bool) and 0 <= count < most:
        return count
    return most


def _lines(text: str) -> int:
    return text.count("\n") + 1


def _check_str_method(name: str, text: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Refuse a string method whose result would be too large, before it runs."""
    n = len(text)
    if name == "replace" and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        _too_big(n + _occurrences(text, old, count) * len(new), "替换结果")
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(size, int):
            _too_big(n + text.count("\t") * max(size, 0), "展开结果")
    elif name == "join" and args:
        items = args[0]
        if isinstance(items, (list, tuple, str)):
            _too_big(_weight(items) + n * len(items), "拼接结果")
        else:
            raise SecurityError("join 只接受列表")
    elif name == "translate" and args and isinstance(args[0], Mapping):
        _too_big(n * max((_weight(v) for v in args[0].values()), default=1), "替换结果")
    elif name in ("format", "format_map"):
        values = [*args, *kwargs.values()]
        if name == "format_map" and args and isinstance(args[0], Mapping):
            values = list(args[0].values())
        _check_format(text, values)


def _check_filter(name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Refuse a filter call whose result would be too large or too slow, before it runs."""
    value = args[0] if args else None

    def arg(i: int, key: str, default: Any) -> Any:
        return args[i] if len(args) > i else kwargs.get(key, default)

    text = value if isinstance(value, str) else None
    if name == "replace" and text is not None:
        old, new = str(arg(1, "old", "")), str(arg(2, "new", ""))
        _too_big(len(text) + _occurrences(text, old, arg(3, "count", None)) * len(new), "替换结果")
    elif name == "join":
        sep = arg(1, "d", "")
        items = value if isinstance(value, (str, list, tuple, Mapping)) else None
        if items is None:
            raise SecurityError("join 只接受列表")
        _too_big(_weight(items) + len(str(sep)) * len(items), "拼接结果")
    elif name == "indent" and text is not None:
        width = arg(1, "width", 4)
        w = width if isinstance(width, int) else len(str(width))
        _too_big(len(text) + max(w, 0) * (_lines(text) + 1), "缩进结果")
    elif name == "wordwrap" and text is not None:
        width = arg(1, "width", 79)
        wrap = arg(3, "wrapstring", None)
        if isinstance(width, int) and width < 1:
            raise SecurityError("折行宽度应大于 0")
        if isinstance(width, int) and len(text) // width > 2_000:
            raise SecurityError(f"折行结果行数过多（约 {len(text) // width} 行）")
        _too_big(len(text) * (2 + len(str(wrap or ""))), "折行结果")
    elif name == "format":
        _check_format(value, [*args[1:], *kwargs.values()])
    elif name in ("batch", "slice"):
        count = arg(1, "linecount" if name == "batch" else "slices", 1)
        fill = arg(2, "fill_with", None)
        if isinstance(count, int):
            _too_big(_weight(value) + 2 * max(count, 0) * (_weight(fill) + 1), "分组结果")
    elif name == "sum":
        start = arg(2, "start", 0)
        if not isinstance(start, (int, float)) or isinstance(start, bool):
            raise SecurityError("sum 只用于数值")
    elif name in ("center", "truncate") and text is not None:
        pass  # bounded by their width and length, which are checked as numbers


# --- the environment --------------------------------------------------------------------


class _BoundedBuffer(list):  # type: ignore[type-arg]
    """The output buffer of a block, macro or ``{% set %}…{% endset %}``: every piece is charged."""

    def append(self, piece: Any) -> None:
        budget = _budget.get()
        if budget is not None:
            budget.produce(len(piece) if isinstance(piece, str) else 8)
            budget.step()
        super().append(piece)

    def extend(self, pieces: Iterable[Any]) -> None:
        for piece in pieces:
            self.append(piece)


class _BoundedGenerator(CodeGenerator):
    """Code with drafter's bounds compiled in.

    ``a ~ b`` becomes a join whose length is checked (a doubling loop is a
    memory bomb); every ``for`` loop counts its steps (and so meets the
    deadline) whatever it iterates over; every output buffer charges what
    is written to it.
    """

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        counted = nodes.Call(nodes.Name("__drafter_counted", "load"), [node.iter], [], None, None,
                             lineno=node.iter.lineno)
        counted.set_environment(self.environment)
        node = nodes.For(node.target, counted, node.body, node.else_, node.test, node.recursive,
                         lineno=node.lineno)
        node.set_environment(self.environment)
        super().visit_For(node, frame)

    def visit_Name(self, node: nodes.Name, frame: Frame) -> None:
        if node.name == "__drafter_counted":
            self.write("environment.counted")
            return
        super().visit_Name(node, frame)

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.bounded_buffer()")


_SIZED = (str, list, tuple)


class DrafterSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with drafter's limits on size, steps and time.

    Every operation that can make a value grow is sized before it runs (a
    template cannot ask for a gigabyte in one call), every loop step, call and
    output piece is charged to the render's budget, and the deadline is
    checked at each of them; so composition stays within a bound of time and
    memory whatever the template text.
    """

    code_generator_class = _BoundedGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    counted = staticmethod(_counted)
    bounded_buffer = _BoundedBuffer

    @staticmethod
    def bounded_join(values: tuple[Any, ...]) -> str:
        """``a ~ b ~ …``, refused when the result grows past :data:`MAX_OUTPUT` characters."""
        _step()
        _too_big(sum(_weight(v) for v in values), "拼接结果", MAX_OUTPUT)
        out = "".join(map(str, values))
        if len(out) > MAX_OUTPUT:
            raise SecurityError(f"拼接结果过长（上限 {MAX_OUTPUT} 字符）")
        return out

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Size repetition, concatenation, powers, products and ``%`` formats before they run."""
        _step()
        if operator == "+":
            if isinstance(left, _SIZED) and isinstance(right, _SIZED):
                _too_big(_weight(left) + _weight(right), "拼接结果", MAX_OUTPUT)
        elif operator == "*":
            for a, b in ((left, right), (right, left)):
                if isinstance(a, _SIZED) and isinstance(b, int) and b > 0 and _weight(a, MAX_SIZE) * b > MAX_SIZE:
                    raise SecurityError(f"重复结果过长（上限 {MAX_SIZE}）")
            if _is_int(left) and _is_int(right) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise SecurityError("数值过大")
        elif operator == "**":
            if isinstance(right, (int, float)) and abs(right) > 64:
                raise SecurityError("指数过大")
            if _is_int(left) and _is_int(right) and left.bit_length() * abs(right) > MAX_INT_BITS:
                raise SecurityError("数值过大")
        elif operator == "%" and isinstance(left, str):
            _check_format(left, _format_args(right))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Count the call as a step; size its result before it runs (and check it after)."""
        _step()
        for value in (*args, *kwargs.values()):
            _check_size(value)
        bound = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(bound, "__self__", None)
        if isinstance(owner, str):
            if args and _is_stream(args[0]):  # "、".join(items|map(…))
                args = (_materialise(args[0]), *args[1:])
            _check_str_method(getattr(bound, "__name__", ""), owner, args, kwargs)
        for value in (*args, *kwargs.values()):
            _too_big(_weight(value), "参数")
        out = super().call(__context, __obj, *args, **kwargs)
        _too_big(_weight(out), "调用结果")
        return out


def _is_stream(value: Any) -> bool:
    """An iterator or generator (what ``map`` and ``select`` give), not a sized value."""
    return isinstance(value, Iterator)


def _materialise(values: Iterator[Any]) -> list[Any]:
    """The items of a stream as a list, each a budget step, refused past :data:`MAX_VALUE` items."""
    out: list[Any] = []
    for value in values:
        _step()
        out.append(value)
        if len(out) > MAX_VALUE:
            raise SecurityError(f"序列过长（上限 {MAX_VALUE} 项）")
    return out


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _finalize(value: Any) -> Any:
    """Every ``{{ … }}`` passes here before it becomes text: size it first (a list of huge items)."""
    if not isinstance(value, str):
        _too_big(_weight(value, MAX_OUTPUT), "输出", MAX_OUTPUT)
    return value


def _bounded_concat(pieces: Iterable[str]) -> str:
    """Join a block's pieces (each already charged to the budget), refusing a huge result."""
    out = "".join(pieces)
    _too_big(len(out), "输出", MAX_VALUE)
    return out


def _guard_filter(name: str, func: Any) -> Any:
    """Wrap a filter so its result is sized before it runs, and huge numeric arguments refused."""

    def guarded(*args: Any, **kwargs: Any) -> Any:
        _step()
        pass_arg = getattr(func, "jinja_pass_arg", None)
        lead = 1 if pass_arg is not None else 0  # the context or environment comes first
        if len(args) > lead and _is_stream(args[lead]):  # map(…), select(…): counted into a list first
            args = (*args[:lead], _materialise(args[lead]), *args[lead + 1:])
        own = args[lead:]
        for value in (*own[1:], *kwargs.values()):
            _check_size(value)
        for value in (*own, *kwargs.values()):
            _too_big(_weight(value), "参数")
        _check_filter(name, tuple(own), kwargs)
        out = func(*args, **kwargs)
        _too_big(_weight(out), "过滤结果")
        return out

    if hasattr(func, "jinja_pass_arg"):
        guarded.jinja_pass_arg = func.jinja_pass_arg  # type: ignore[attr-defined]
    guarded.__name__ = getattr(func, "__name__", "filter")
    return guarded


@cache
def environment() -> DrafterSandbox:
    """The one environment drafter renders every template text in."""
    env = DrafterSandbox(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        finalize=_finalize,
    )
    from jinja2.utils import Namespace

    env.globals = {"range": _bounded_range, "placeholder": placeholder, "dict": dict, "namespace": Namespace}
    env.filters = {name: _guard_filter(name, func) for name, func in env.filters.items()}
    env.concat = _bounded_concat  # type: ignore[method-assign]
    return env


_SIMPLE = re.compile(r"\{\{\s*(?:([A-Za-z_][A-Za-z0-9_]*)|placeholder\(\s*'([^'\\{}]*)'\s*\))\s*\}\}")
_ANY_TAG = re.compile(r"\{[{%#]")


@lru_cache(maxsize=1024)
def _compile(source: str) -> Template:
    env = environment()
    return env.template_class.from_code(env, _compile_code(source), env.make_globals(None), None)


def _compile_code(source: str) -> CodeType:
    code = environment().compile(source, filename=_FILENAME)
    assert isinstance(code, CodeType)
    return code


_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def literal(text: str) -> str:
    """``text`` (a user's value) safe to build template text with: it renders as itself, never runs."""
    return _JINJA_OPEN.sub("{{ '{' }}", text)


def render(text: str, variables: Mapping[str, Any], origin: Origin | None = None) -> str:
    """Render one template ``text`` with ``variables``.

    ``origin`` says where the text was written; ``None`` means the text's
    own (when it is a :class:`SourceText`), else the error names no file.
    Text without any jinja tag is returned unchanged. Raises
    :class:`~drafter.errors.TemplateError` naming file, line and key.
    """
    if "{" not in text or not _ANY_TAG.search(text):
        return str(text)
    if origin is None:
        origin = getattr(text, "origin", None)
    simple = _render_simple(text, variables)
    if simple is not None:
        return simple
    return _render_jinja(str(text), variables, origin)


def _render_simple(text: str, variables: Mapping[str, Any]) -> str | None:
    """Fast path for text whose only tags are ``{{ name }}`` of given string values.

    On a single line, a name may also hold a whole number and a tag may be
    ``{{ placeholder('…') }}`` (the built-in helper, with a plain quoted text):
    what jinja writes for them is known without compiling the text.
    Returns ``None`` when the text needs the full engine (other tags, or a
    name that is missing or not a plain string), which then also reports errors.
    """
    parts: list[str] = []
    last = 0
    one_line = "\n" not in text and "\r" not in text
    for m in _SIMPLE.finditer(text):
        name = m.group(1)
        if name is None:  # placeholder('…'): the helper itself, unless a variable took its name
            if not one_line or variables.get("placeholder", placeholder) is not placeholder:
                return None
            value: Any = placeholder(m.group(2))
        else:
            value = variables.get(name)
            if type(value) is int and one_line:
                value = str(value)
            elif not isinstance(value, str):
                return None
        parts.append(text[last:m.start()])
        parts.append(value)
        last = m.end()
    rest = text[last:]
    if ("{" in rest and _ANY_TAG.search(rest)) or any(_ANY_TAG.search(p) for p in parts[::2]):
        return None
    parts.append(rest)
    return "".join(parts)


def _render_jinja(source: str, variables: Mapping[str, Any], origin: Origin | None) -> str:
    try:
        template = _compile(source)
    except TemplateSyntaxError as e:
        from drafter.jinja_messages import syntax_message

        raise _error(f"模板语法错误：{syntax_message(str(e.message))}", origin, e.lineno) from None
    token = _budget.set(_Budget())
    try:
        out: list[str] = []
        size = 0
        for chunk in template.generate(**variables):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise _BudgetExceeded(f"输出超过 {MAX_OUTPUT} 字符")
            out.append(chunk)
            _step()
        return "".join(out)
    except UndefinedError as e:
        raise _undefined(e, origin, variables) from None
    except _BudgetExceeded as e:
        raise _error(f"模板超出限制：{e}", origin, _template_line(e.__traceback__)) from None
    except SecurityError as e:
        raise _error(f"模板中有不允许的操作：{e}", origin, _template_line(e.__traceback__)) from None
    except TemplateError:
        raise
    except Exception as e:  # a template may fail in any way (1/0, a bad filter argument …)
        raise _error(f"模板运行出错：{type(e).__name__}: {e}", origin, _template_line(e.__traceback__)) from None
    finally:
        _budget.reset(token)


def _template_line(tb: TracebackType | None) -> int | None:
    """The template line of the innermost frame of a compiled template text."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


_UNDEFINED_NAME = re.compile(r"^'([^']+)' is undefined$")
_NO_ATTR = re.compile(r"has no attribute '([^']+)'$")


def _undefined(e: UndefinedError, origin: Origin | None, variables: Mapping[str, Any]) -> TemplateError:
    """A Chinese message for an undefined variable or attribute, with a near name."""
    line = _template_line(e.__traceback__)
    message = str(e.message or e)
    m = _UNDEFINED_NAME.match(message)
    if m:
        from drafter.jinja_messages import available_names

        name = m.group(1)
        known = available_names(variables)
        return _error(f"模板变量“{name}”未定义{_suggest(name, known)}", origin, line)
    m = _NO_ATTR.search(message)
    if m:
        return _error(f"模板中的“{m.group(1)}”未定义（{message}）", origin, line)
    return _error(f"模板变量未定义：{message}", origin, line)


def _suggest(name: str, known: list[str]) -> str:
    import difflib

    near = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    guess = f"，是不是“{near[0]}”？" if near else "。"
    return f"{guess}可用的变量：{'、'.join(known)}" if known else guess.rstrip("。")


def _error(message: str, origin: Origin | None, template_line: int | None) -> TemplateError:
    """A TemplateError at the file line the template line falls on, naming the key."""
    if origin is None:
        return TemplateError(message)
    line = origin.line
    if line is not None and template_line is not None:
        line += template_line - 1
    where = f"（键 {origin.key}）" if origin.key else ""
    return TemplateError(f"{message}{where}", origin.path, line)


def variables_used(text: str) -> set[str]:
    """Names a template text reads from its variables (for ``template validate``)."""
    from jinja2 import meta

    try:
        ast: nodes.Template = environment().parse(text)
    except TemplateSyntaxError:
        return set()
    return set(meta.find_undeclared_variables(ast))


__all__ = [
    "MAX_OUTPUT",
    "MAX_RANGE",
    "MAX_SECONDS",
    "MAX_SIZE",
    "MAX_STEPS",
    "DrafterSandbox",
    "Origin",
    "SourceText",
    "environment",
    "literal",
    "render",
    "variables_used",
]
