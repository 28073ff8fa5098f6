"""The extension's shape: layers whose imports point down only, and no cycle anywhere.

Imports are read from the source (module level and inside functions alike), so a
cycle hidden in a function-level import is found too. The package root is a module
like any other: only it may import every layer (``setup`` wires them), and nothing
may import it back.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "sphinx_briefing"
#: The layers, bottom first: a module may import its own layer and the ones below it.
#: ``web`` and ``print`` stand side by side: neither imports the other.
LAYERS = ("text", "model", "domain", "checks", "records", ("web", "print"), "scaffold")
#: Modules at the package root other than the root itself, and the layer they count as.
ROOT_MODULES = {"version": "text", "booktests": "text"}
#: Modules that import nothing else of the package: any module may use them.
FOUNDATIONS = (
    "model.vocabulary",
    "model.priorities",
    "text.quotemarks",
    "text.strict_yaml",
    "text.addressing",
    "version",
    "booktests",
)


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
    name may be a module (``from . import checks``) and is kept as a candidate. The package
    root is the empty name: ``from .. import __version__`` is an import of the root."""
    here = name.split(".") if name else []
    package = here if is_package else here[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(
                alias.name.partition(".")[2] for alias in node.names if alias.name.startswith(f"{PACKAGE.name}.")
            )
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
    return found


def graph() -> dict[str, set[str]]:
    """Each module of the package (its subpackages too) and the modules it imports."""
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py") if "templates" not in path.parts}
    return {name: imports_of(path) & set(modules) - {name} for name, path in modules.items()}


def rank(name: str) -> tuple[int, str]:
    """The layer of a module (its position bottom first, and its folder); the root is on top."""
    if not name:
        return len(LAYERS), ""
    folder = name.split(".")[0]
    folder = ROOT_MODULES.get(folder, folder)
    for position, layer in enumerate(LAYERS):
        if folder == layer or folder in layer:
            return position, folder
    raise AssertionError(f"module {name!r} is in no layer; add its folder to LAYERS")


def upward(edges: dict[str, set[str]]) -> list[str]:
    """Every import that points up a layer, or across between side-by-side layers."""
    wrong = []
    for name, imported in sorted(edges.items()):
        for target in sorted(imported):
            (here, folder), (there, other) = rank(name), rank(target)
            if there > here or (there == here and folder != other):
                wrong.append(f"{name} → {target}")
    return wrong


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


def test_imports_point_down_only() -> None:
    assert upward(graph()) == []


def test_nothing_imports_the_package_root() -> None:
    assert sorted(name for name, imported in graph().items() if "" in imported) == []


def test_the_direction_check_finds_an_upward_and_a_sideways_import() -> None:
    edges = {"text.sources": {"checks.quotes"}, "web.previews": {"print.pdf"}, "print.pdf": {"records.export"}}
    assert upward(edges) == ["text.sources → checks.quotes", "web.previews → print.pdf"]


def test_a_cycle_through_the_root_is_found() -> None:
    edges = graph()
    edges["print.pdf"] = edges["print.pdf"] | {""}
    assert cycle_from("", edges) is not None
    assert "print.pdf" in str(cycle_from("print.pdf", edges))


@pytest.mark.parametrize("name", FOUNDATIONS)
def test_foundations_import_nothing_else_of_the_package(name: str) -> None:
    assert imports_of(PACKAGE / (name.replace(".", "/") + ".py")) == set()


def test_imports_are_found_however_they_are_written() -> None:
    written = (
        "from . import book\nfrom .records import x\nfrom sphinx_briefing.print import pdf\n"
        "import sphinx_briefing.records.export\nfrom ..checks.numbers import y\nimport os\n"
        "from sphinx import addnodes\nfrom .. import __version__\n"
    )
    found = imports_in(written, "scaffold.probe")
    assert found & set(graph()) == {
        "",
        "scaffold",
        "scaffold.book",
        "print",
        "print.pdf",
        "records.export",
        "checks.numbers",
    }


def test_the_check_finds_a_cycle() -> None:
    assert cycle_from("a", {"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


# -- the README's pictures of the code are drawn from it -----------------------------------

README = PACKAGE.parent / "README.md"


def readme_layers() -> dict[str, set[str]]:
    """The README's table of layers: each folder and the modules it lists, top layer first."""
    text = README.read_text(encoding="utf-8")
    block = text.split("### The modules, in layers", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    return {line.split()[0]: set(line.split()[1:]) for line in block.splitlines() if line.strip()}


def test_the_readme_lists_every_module_in_its_layer() -> None:
    actual: dict[str, set[str]] = {}
    for name in graph():
        folder, _, module = name.partition(".")
        if module and "." not in module:
            actual.setdefault(folder, set()).add(module)
    assert readme_layers() == actual


def test_the_readme_lists_the_layers_top_first() -> None:
    flat = [layer for entry in LAYERS for layer in (entry if isinstance(entry, tuple) else (entry,))]
    assert sorted(readme_layers(), key=lambda folder: -flat.index(folder)) == list(readme_layers())


def test_the_readme_names_each_transform_priority_as_the_code_sets_it() -> None:
    from sphinx_briefing.model import priorities

    path = README.read_text(encoding="utf-8").split("### The path of the data", 1)[1].split("### Notes", 1)[0]
    named = re.findall(r"\b([A-Z][A-Z_]{3,}) (\d+)\b", path)
    assert named, "the diagram names no transform"
    assert {name: int(value) for name, value in named} == {name: getattr(priorities, name, None) for name, _ in named}


# -- the vocabulary -----------------------------------------------------------------------

STYLES = (
    PACKAGE / "web" / "static" / "briefing.css",
    PACKAGE / "web" / "static" / "briefing.js",
    PACKAGE / "print" / "templates" / "briefing.typ",
)


def classes_in(text: str) -> set[str]:
    """Every ``bb-`` class a stylesheet, script or Typst design names (not file names)."""
    return set(re.findall(r"(?<![\w-])(bb-[a-z][a-z-]*[a-z])(?![\w-]*\.svg)", text))


def styled_classes() -> set[str]:
    return set().union(*(classes_in(path.read_text(encoding="utf-8")) for path in STYLES))


def vocabulary() -> set[str]:
    from sphinx_briefing.model import vocabulary as words

    values: set[str] = set()
    for name, value in vars(words).items():
        if not name.isupper():
            continue
        if isinstance(value, str):
            values.add(value)
        elif isinstance(value, dict):
            values |= set(value.values())
    edges = {f"{words.PRINT_BANNER}-top", f"{words.PRINT_BANNER}-bottom"}
    return values | edges


def test_every_class_the_styles_use_is_in_the_vocabulary() -> None:
    assert styled_classes() - vocabulary() == set()


def test_the_vocabulary_check_sees_a_class_the_code_does_not_know() -> None:
    css = ".bb-kf-card, .bb-made-up { color: red; } .bb-timeline.svg"
    assert classes_in(css) - vocabulary() == {"bb-made-up"}


def test_no_module_spells_a_class_of_the_vocabulary() -> None:
    """Code names a class through the vocabulary, never as a string of its own."""
    spelled = {
        f"{path.relative_to(PACKAGE)}: {match}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "vocabulary.py"
        for match in re.findall(r"""["'](bb-[a-z-]+)["']""", path.read_text(encoding="utf-8"))
    }
    assert spelled == set()
