"""Any bytes in → plans or a clear InputError, never a crash."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.corpus.reader import read_file, read_text
from drafter.errors import InputError

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
REAL = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
REAL_LINES = [ln for text in REAL for ln in text.splitlines()]
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check_plans(plans: list) -> None:  # type: ignore[type-arg]
    for p in plans:
        assert p.sections or p.front or p.back, "a plan always has at least one part"
        for t in p.tasks:
            assert isinstance(t.title, str)


@SETTINGS
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".md", ".docx"]))
def test_any_bytes(tmp_path_factory, data: bytes, suffix: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("b") / f"x{suffix}"
    path.write_bytes(data)
    try:
        plans = read_file(path)
    except InputError as e:
        assert str(e).startswith(str(path)) and "\n" not in str(e)
    else:
        _check_plans(plans)


@SETTINGS
@given(st.lists(st.sampled_from(REAL_LINES), max_size=80))
def test_recombined_real_lines(lines: list[str]) -> None:
    _check_plans(read_text("\n".join(lines)))


@SETTINGS
@given(doc=st.sampled_from(REAL), data=st.data())
def test_mutated_real_text(doc: str, data: st.DataObject) -> None:
    text = doc
    for _ in range(data.draw(st.integers(0, 8))):
        i = data.draw(st.integers(0, len(text)))
        op = data.draw(st.sampled_from(["cut", "insert", "delete"]))
        if op == "cut":
            text = text[:i]
        elif op == "insert":
            text = text[:i] + data.draw(st.text(max_size=20)) + text[i:]
        else:
            text = text[:i] + text[i + data.draw(st.integers(1, 200)):]
    _check_plans(read_text(text))


@SETTINGS
@given(st.text(max_size=3000))
def test_any_text(text: str) -> None:
    _check_plans(read_text(text))
