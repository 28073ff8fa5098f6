"""The extension's shape: layers whose imports point one way, and no cycle anywhere.

Imports are read from the source (module level and inside functions alike), so a
cycle hidden in a function-level import is found too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "sphinx_briefing"
#: Modules that import nothing else of the package: any module may use them.
FOUNDATIONS = ("nodes", "model", "diagnostics", "priorities", "sentences", "quotemarks", "strict_yaml", "addressing")


def imports_of(path: Path) -> set[str]:
    """The package's own modules that one module imports, wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    modules = {path.stem: path for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    return {name: imports_of(path) & set(modules) for name, path in modules.items()}


def cycle_from(start: str, edges: dict[str, set[str]]) -> list[str] | None:
    """A path that leads from ``start`` back to it, or None."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for following in sorted(edges[node]):
            if following == start:
                return [*path, start]
            if following not in seen:
                seen.add(following)
                stack.append((following, [*path, following]))
    return None


def test_no_module_imports_itself_back() -> None:
    edges = graph()
    cycles = [cycle for name in sorted(edges) if (cycle := cycle_from(name, edges))]
    assert cycles == []


@pytest.mark.parametrize("name", FOUNDATIONS)
def test_foundations_import_nothing_else_of_the_package(name: str) -> None:
    assert imports_of(PACKAGE / f"{name}.py") == set()


def test_the_check_finds_a_cycle() -> None:
    assert cycle_from("a", {"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
