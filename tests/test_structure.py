"""The package's shape: one-way layers, no import cycles, no private names across modules, one Word XML writer.

The layers, lowest first (docs/architecture.md draws them). A module may
import its own layer or a lower one, never a higher one, and the imports
among all modules (lazy ones inside functions and type-only ones included)
form no cycle. A new module goes into ``LAYERS`` below.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "drafter"

#: (layer name, module prefixes) from the lowest layer up; a prefix covers a module and its submodules
#: (``drafter`` itself only the package's ``__init__``).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("drafter", "drafter.model", "drafter.schema", "drafter.numbering", "drafter.errors",
              "drafter.fileio", "drafter.docx_guard", "drafter.yamlio", "drafter.yaml_syntax", "drafter.resources", "drafter.settings",
              "drafter.json_schemas", "drafter.lazy_re", "drafter.parallel")),
    ("reading, mining, knowledge", ("drafter.corpus", "drafter.mining", "drafter.knowledge", "drafter.context",
                                    "drafter.jsonio", "drafter.schema_io", "drafter.matching")),
    ("composing", ("drafter.style_spec", "drafter.templates", "drafter.editor_checks", "drafter.jinja_env",
                   "drafter.jinja_messages", "drafter.cache", "drafter.compose")),
    ("drafting, rendering", ("drafter.drafting", "drafter.recipe", "drafter.template_edit", "drafter.render")),
    ("review", ("drafter.review",)),
    ("batch", ("drafter.batch",)),
    ("cli", ("drafter.cli", "drafter.__main__")),
]


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(path: Path) -> Iterator[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every drafter import, wherever it is written."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.startswith("drafter"):
            yield node.module, [a.name for a in node.names], node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("drafter"):
                    yield alias.name, [], node.lineno


def _edges() -> dict[str, set[tuple[str, int]]]:
    """Module → the drafter modules it imports (``from pkg import submodule`` is an edge to the submodule)."""
    edges: dict[str, set[tuple[str, int]]] = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        for target, names, line in _imports(path):
            subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
            if len(subs) < len(names) or not names:  # names defined in target itself, or a plain import
                edges[module].add((target, line))
            edges[module].update((s, line) for s in subs)
        edges[module] = {(t, n) for t, n in edges[module] if t != module}
    return edges


def layer_of(module: str) -> int:
    """Index of the layer ``module`` belongs to (the longest matching prefix wins)."""
    best, found = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            covers = module == prefix or (prefix != "drafter" and module.startswith(prefix + "."))
            if covers and len(prefix) > best:
                best, found = len(prefix), index
    return found


def test_every_module_has_a_layer() -> None:
    unplaced = [m for m in MODULES if layer_of(m) < 0]
    assert unplaced == [], f"put these modules into a layer in tests/test_structure.py: {unplaced}"


def test_no_module_imports_a_higher_layer() -> None:
    upward = []
    for module, targets in _edges().items():
        for target, line in sorted(targets):
            if target in MODULES and layer_of(target) > layer_of(module):
                upward.append(f"{MODULES[module].relative_to(PACKAGE.parent)}:{line}: {module} "
                              f"({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})")
    assert upward == []


def test_no_import_cycles() -> None:
    graph = {m: {t for t, _ in targets if t in MODULES} for m, targets in _edges().items()}
    cycles = [sorted(c) for c in _strongly_connected(graph) if len(c) > 1]
    assert cycles == []


def test_no_private_names_imported_across_modules() -> None:
    private = [f"{path.relative_to(PACKAGE.parent)}:{line}: {target}.{name}"
               for module, path in MODULES.items() for target, names, line in _imports(path)
               for name in names if name.startswith("_") and not name.endswith("__") and target != module]
    assert private == []


def test_word_xml_is_written_only_in_ooxml() -> None:
    writers = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        writers += [f"{path.relative_to(PACKAGE.parent)}:{node.lineno}" for node in ast.walk(tree)
                    if isinstance(node, ast.Constant) and isinstance(node.value, str) and "<w:" in node.value
                    and id(node) not in docstrings and module != "drafter.render.ooxml"]
    assert writers == []


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                out.append(component)
    return out


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert sorted(sorted(c) for c in _strongly_connected(graph) if len(c) > 1) == [["a", "b", "c"]]


@pytest.mark.parametrize(("module", "layer"), [("drafter.numbering", "base"), ("drafter.corpus.reader",
                         "reading, mining, knowledge"), ("drafter.render.ooxml", "drafting, rendering"),
                         ("drafter.cli.cmd_new", "cli")])
def test_layer_of(module: str, layer: str) -> None:
    assert LAYERS[layer_of(module)][0] == layer
