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
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from functools import cache, lru_cache
from pathlib import Path
from types import CodeType, TracebackType
from typing import Any, NamedTuple

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, UndefinedError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from drafter.errors import TemplateError

#: Largest ``range`` a template may build.
MAX_RANGE = 1000
#: Loop steps (over ranges) plus calls allowed in one render.
MAX_STEPS = 100_000
#: Largest string or list a template may build with ``*`` or a padding width.
MAX_SIZE = 100_000
#: Characters one render may produce.
MAX_OUTPUT = 200_000
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
    """Steps and time left for the render in progress."""

    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise _BudgetExceeded(f"循环或调用次数超过上限（{MAX_STEPS}）")
        if self.steps % 256 == 0 and time.monotonic() > self.deadline:
            raise _BudgetExceeded(f"渲染超过 {MAX_SECONDS:g} 秒")


_budget: ContextVar[_Budget | None] = ContextVar("drafter_jinja_budget", default=None)


def _step() -> None:
    budget = _budget.get()
    if budget is not None:
        budget.step()


def _counted(values: range) -> Iterator[int]:
    for value in values:
        _step()
        yield value


def _bounded_range(*args: int) -> Iterator[int]:
    """``range`` for templates: at most :data:`MAX_RANGE` items, each a budget step."""
    values = range(*args)
    if len(values) > MAX_RANGE:
        raise SecurityError(f"range 过大（{len(values)} 项，上限 {MAX_RANGE}）")
    return _counted(values)


_WIDE = re.compile(r"[{%][^{}%]*?\d{6,}")


def _check_size(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
        raise SecurityError(f"数值过大（{value}，上限 {MAX_SIZE}）")


def _check_format(text: Any) -> None:
    """Reject format strings with a huge width ("{:1000000}", "%1000000s")."""
    if isinstance(text, str) and _WIDE.search(text):
        raise SecurityError("格式宽度过大")


class _BoundedGenerator(CodeGenerator):
    """Compiles ``a ~ b`` to a join whose length is checked (a doubling loop is a memory bomb)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


_SIZED = (str, list, tuple)


class DrafterSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with drafter's limits on size, steps and time."""

    code_generator_class = _BoundedGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    @staticmethod
    def bounded_join(values: tuple[Any, ...]) -> str:
        """``a ~ b ~ …``, refused when the result grows past :data:`MAX_OUTPUT` characters."""
        _step()
        out = "".join(map(str, values))
        if len(out) > MAX_OUTPUT:
            raise SecurityError(f"拼接结果过长（上限 {MAX_OUTPUT} 字符）")
        return out

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Cap repetition (``"x" * n``), concatenation (``a + b``), exponents and ``%`` format widths."""
        _step()
        if operator == "+":
            if isinstance(left, _SIZED) and isinstance(right, _SIZED) and len(left) + len(right) > MAX_OUTPUT:
                raise SecurityError(f"拼接结果过长（上限 {MAX_OUTPUT}）")
        elif operator == "*":
            for a, b in ((left, right), (right, left)):
                if isinstance(a, (str, list, tuple)) and isinstance(b, int) and len(a) * b > MAX_SIZE:
                    raise SecurityError(f"重复结果过长（上限 {MAX_SIZE}）")
        elif operator == "**":
            if isinstance(right, (int, float)) and abs(right) > 64:
                raise SecurityError("指数过大")
        elif operator == "%":
            _check_format(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Count the call as a step and refuse huge sizes or widths in its arguments."""
        _step()
        for value in (*args, *kwargs.values()):
            _check_size(value)
        if getattr(__obj, "__name__", "") in ("format", "format_map"):
            bound = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
            _check_format(getattr(bound, "__self__", None))
        return super().call(__context, __obj, *args, **kwargs)


def _guard_filter(func: Any) -> Any:
    """Wrap a filter so huge numeric arguments (widths, counts) are refused."""

    def guarded(*args: Any, **kwargs: Any) -> Any:
        _step()
        for value in (*args[1:], *kwargs.values()):
            _check_size(value)
        if args:
            _check_format(args[0] if getattr(func, "__name__", "") == "do_format" else None)
        return func(*args, **kwargs)

    for attr in ("jinja_pass_arg",):
        if hasattr(func, attr):
            setattr(guarded, attr, getattr(func, attr))
    guarded.__name__ = getattr(func, "__name__", "filter")
    return guarded


class Unset(str):
    """A parameter nobody set: prints as its placeholder (【单位名称】) but is false.

    So template text can both show the gap (``{{ org }}``) and leave out a
    phrase that needs the value (``{% if field %}…{% endif %}``).
    """

    def __bool__(self) -> bool:
        return False


def placeholder(text: str = "请填写") -> str:
    """Return a visibly marked gap for the drafter to fill: ``【text】``."""
    return f"【{text}】"


def unset(text: str) -> Unset:
    """Return the value of a parameter nobody set: placeholder ``【text】``, false in tests."""
    return Unset(placeholder(text))


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
    )
    from jinja2.utils import Namespace

    env.globals = {"range": _bounded_range, "placeholder": placeholder, "dict": dict, "namespace": Namespace}
    env.filters = {name: _guard_filter(func) for name, func in env.filters.items()}
    return env


_SIMPLE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_ANY_TAG = re.compile(r"\{[{%#]")


@lru_cache(maxsize=1024)
def _compile(source: str) -> Template:
    env = environment()
    return env.template_class.from_code(env, _code(source), env.make_globals(None), None)


def _code(source: str) -> CodeType:
    """The compiled code of a template text, kept in the cache folder across runs.

    Compiling is most of the cost of a template text; the code is keyed by the
    text and the Python, jinja and drafter versions (bytecode is version-specific).
    """
    import hashlib
    import marshal
    import sys

    import jinja2

    from drafter import __version__
    from drafter.cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return _compile_code(source)
    stamp = f"{_CODE_FORMAT}|{sys.version}|{jinja2.__version__}|{__version__}|{source}"
    entry = folder / f"jinja-{hashlib.sha1(stamp.encode('utf-8')).hexdigest()[:20]}.marshal"
    try:
        code = marshal.loads(entry.read_bytes())
        if isinstance(code, CodeType):
            return code
    except (OSError, EOFError, ValueError, TypeError):
        pass
    code = _compile_code(source)
    _store_code(entry, marshal.dumps(code))
    return code


#: Changes when the generated code does (e.g. the bounded ``~``), so old cache entries are not reused.
_CODE_FORMAT = 2


def _compile_code(source: str) -> CodeType:
    code = environment().compile(source, filename=_FILENAME)
    assert isinstance(code, CodeType)
    return code


def _store_code(entry: Path, data: bytes) -> None:
    import contextlib
    import os
    import tempfile

    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, entry)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def render(text: str, variables: Mapping[str, Any], origin: Origin | None = None) -> str:
    """Render one template ``text`` with ``variables``.

    ``origin`` says where the text was written; ``None`` means the text's
    own (when it is a :class:`SourceText`), else the error names no file.
    Text without any jinja tag is returned unchanged. Raises
    :class:`~drafter.errors.TemplateError` naming file, line and key.
    """
    if origin is None:
        origin = getattr(text, "origin", None)
    if "{" not in text or not _ANY_TAG.search(text):
        return str(text)
    simple = _render_simple(text, variables)
    if simple is not None:
        return simple
    return _render_jinja(str(text), variables, origin)


def _render_simple(text: str, variables: Mapping[str, Any]) -> str | None:
    """Fast path for text whose only tags are ``{{ name }}`` of given string values.

    Returns ``None`` when the text needs the full engine (other tags, or a
    name that is missing or not a plain string), which then also reports errors.
    """
    parts: list[str] = []
    last = 0
    for m in _SIMPLE.finditer(text):
        value = variables.get(m.group(1))
        if not isinstance(value, str):
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
    "Unset",
    "environment",
    "placeholder",
    "render",
    "unset",
    "variables_used",
]
