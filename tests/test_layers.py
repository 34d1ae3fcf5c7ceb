"""Imports point downward only: views → services → workflow/knowledge/documents → models."""

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
    "services": ["app.views", "PySide6"],
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
