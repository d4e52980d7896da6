"""The shape of the code (DESIGN section 6): no import cycle inside `pbgraph/`, no module over 540 lines
(DESIGN 6: "none over ~500 lines"), and what is derived from the registry of analyses covers every
analysis."""

from __future__ import annotations

import ast
from pathlib import Path

import pbgraph

PACKAGE = Path(pbgraph.__file__).parent
MAX_LINES = 540


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Modules of `pbgraph` that `name` imports at run time (at the top or inside a function); imports under
    `if TYPE_CHECKING:` are for annotations only and never run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from pbgraph import _format` imports the submodule, not the package's __init__
            found.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {target for target in found if target in modules and target != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    # a `from pkg import sub` also names the package; count only the submodule then
    for edges in graph.values():
        for target in list(edges):
            if any(other.startswith(target + ".") for other in edges):
                edges.discard(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_no_import_cycle() -> None:
    assert _cycles(_graph()) == []


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_over_540_lines() -> None:
    long = {
        name: lines
        for name, path in _modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_import_walk_sees_lazy_imports() -> None:
    graph = _graph()
    # `load` reads then validates; the CLI imports the Neo4j backend inside a function
    assert {"pbgraph.io", "pbgraph.validate"} <= graph["pbgraph.loader"]
    assert "pbgraph.neo4j_backend" in graph["pbgraph.cli.neo4j"]
    # `from pbgraph import format as tabular` is an import of the submodule
    assert "pbgraph.format" in graph["pbgraph.report._tables"]


def test_everything_derived_from_the_registry_covers_every_analysis() -> None:
    from pbgraph._texts.report import DEFINITIONS, SECTIONS
    from pbgraph._texts.tables import TABLE_TITLES
    from pbgraph.analyses import ANALYSES, REGISTRY
    from pbgraph.cli.analyze import analyze
    from pbgraph.report._sections import SECTION_BUILDERS

    assert list(SECTION_BUILDERS) == list(ANALYSES)
    assert set(ANALYSES) <= set(SECTIONS) and set(ANALYSES) <= set(DEFINITIONS)
    assert {table for analysis in REGISTRY.values() for table in analysis.tables} <= set(TABLE_TITLES)
    choices = next(p for p in analyze.params if p.name == "name").type.choices  # type: ignore[attr-defined]
    assert list(choices) == ["all", *ANALYSES]


# Builtin exceptions raised as internal signals, caught in the same module before any caller sees them.
INTERNAL_SIGNALS = {
    ("pbgraph.cache", "KeyError"),  # "not derived": the cache entry falls back to computing
    ("pbgraph._json_writer", "TypeError"),  # no columnar writer for a column: the general writer takes it
    ("pbgraph.report._context", "KeyError"),  # a table the report looks for in several results
}
BUILTIN_ERRORS = {"ValueError", "KeyError", "TypeError", "RuntimeError", "IndexError", "Exception"}


def test_every_error_raised_on_purpose_is_a_pbgraph_error() -> None:
    """Issue 9: every library error is a `PbgraphError` (those meaning a builtin also subclass it), so the CLI
    and callers catch one type; a builtin raised directly would reach the user as a traceback."""
    found = set()
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                func = node.exc.func
                if isinstance(func, ast.Name) and func.id in BUILTIN_ERRORS:
                    found.add((name, func.id))
    assert found - INTERNAL_SIGNALS == set()
