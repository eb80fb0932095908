"""The cache of loaded files and built values (drafter.cache) and the cached .docx base."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.shared import RGBColor
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import cache
from drafter.model import Plan, Section, Task
from drafter.render import docx as render
from drafter.render import ooxml, render_docx
from drafter.style_spec import load_style


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty cache folder."""
    path = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(path))
    monkeypatch.delenv("DRAFTER_NO_CACHE", raising=False)
    return path


@pytest.fixture
def fresh_bases() -> Iterator[None]:
    """Forget the bases built in this process, so they come from the cache folder (or are built)."""
    render._cached_base.cache_clear()
    yield
    render._cached_base.cache_clear()


class Loads:
    """A ``load`` function that counts its calls."""

    def __init__(self, value: Any) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> Any:
        self.calls += 1
        return self.value


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# --------------------------------------------------------------------------- where the cache is


def test_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DRAFTER_NO_CACHE", raising=False)
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "c"))
    assert cache.cache_dir() == tmp_path / "c"
    monkeypatch.delenv("DRAFTER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "drafter"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path.home() / ".cache" / "drafter"
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_old_names_still_importable() -> None:
    from drafter import templates

    assert templates.cached is cache.cached
    assert templates.cache_dir is cache.cache_dir


# --------------------------------------------------------------------------- values keyed by files


def test_cached_file_value_kept_until_the_file_changes(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("one", encoding="utf-8")
    load = Loads({"v": 1})
    assert cache.cached("thing", [source], load) == {"v": 1}
    assert cache.cached("thing", [source], load) == {"v": 1}
    assert load.calls == 1
    assert len(entries(folder)) == 1
    assert (folder.stat().st_mode & 0o777) == 0o700

    source.write_text("two", encoding="utf-8")  # same size, so only the content hash tells
    assert cache.cached("thing", [source], load) == {"v": 1}
    assert load.calls == 2
    assert len(entries(folder)) == 1  # the stale entry was replaced, not kept beside


def test_cached_without_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    load = Loads(3)
    assert cache.cached("thing", [], load) == cache.cached("thing", [], load) == 3
    assert cache.cached_value("thing", "key", load) == 3
    assert load.calls == 3
    assert not (tmp_path / "cache").exists()


def test_cached_missing_file_just_loads(folder: Path, tmp_path: Path) -> None:
    load = Loads(4)
    assert cache.cached("thing", [tmp_path / "missing.yaml"], load) == 4
    assert load.calls == 1
    assert entries(folder) == []


def test_corrupt_entry_is_rebuilt(folder: Path) -> None:
    load = Loads([1, 2])
    cache.cached_value("thing", "k", load)
    (entry,) = folder.iterdir()
    entry.write_bytes(b"not an entry")
    assert cache.cached_value("thing", "k", load) == [1, 2]
    assert load.calls == 2
    assert cache.cached_value("thing", "k", load) == [1, 2]
    assert load.calls == 2


def test_unwritable_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(blocker / "cache"))  # a folder inside a file
    monkeypatch.delenv("DRAFTER_NO_CACHE", raising=False)
    load = Loads(5)
    assert cache.cached_value("thing", "k", load) == cache.cached_value("thing", "k", load) == 5
    assert load.calls == 2


def test_unpicklable_value_is_returned_but_not_kept(folder: Path) -> None:
    value = lambda: None  # noqa: E731 - a lambda cannot be pickled
    assert cache.cached_value("thing", "k", Loads(value)) is value
    assert entries(folder) == []


# --------------------------------------------------------------------------- values keyed by a text


def test_cached_value_keyed_by_text(folder: Path) -> None:
    a, b = Loads("A"), Loads("B")
    assert cache.cached_value("thing", "key a", a) == "A"
    assert cache.cached_value("thing", "key b", b) == "B"
    assert cache.cached_value("thing", "key a", b) == "A"
    assert (a.calls, b.calls) == (1, 1)
    assert cache.cached_value("other", "key a", b) == "B"  # kinds do not share entries
    assert len(entries(folder)) == 3


def test_cached_value_keyed_by_text_and_files(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "ref.bin"
    source.write_bytes(b"1")
    load = Loads("v")
    cache.cached_value("thing", "k", load, files=[source])
    cache.cached_value("thing", "k", load, files=[source])
    assert load.calls == 1
    source.write_bytes(b"2")
    cache.cached_value("thing", "k", load, files=[source])
    assert load.calls == 2
    assert len(entries(folder)) == 1


def test_entries_are_stamped_with_the_drafter_version(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load = Loads("v")
    cache.cached_value("thing", "k", load)
    import drafter

    monkeypatch.setattr(drafter, "__version__", "999")
    cache.cached_value("thing", "k", load)
    assert load.calls == 2


# --------------------------------------------------------------------------- the .docx base


def small_plan(title: str = "市民政局2026年意识形态工作要点", year: int | None = 2026) -> Plan:
    return Plan(title=title, year=year, preamble="为做好全年工作，制定本要点。",
                sections=[Section(None, "强化理论武装", tasks=[Task(None, "抓好理论学习", "落实【制度】。",
                                                                  hints=["召开专题会议"])])])


def test_base_comes_from_the_cache_folder(folder: Path, fresh_bases: None, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = small_plan()
    built = render_docx(plan, appendix=True)
    assert [n for n in entries(folder) if n.startswith("docx-base-")]

    render._cached_base.cache_clear()
    from drafter.render import docx_base

    def no_build(*args: Any) -> Any:
        raise AssertionError("the base should come from the cache folder")

    monkeypatch.setattr(docx_base, "build_base", no_build)
    assert render_docx(plan, appendix=True) == built


def test_cached_and_built_bases_give_the_same_bytes(folder: Path, fresh_bases: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    plan = small_plan()
    render_docx(plan)
    render._cached_base.cache_clear()
    from_cache = render_docx(plan)
    render._cached_base.cache_clear()
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    assert render_docx(plan) == from_cache


def test_base_keyed_by_the_spec(folder: Path, fresh_bases: None, tmp_path: Path) -> None:
    overlay = tmp_path / "style.yaml"
    overlay.write_text("page_number:\n  odd_even: false\n", encoding="utf-8")
    plain = render_docx(small_plan())
    other = render_docx(small_plan(), load_style(overlay))
    assert plain != other
    assert len([n for n in entries(folder) if n.startswith("docx-base-")]) == 2
    render._cached_base.cache_clear()
    assert render_docx(small_plan(), load_style(overlay)) == other
    assert render_docx(small_plan()) == plain


def test_stale_base_entry_is_rebuilt(folder: Path, fresh_bases: None) -> None:
    built = render_docx(small_plan())
    render._cached_base.cache_clear()
    import hashlib
    import json

    for entry in folder.glob("docx-base-*"):
        header = json.loads(entry.read_bytes().partition(b"\n")[0])
        payload = json.dumps(cache.encode({"not": "a base"})).encode()
        header["sha256"] = hashlib.sha256(payload).hexdigest()
        entry.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    assert render_docx(small_plan()) == built


def make_reference(path: Path, colour: RGBColor) -> None:
    doc = docx.Document()
    doc.styles["Heading 1"].font.color.rgb = colour
    doc.add_paragraph("旧正文")
    doc.save(str(path))


def heading_colour(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data)).styles["Heading 1"].font.color.rgb


def test_reference_base_keyed_by_its_content(folder: Path, fresh_bases: None, tmp_path: Path) -> None:
    ref = tmp_path / "ref.docx"
    make_reference(ref, RGBColor(0xC0, 0, 0))
    assert heading_colour(render_docx(small_plan(), reference=ref)) == RGBColor(0xC0, 0, 0)
    assert [n for n in entries(folder) if n.startswith("docx-base-reference-")]

    render._cached_base.cache_clear()  # a new run, with the reference saved again in between
    make_reference(ref, RGBColor(0, 0, 0xC0))
    assert heading_colour(render_docx(small_plan(), reference=ref)) == RGBColor(0, 0, 0xC0)
    assert len([n for n in entries(folder) if n.startswith("docx-base-reference-")]) == 1


def test_rendering_from_a_cached_base_does_not_import_python_docx(folder: Path) -> None:
    script = ("import sys; from drafter.model import Plan; from drafter.render import render_docx; "
              "render_docx(Plan(title='t')); print(sorted(m for m in ('docx', 'lxml') if m in sys.modules))")
    env = {**os.environ, "DRAFTER_CACHE_DIR": str(folder)}
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "['docx', 'lxml']"  # built the base
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert second.stdout.strip() == "[]"


# --------------------------------------------------------------------------- core properties


def python_docx_core(core: bytes, plan: Plan) -> bytes:
    """docProps/core.xml as python-docx itself sets the title and dates (how drafter once did)."""
    props = parse_xml(core)
    props.title_text = ooxml.NOT_XML.sub("", plan.title.replace("\n", ""))[:255]
    props.created_datetime = props.modified_datetime = render._doc_date(plan)
    return bytes(serialize_part_xml(props))


def core_of(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("docProps/core.xml")


@settings(deadline=None)
@given(title=st.text(max_size=300), year=st.one_of(st.none(), st.integers(1900, 2200)))
def test_core_properties_as_python_docx_writes_them(title: str, year: int | None) -> None:
    plan = Plan(title=title, year=year)
    base = render._base(load_style(None), None)
    assert render._core_xml(base, plan) == python_docx_core(core_of(render_docx(Plan(title="x"))), plan)


@pytest.mark.parametrize("title", ["", "a & b <c> \"d\" 'e'\tf", "标题\n第二行\r", "x" * 300, "\x00\x1f\ufffe\ud800"])
def test_core_properties_of_a_reference(tmp_path: Path, title: str) -> None:
    ref = tmp_path / "ref.docx"
    make_reference(ref, RGBColor(0xC0, 0, 0))
    plan = small_plan(title, 2026)
    base = render._base(load_style(None), ref)
    expected = python_docx_core(core_of(render_docx(small_plan("y"), reference=ref)), plan)
    assert render._core_xml(base, plan) == expected


# --------------------------------------------------------------------------- the trust boundary


class _Boom:
    """Unpickling (or calling) this leaves a mark: the test fails if it ever appears."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.mkdir, (os.environ["DRAFTER_TEST_MARK"],))


def _plant(folder: Path, mark: Path) -> None:
    """Pickles and marshalled code under every name old and new drafters used for entries."""
    import marshal

    os.environ["DRAFTER_TEST_MARK"] = str(mark)
    bomb = pickle.dumps(((), _Boom()))
    code = marshal.dumps(compile(f"import os; os.mkdir({str(mark)!r})", "<x>", "exec"))
    for p in folder.iterdir():
        p.write_bytes(bomb if "jinja" not in p.name else code)
    for kind in ("schema", "template", "context-2026", "docx-base", "jinja", "thing"):
        for suffix in (".pickle", ".marshal", ".json"):
            (folder / f"{kind}-0000000000000000{suffix}").write_bytes(bomb)


def test_planted_pickle_or_code_is_never_run(folder: Path, tmp_path: Path) -> None:
    mark = tmp_path / "ran"
    env = {**os.environ, "DRAFTER_TODAY": "2026-03-01"}
    cmd = [sys.executable, "-m", "drafter", "new", "-t", "civil-affairs", "--org", "市民政局", "--year", "2026",
           "-o", str(tmp_path / "a.docx")]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    assert entries(folder)
    _plant(folder, mark)
    (tmp_path / "a.docx").unlink()
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert not mark.exists()
    assert "Traceback" not in again.stderr
    assert zipfile.is_zipfile(tmp_path / "a.docx")


def test_entry_naming_a_foreign_class_is_refused(folder: Path) -> None:
    load = Loads({"a": 1})
    cache.cached_value("thing", "k", load)
    (entry,) = folder.iterdir()
    head, _, _ = entry.read_bytes().partition(b"\n")
    import hashlib
    import json

    for hostile in ({"$": "o", "c": "os:_wrap_close", "k": [], "v": []}, {"$": "n", "c": "subprocess:Popen", "v": ["id"]},
                    {"$": "e", "c": "drafter.cache:os", "v": 1}, {"$": "o", "c": "drafter.cli:main", "k": [], "v": []}):
        payload = json.dumps(hostile).encode()
        header = json.loads(head)
        header["sha256"] = hashlib.sha256(payload).hexdigest()
        entry.write_bytes(json.dumps(header).encode() + b"\n" + payload)
        assert cache.cached_value("thing", "k", load) == {"a": 1}
    assert load.calls == 5


def test_entry_with_a_wrong_hash_is_not_used(folder: Path) -> None:
    load = Loads("first")
    cache.cached_value("thing", "k", load)
    (entry,) = folder.iterdir()
    entry.write_bytes(entry.read_bytes().replace(b'"first"', b'"other"'))
    assert cache.cached_value("thing", "k", Loads("fresh")) == "fresh"


def test_folder_others_may_write_is_refused(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    load = Loads(7)
    folder.mkdir(mode=0o700)
    folder.chmod(0o777)
    assert cache.cached_value("thing", "k", load) == cache.cached_value("thing", "k", load) == 7
    assert load.calls == 2
    assert entries(folder) == []
    err = capsys.readouterr().err
    assert "其他用户可以写入" in err and err.count("\n") == 1  # one warning, however many look-ups


def test_records_round_trip_as_data() -> None:
    from drafter.jinja_env import Origin, SourceText
    from drafter.model import PartKind

    value = {"a": (1, b"\x00\xff", Path("/x")), 2: [SourceText("文", Origin("f.yaml", 3, "k")), None],
             "p": next(iter(PartKind)),
             "plan": small_plan()}
    back = cache.decode(cache.encode(value))
    assert back == value
    assert back[2][0].origin == Origin("f.yaml", 3, "k")
    with pytest.raises(TypeError):
        cache.encode(object())


# --- mined text brought up to the year, kept per schema file, year and timeline -------------------------


def _stale_schema() -> Any:
    from drafter.schema import Hint, Schema, TaskPattern, Theme, Variant

    pattern = TaskPattern("p1", "深入学习贯彻二十届三中全会精神", 3, hints=[Hint("开展专题学习研讨", 2),
                                                                         Hint("学习党的十九大精神", 1)])
    theme = Theme("theory", "理论武装", 3, 1.0, [Variant("深化理论武装，学习十九届五中全会精神", 2, "two_part")],
                  [pattern])
    return Schema("s", "要点", "意识形态工作要点", 3, [theme])


def test_refreshed_texts_are_kept_verified_and_a_tampered_entry_is_ignored(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import json

    from drafter import compose
    from drafter.knowledge.timeline import refresh

    schema, path = _stale_schema(), tmp_path / "s.yaml"
    path.write_text("id: s\n", encoding="utf-8")
    texts = ["深入学习贯彻二十届三中全会精神", "开展专题学习研讨", "学习党的十九大精神", "深化理论武装，学习十九届五中全会精神"]
    expected = {t: None if refresh(t, 2026) == t else refresh(t, 2026) for t in texts}
    assert expected["开展专题学习研讨"] is None and expected["学习党的十九大精神"] is not None
    worked = Loads(None)
    real = compose._refresh_all

    def counted(s: Any, year: int) -> dict[str, str | None]:
        worked()
        return real(s, year)

    monkeypatch.setattr(compose, "_refresh_all", counted)
    monkeypatch.setattr(compose, "_REFRESHED", {})
    assert compose.refreshed_texts(schema, 2026, path) == expected
    (entry,) = [p for p in folder.iterdir() if p.name.startswith("refreshed-")]
    # a new process: the entry is read back and verified, nothing is worked out again
    compose._REFRESHED.clear()
    assert compose.refreshed_texts(schema, 2026, path) == expected
    assert worked.calls == 1
    # an entry whose payload no longer matches its hash is ignored
    compose._REFRESHED.clear()
    entry.write_bytes(entry.read_bytes().replace("十九大".encode(), "二十大".encode()))
    assert compose.refreshed_texts(schema, 2026, path) == expected
    assert worked.calls == 2
    # so is one re-hashed by hand that holds something other than a table of texts
    head, _, _ = entry.read_bytes().partition(b"\n")
    payload = json.dumps([1, 2]).encode()
    header = json.loads(head)
    header["sha256"] = hashlib.sha256(payload).hexdigest()
    entry.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    compose._REFRESHED.clear()
    assert compose.refreshed_texts(schema, 2026, path) == expected
    assert worked.calls == 3
    # another year, or a changed schema file, is worked out afresh
    assert compose.refreshed_texts(schema, 2019, path) != expected
    path.write_text("id: s\nversion: 2\n", encoding="utf-8")
    compose.refreshed_texts(schema, 2026, path)
    assert worked.calls == 5


def test_composing_with_and_without_kept_refreshed_texts_gives_the_same_outline(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter import compose
    from drafter.drafting import Drafting

    def fresh() -> None:
        compose._REFRESHED.clear()
        compose._SCHEMA_TEXTS.clear()

    for year in (2019, 2026):
        fresh()
        first = Drafting().draft(org="市财政局", year=year).plan  # worked out, then kept
        fresh()
        again = Drafting().draft(org="市财政局", year=year).plan  # read back from the cache
        fresh()
        with monkeypatch.context() as m:
            m.setattr(compose, "refreshed_texts", lambda *a: {})
            direct = Drafting().draft(org="市财政局", year=year).plan  # every text refreshed as it is used
        fresh()
        assert first == again == direct
    assert sum(e.startswith("refreshed-") for e in entries(folder)) == 2
