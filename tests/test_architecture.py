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


def module_name(path: Path) -> str:
    """``scaffold/extract.py`` → ``scaffold.extract``; a package's ``__init__`` is the package."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    return imports_in(path.read_text(encoding="utf-8"), module_name(path), is_package=path.stem == "__init__")


def imports_in(source: str, name: str, *, is_package: bool = False) -> set[str]:
    """Every name of the package one module imports, wherever the import stands and however
    it is written (``from .x``, ``from ..x``, ``from sphinx_briefing import x``,
    ``import sphinx_briefing.x``), as dotted names from the package root; an imported
    name may be a module (``from . import checks``) and is kept as a candidate."""
    here = name.split(".") if name else []
    package = here if is_package else here[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.partition(".")[2] for alias in node.names if alias.name.startswith(f"{PACKAGE.name}."))
        if not isinstance(node, ast.ImportFrom):
            continue
        module = (node.module or "").split(".") if node.module else []
        if node.level:
            base = package[: len(package) - node.level + 1]
        elif module[:1] == [PACKAGE.name]:
            base, module = [], module[1:]
        else:
            continue
        target = base + module
        found.add(".".join(target))
        found.update(".".join([*target, alias.name]) for alias in node.names)
    return found - {""}


def graph() -> dict[str, set[str]]:
    """Each module of the package (its subpackages too) and the modules it imports."""
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py") if "templates" not in path.parts}
    modules.pop("", None)  # the package's __init__ loads every module for Sphinx's setup()
    return {name: imports_of(path) & set(modules) - {name} for name, path in modules.items()}


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


def test_imports_are_found_however_they_are_written() -> None:
    written = (
        "from . import book\nfrom .records import x\nfrom sphinx_briefing import pdf\n"
        "import sphinx_briefing.export\nfrom ..numbers import y\nimport os\nfrom sphinx import addnodes\n"
    )
    found = imports_in(written, "scaffold.probe")
    assert found & set(graph()) == {"scaffold", "scaffold.book", "pdf", "export", "numbers"}


def test_the_check_finds_a_cycle() -> None:
    assert cycle_from("a", {"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
