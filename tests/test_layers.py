"""Imports point downward only (views → services → workflow/knowledge/documents → models), no
module imports itself through others, and no folder grows past 15 modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
# package → module prefixes it must not import
FORBIDDEN = {
    "models": ["app.services", "app.views", "app.workflow", "app.documents", "app.knowledge",
               "app.db", "app.bootstrap", "PySide6"],
    "workflow": ["app.services", "app.views", "app.documents", "app.db", "app.bootstrap",
                 "sqlmodel", "sqlalchemy", "PySide6"],
    "knowledge": ["app.services", "app.views", "app.db", "app.bootstrap", "sqlmodel",
                  "sqlalchemy", "PySide6"],
    "documents": ["app.services", "app.views", "app.db", "app.bootstrap", "sqlmodel",
                  "sqlalchemy", "PySide6"],
    "services": ["app.views", "app.cli", "PySide6"],
    # The command line is a front end beside the GUI (whose launcher it starts when no command
    # is given): it reaches the data through services only.
    "cli": ["PySide6", "sqlmodel", "sqlalchemy", "app.db"],
    # Views reach data only through services; enums (labels) are the one model import allowed.
    "views": ["app.db", "sqlmodel", "sqlalchemy", "app.models.case", "app.models.records",
              "app.models.admin", "app.models.organisation"],
}


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_upward_imports(package: str) -> None:
    offenders = []
    for path in sorted((APP / package).rglob("*.py")):
        for name in imported_modules(path):
            if name == "app.models" and package == "views":
                offenders.append(f"{path.name}: {name}")
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[package]):
                offenders.append(f"{path.relative_to(APP)}: {name}")
    assert offenders == []


def _module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every app module and the app modules it imports, at the top or inside a function."""
    paths = {_module_name(p): p for p in APP.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([node.module] if node.module else []))
                targets.add(base)
                targets.update(f"{base}.{alias.name}" for alias in node.names)
        graph[name] = {t for t in targets if t in paths and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
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
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_no_folder_holds_more_than_15_modules() -> None:
    crowded = {}
    for folder in [APP, *(p for p in APP.rglob("*") if p.is_dir() and p.name != "__pycache__")]:
        modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        if len(modules) > 15:
            crowded[str(folder.relative_to(APP.parent))] = len(modules)
    assert crowded == {}


def test_every_package_says_what_lives_there() -> None:
    silent = [str(p.relative_to(APP.parent)) for p in APP.rglob("__init__.py")
              if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert silent == []
