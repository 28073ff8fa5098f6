"""One build state: no module keeps state of its own, two books never share any, and
what a pickle of the environment keeps is what the state's docstring says."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

from sphinx_briefing.domain.brief import TABLES, briefing_domain
from sphinx_briefing.model.entries import Record
from sphinx_briefing.model.state import BuildState, state

PACKAGE = Path(__file__).parent.parent / "sphinx_briefing"
#: Methods that change a container in place.
MUTATORS = {"append", "add", "update", "pop", "popitem", "setdefault", "clear", "extend", "insert", "remove", "discard"}
#: Calls that make a mutable container.
CONTAINER_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque", "WeakKeyDictionary"}
#: Argument types a memoised function may take: values, never a path, an app or an environment.
VALUE_TYPES = {"str", "int", "bool", "float"}


def _name(node: ast.expr) -> str:
    return getattr(node, "id", getattr(node, "attr", ""))


def _module_names(tree: ast.Module) -> dict[str, ast.expr | None]:
    """Names bound at module level, and what each is bound to."""
    bound: dict[str, ast.expr | None] = {}
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        for target in targets:
            if isinstance(target, ast.Name):
                bound[target.id] = node.value
    return bound


def _memo_problem(function: ast.FunctionDef) -> str | None:
    """A cache on a function is state unless it is bounded and keyed by plain values."""
    for decorator in function.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        if _name(call.func if call else decorator) not in ("lru_cache", "cache"):
            continue
        sizes = [k.value for k in call.keywords if k.arg == "maxsize"] + call.args[:1] if call else []
        bounded = any(not (isinstance(size, ast.Constant) and size.value is None) for size in sizes)
        kinds = {_name(arg.annotation) if arg.annotation else "?" for arg in function.args.args}
        if not bounded or not kinds <= VALUE_TYPES:
            return f"cache on {function.name}() (bounded: {bounded}; arguments: {sorted(kinds)})"
    return None


def _frozen(node: ast.ClassDef) -> bool:
    """A class whose objects cannot change: a frozen dataclass or a named tuple."""
    frozen = any(
        isinstance(decorator, ast.Call)
        and _name(decorator.func) == "dataclass"
        and any(k.arg == "frozen" and isinstance(k.value, ast.Constant) and k.value.value for k in decorator.keywords)
        for decorator in node.decorator_list
    )
    return frozen or any(_name(base) == "NamedTuple" for base in node.bases)


def state_kept_by(source: str) -> list[str]:
    """Every way a module keeps state of its own: a mutable container at module level
    under a name that is not a constant, a ``global``, a module-level name changed in
    place, or a cache that is unbounded or keyed by something other than plain values."""
    tree = ast.parse(source)
    bound = _module_names(tree)
    # an object of a class of its own can keep anything in its attributes (a last-used cache)
    own_classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef) and not _frozen(node)}
    found = []
    for name, value in bound.items():
        mutable = isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)) or (
            isinstance(value, ast.Call) and _name(value.func) in CONTAINER_CALLS
        )
        if mutable and not name.isupper() and name != "__all__":
            found.append(f"module-level container {name}")
        elif isinstance(value, ast.Call) and _name(value.func) in own_classes:
            found.append(f"module-level instance {name} of {_name(value.func)}, a class of the module's own")
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found.append(f"global {', '.join(node.names)}")
        elif isinstance(node, ast.FunctionDef) and (problem := _memo_problem(node)):
            found.append(problem)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
        ):
            if node.func.value.id in bound and node.func.attr in MUTATORS:
                found.append(f"{node.func.value.id}.{node.func.attr}() on a module-level name")
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id in bound for t in node.targets
        ):
            found.append("item assignment to a module-level name")
    return found


def test_no_module_keeps_state_of_its_own() -> None:
    kept = {
        f"{path.relative_to(PACKAGE)}: {problem}"
        for path in PACKAGE.rglob("*.py")
        if "templates" not in path.parts
        for problem in state_kept_by(path.read_text(encoding="utf-8"))
    }
    assert kept == set()


def test_the_state_check_finds_each_way_of_keeping_state() -> None:
    source = (
        "from functools import lru_cache\n"
        "_seen: dict = {}\n"
        "LIMITS = {'a': 1}\n"
        "def note(key):\n    _seen[key] = 1\n    LIMITS.update(b=2)\n"
        "def reset():\n    global _seen\n    _seen = {}\n"
        "@lru_cache(maxsize=64)\ndef parse(path: Path, mtime: int): ...\n"
        "@lru_cache(maxsize=64)\ndef words(text: str) -> tuple: ...\n"
        "@lru_cache\ndef unbounded(text: str): ...\n"
        "@lru_cache(maxsize=None)\ndef unbounded_too(text: str): ...\n"
        "class _Last:\n    def of(self, key):\n        self.key = key\n"
        "_last = _Last()\n"
        "FORMAT = Format('x')\n"
    )
    assert sorted(state_kept_by(source)) == sorted(
        [
            "module-level container _seen",
            "item assignment to a module-level name",
            "LIMITS.update() on a module-level name",
            "global _seen",
            "cache on parse() (bounded: True; arguments: ['Path', 'int'])",
            "cache on unbounded() (bounded: False; arguments: ['str'])",
            "cache on unbounded_too() (bounded: False; arguments: ['str'])",
            "module-level instance _last of _Last, a class of the module's own",
        ]
    )


def test_two_books_built_in_one_process_share_nothing(make_app, project) -> None:
    first = make_app("html", srcdir=project("sources"))
    second = make_app("html", srcdir=project("basic"))
    first.build()
    second.build()
    first.build()
    assert state(first.env) is not state(second.env)
    assert sorted(state(first.env).library.sources) == ["sample"]
    assert state(second.env).source_dir != state(first.env).source_dir
    assert state(first.env).library.sources["sample"].path.is_relative_to(first.srcdir)
    assert state(second.env).library.sources["sample"].path.is_relative_to(second.srcdir)


def test_a_pickle_keeps_what_the_state_says_and_nothing_else(make_app, project) -> None:
    app = make_app("html", srcdir=project("basic"))
    app.build()
    before = state(app.env)
    assert before.library.sources and before.page_sources
    after: BuildState = pickle.loads(pickle.dumps(before))
    assert after.known_sources == before.known_sources == ("sample",)
    assert after.owed == before.owed and after.owed is not None and after.owed.finished
    assert after.listener is None
    assert after.settings == before.settings
    assert (
        after._library is None and after.page_sources == {} and after.told == set() and after.fingerprint_before is None
    )
    assert after.library.sources.keys() == before.library.sources.keys(), "read again when asked"


def test_the_domain_declares_every_table_it_holds(make_app, project) -> None:
    app = make_app("html", srcdir=project("basic"))
    app.build()
    assert set(briefing_domain(app.env).data) == {*TABLES.values(), "version"}


def test_a_stored_record_does_not_carry_its_page(make_app, project) -> None:
    """Parsed nodes keep their document: a record body stored with it would pickle its
    whole page into the saved environment and out of every parallel reader."""
    app = make_app("html", srcdir=project("basic"))
    app.build()
    records = list(briefing_domain(app.env).entries(Record))
    assert records and all(part.document is None for record in records for part in record.body.findall())
    page = len(pickle.dumps(app.env.get_doctree("index")))
    assert len(pickle.dumps(records)) < page / 2
