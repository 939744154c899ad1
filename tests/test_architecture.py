"""The shape of the code: data flows one way, modules stay small, the CLI stays thin.

These are the rules of docs/ARCHITECTURE.md, checked on the source (an AST walk, nothing
imported), so a change that breaks one fails here with the module and the line to look at.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "graph"
MAX_LINES = 650
#: What graph.analysis must never import: the modules that show or write results.
OUTPUT_MODULES = ("graph.report", "graph.render", "graph.export", "graph.plot")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rsplit(".", 1)[0]


def _imports(name: str, path: Path) -> list[tuple[int, str, str | None]]:
    """(line, module imported, name imported or None) for every import in a module of graph (or cli.py)."""
    package = _package_of(name, path) if name != "cli" else ""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                found.append((node.lineno, target, alias.name))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name, None) for alias in node.names)
    return [f for f in found if f[1] == "graph" or f[1].startswith("graph.")]


def _targets(target: str, imported: str | None) -> list[str]:
    """The modules of graph an import statement loads: the module, and a submodule named by it."""
    out = [target] if target in MODULES else []
    if imported and f"{target}.{imported}" in MODULES:
        out.append(f"{target}.{imported}")
    return out


def _graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        edges[name] = {t for _, target, imported in _imports(name, path) for t in _targets(target, imported)
                       if t != name}
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def _is_package_init(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def test_no_import_circle():
    # a package's __init__ re-exporting its modules is not a circle of concerns: leave those edges out
    edges = {m: {t for t in ts if not (_is_package_init(t) and m.startswith(t + "."))} for m, ts in _graph().items()}
    assert _cycles(edges) == []


def test_no_private_name_imported_from_another_module():
    offences = []
    for name, path in MODULES.items():
        package = _package_of(name, path)
        for line, target, imported in _imports(name, path):
            if target == name or not imported or not imported.startswith("_") or imported.startswith("__"):
                continue
            # inside one subpackage is fine: graph.ingest.core may use graph.ingest._files
            target_package = target if target in MODULES and _is_package_init(target) else target.rsplit(".", 1)[0]
            if target_package == package and package != "graph":
                continue
            offences.append(f"{path.relative_to(ROOT)}:{line}: {imported} from {target}")
    assert offences == []


def test_analysis_imports_no_output_module():
    offences = [f"{MODULES[m].relative_to(ROOT)}: imports {t}"
                for m, ts in _graph().items() if m.startswith("graph.analysis")
                for t in ts if t.startswith(OUTPUT_MODULES)]
    assert offences == []


@pytest.mark.parametrize("path", [*MODULES.values(), ROOT / "cli.py"], ids=[*MODULES, "cli"])
def test_module_is_under_the_split_point(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines; split it by concern"


def test_cli_imports_only_public_names_of_graph():
    offences = []
    for line, target, imported in _imports("cli", ROOT / "cli.py"):
        private_module = any(part.startswith("_") for part in target.split("."))
        if private_module or (imported or "").startswith("_"):
            offences.append(f"cli.py:{line}: {target}{'.' + imported if imported else ''}")
    assert offences == []


def test_the_checks_see_the_package():
    # a walk that found nothing would pass every test above
    assert {"graph", "graph.analysis", "graph.model", "graph.network"} <= set(MODULES)
    assert any(t.startswith("graph.network") for t in _graph()["graph.analysis.centrality"])
