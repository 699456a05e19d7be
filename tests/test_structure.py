"""The package's shape: no import cycles among its modules, small exporter modules, no Streamlit under src/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "kurilmap"
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _run_time_nodes(tree: ast.AST):
    """Every node except those under ``if TYPE_CHECKING:`` (imports for type hints never run)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _imported(path: Path, name: str) -> set[str]:
    """Every module ``path`` imports when it runs, at the top or inside functions, as absolute dotted names."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in _run_time_nodes(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x, from .x import y
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            found.add(module)
            # from kurilmap import export: the name may be a module itself
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imported(path, name) & modules.keys() - {name} for name, path in modules.items()}


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_import_graph_is_read():
    graph = _import_graph()
    assert "kurilmap.export" in graph["kurilmap.cli"]  # a function-level or top-level import, both count
    assert "kurilmap.export.options" in graph["kurilmap.export"]


def test_imports_for_type_hints_only_are_not_counted():
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from a import b\nimport c\n")
    names = {
        getattr(n, "module", None) or n.names[0].name
        for n in _run_time_nodes(tree)
        if isinstance(n, (ast.Import, ast.ImportFrom))
    }
    assert names == {"typing", "c"}


def test_the_cycle_finder_finds_a_cycle():
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles_among_the_package_modules():
    cycle = _find_cycle(_import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_every_module_is_small_enough_to_read_in_one_sitting():
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 1
    long = {
        str(p.relative_to(ROOT)): n for p in files if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines (split them by concern): {long}"


def test_nothing_under_src_imports_streamlit():
    users = [
        str(path.relative_to(ROOT))
        for path in sorted(SRC.rglob("*.py"))
        if any(m == "streamlit" or m.startswith("streamlit.") for m in _imported(path, _module_name(path)))
    ]
    assert not users, f"Streamlit belongs in app.py, not the package: {users}"
