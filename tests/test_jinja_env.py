from __future__ import annotations

import time
from pathlib import Path

import pytest

from drafter.errors import TemplateError
from drafter.jinja_env import MAX_RANGE, Origin, SourceText, environment, render, variables_used
from drafter.model import placeholder

ORIGIN = Origin("templates/departments/x.yaml", 10, "preamble")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))


def test_plain_text_passes_unchanged() -> None:
    assert render("深化理论武装，筑牢思想根基", {}) == "深化理论武装，筑牢思想根基"
    assert render("含有 { 花括号 } 的文字", {}) == "含有 { 花括号 } 的文字"


def test_simple_names_and_full_engine_agree() -> None:
    values = {"field": "民政", "org": "市民政局"}
    assert render("开展{{ field }}领域专项研究", values) == "开展民政领域专项研究"
    assert render("{{org}}{{ field }}", values) == "市民政局民政"
    assert render("{% if field %}{{ field }}{% endif %}工作", values) == "民政工作"
    assert render("{{ field_words | join('、') }}", {"field_words": ["养老", "救助"]}) == "养老、救助"


def test_value_containing_braces_is_not_rendered_again() -> None:
    assert render("{{ a }}", {"a": "{{ b }}"}) == "{{ b }}"


def test_placeholder_helper() -> None:
    assert placeholder("单位名称") == "【单位名称】"
    assert render("{{ placeholder('完成时限') }}", {"placeholder": placeholder}) == "【完成时限】"
    assert render("{{ placeholder('x') }}", {}) == "【x】"  # also a global


def test_undefined_variable_names_file_line_key_and_near_name() -> None:
    with pytest.raises(TemplateError) as info:
        render("第一行\n{{ feild }}", {"field": "民政"}, ORIGIN)
    e = info.value
    assert e.path == ORIGIN.path and e.line == 11
    assert "feild" in e.message and "field" in e.message and "preamble" in e.message
    assert str(e).startswith("templates/departments/x.yaml:11: ")


def test_undefined_in_simple_form_is_also_an_error() -> None:
    with pytest.raises(TemplateError, match="org_shrt"):
        render("{{ org_shrt }}局", {"org_short": "民政局"}, ORIGIN)


def test_origin_taken_from_source_text() -> None:
    text = SourceText("{{ nope }}", Origin("a.yaml", 3, "themes[0].heading"))
    with pytest.raises(TemplateError) as info:
        render(text, {})
    assert (info.value.path, info.value.line) == ("a.yaml", 3)


def test_syntax_error_has_line() -> None:
    with pytest.raises(TemplateError) as info:
        render("a\nb\n{% if x %}c", {"x": 1}, ORIGIN)
    assert "语法错误" in info.value.message
    assert info.value.line is not None and info.value.line >= 10


def test_sandbox_refuses_private_attributes() -> None:
    with pytest.raises(TemplateError, match=r"不允许|未定义"):
        render("{{ ''.__class__.__mro__ }}", {}, ORIGIN)


def test_range_is_capped() -> None:
    with pytest.raises(TemplateError, match=r"range|数值过大"):
        render("{% for i in range(10000000) %}x{% endfor %}", {}, ORIGIN)
    assert render("{% for i in range(3) %}{{ i }}{% endfor %}", {}) == "012"
    assert MAX_RANGE <= 10_000


def test_nested_loops_hit_the_step_budget_quickly() -> None:
    start = time.monotonic()
    with pytest.raises(TemplateError, match="超出限制"):
        render("{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}"
               "{% endfor %}{% endfor %}{% endfor %}", {}, ORIGIN)
    assert time.monotonic() - start < 30  # generous: only guards against a hang


@pytest.mark.parametrize("source", [
    "{{ 'x' * 100000000 }}",
    "{{ 2 ** 100000 }}",
    "{{ 'x' | center(100000000) }}",
    "{{ '%100000000s' % 'x' }}",
    "{{ '{:100000000}'.format('x') }}",
])
def test_size_bombs_are_refused(source: str) -> None:
    with pytest.raises(TemplateError):
        render(source, {}, ORIGIN)


def test_runtime_error_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match="ZeroDivisionError"):
        render("{{ 1 / 0 }}", {}, ORIGIN)


def test_one_environment_strict_and_unescaped() -> None:
    env = environment()
    assert env is environment()
    assert env.autoescape is False
    assert render("{{ a }}", {"a": "<b>&"}) == "<b>&"


def test_variables_used() -> None:
    assert variables_used("{{ org }}{% if field %}{{ field }}{% endif %}") == {"org", "field"}
    assert variables_used("{% if %}") == set()


def test_compiled_code_is_never_kept_in_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter import jinja_env

    source = "{% if x %}\n第二行{{ missing }}{% endif %}"
    for _ in range(2):
        jinja_env._compile.cache_clear()  # as a fresh process would
        with pytest.raises(TemplateError) as info:
            render(source, {"x": 1}, ORIGIN)
        assert info.value.line == 11
    assert not list((tmp_path / "cache").glob("jinja-*"))  # code is rebuilt by jinja, not read back


HOSTILE = [
    "{{ cycler.__init__.__globals__.os.system('id') }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ lipsum.__globals__ }}",
    "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "{% for x in range(10**6) %}{% for y in range(10**6) %}{% endfor %}{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ 2**100000000 }}",
    "{% set ns = namespace(l=[1]) %}{% for i in range(60) %}{% set ns.l = ns.l + ns.l %}{% endfor %}",
    "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "{{ '%999999999d'|format(1) }}",
    # each of these once took gigabytes or tens of seconds in a single call
    "{{ '%*s' % (10**9, 'x') }}",
    "{{ '%*s%*s%*s%*s%*s%*s%*s%*s%*s' % (99999, 1, 99999, 1, 99999, 1, 99999, 1, 99999, 1, 99999, 1, 99999, 1,"
    " 99999, 1, 99999, 1) }}",
    "{{ ('x'*99999)|replace('x', 'y'*99999) }}",
    "{{ ('x'*99999).replace('x', 'y'*99999) }}",
    "{{ (['x'*999]*100)|join('z'*99999) }}",
    "{{ ('x'*99999)|wordwrap(1) }}",
    "{{ '{:99999}{:99999}{:99999}{:99999}{:99999}{:99999}{:99999}{:99999}{:99999}'.format(1,2,3,4,5,6,7,8,9) }}",
    "{{ ('a\\n'*50000)|indent(99999) }}",
    "{{ ('\t'*99999).expandtabs(99999) }}",
    "{{ [1]|batch(99999, 'x'*99999)|list|join }}",
    "{{ ('x'*99999).translate({120: 'y'*99999}) }}",
    "{% for a in 'x'*99999 %}{% for b in 'x'*99999 %}{% endfor %}{% endfor %}",
    "{% set ns = namespace(n=3) %}{% for i in range(100) %}{% set ns.n = ns.n * ns.n %}{% endfor %}{{ ns.n }}",
    "{% set ns = namespace(d={}) %}{% for i in range(1000) %}{% set ns.d = dict(ns.d, **{i|string: 'x'*99999}) %}"
    "{% endfor %}",
    "{% macro m() %}{% for i in range(1000) %}{{ 'x'*99999 }}{% endfor %}{% endmacro %}{{ m() }}",
    "{% set x %}{% for i in range(1000) %}{% for j in range(1000) %}" + "x" * 500 + "{% endfor %}{% endfor %}{% endset %}",
    "{{ range(1000)|list|sum(start=[]) }}",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_injection_payloads_fail_cleanly(payload: str) -> None:
    """Attribute walking, cycler/joiner tricks, recursion and size bombs: a located TemplateError, small."""
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(TemplateError) as info:
        render(payload, {}, ORIGIN)
    assert str(info.value).startswith(f"{ORIGIN.path}:{ORIGIN.line}: ")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KB: refused before it grew


SAFE = [
    ("{% for i in range(3) %}{{ loop.index }}{{ '、' if not loop.last }}{% endfor %}", "1、2、3"),
    ("{{ ['a','b']|join('、') }}{{ '%s年' % 2026 }}{{ '{}局'.format('民政') }}{{ '%d' % 10**7 }}", "a、b2026年民政局10000000"),
    ("{{ ('abc'*1000)|wordwrap(40)|length > 0 }}{{ 'x'|center(5) }}|", "True  x  |"),
    ("{{ ['a', 'b']|map('upper')|join('、') }}{{ '、'.join(['c', 'd']|select) }}{{ [1, 2]|map('string')|sum(start=0) if"
     " false }}{{ [3, 1]|select|sort|list }}", "A、Bc、d[1, 3]"),
]


@pytest.mark.parametrize(("source", "expected"), SAFE)
def test_ordinary_templates_are_not_refused(source: str, expected: str) -> None:
    assert render(source, {}) == expected
