"""The tests' one set of helpers: read a build's warnings, build strictly, edit a test
project, find a line, time work as it grows.

Every test module takes these from here, never from another test module, so each module
can be read, moved or run on its own.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import http.server
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: The test projects (``tests/roots/test-*``), the repository, and this book's own article.
ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
THIS_BOOK = REPO / "source" / "mexico-military-trust.md"
#: Sphinx's form of a warning: ``path:line: WARNING: message [type.subtype]``.
_WARNING = re.compile(r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*) \[(?P<subtype>[\w.-]+)\]$")
#: Colour codes, which CI's FORCE_COLOR puts around every message.
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def plain(text: str) -> str:
    """``text`` without colour codes."""
    return _COLOUR.sub("", text)


# -- warnings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Warning:
    path: str
    line: int
    message: str
    subtype: str


def warnings_text(app) -> str:
    """The app's warnings as one text, without colour codes. Nothing is filtered: a test that
    makes several apps cleans each one up before the next (``app.cleanup()``)."""
    return plain(app.warning.getvalue())


def parse_warnings(text: str) -> list[Warning]:
    """Every warning of a build's output, parsed; one without file, line or subtype fails the test."""
    found = []
    for line in filter(None, plain(text).splitlines()):
        match = _WARNING.match(line)
        assert match, f"warning without file, line or subtype: {line}"
        found.append(Warning(match["path"], int(match["line"]), match["message"], match["subtype"]))
    return found


def warnings_in(app) -> list[Warning]:
    """Every warning of an in-process build, parsed."""
    return parse_warnings(app.warning.getvalue())


# -- building in process ----------------------------------------------------------------------


def strict_app(make_app, srcdir: Path, builder: str = "html", **overrides: object):
    """A test project built strictly (``nitpicky``) in this process: the app, built."""
    app = make_app(builder, srcdir=srcdir, confoverrides={"nitpicky": True, **overrides})
    app.build()
    return app


def build(make_app, srcdir: Path, builder: str = "html", **overrides: object) -> list[Warning]:
    """The warnings of a strict build of a test project in this process.

    The ``dummy`` builder reads and resolves every page as the HTML build does and writes
    no file: every check of the extension runs at read or resolve time, so tests that look
    only at warnings use it and save the writing."""
    return warnings_in(strict_app(make_app, srcdir, builder, **overrides))


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first occurrence of ``text`` in ``path``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


# -- edits to a copy of a test project ------------------------------------------------------

Edit = Callable[[Path], None]
#: The source of record of the ``test-checks`` project.
SOURCE = "source/sample.md"


def replace(old: str, new: str, path: str = "index.md") -> Edit:
    """Replace ``old``, which must stand once in the file, with ``new``."""

    def edit(root: Path) -> None:
        text = (root / path).read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {path}"
        (root / path).write_text(text.replace(old, new), encoding="utf-8")

    return edit


def append(extra: str, path: str = "index.md") -> Edit:
    def edit(root: Path) -> None:
        with (root / path).open("a", encoding="utf-8") as handle:
            handle.write("\n" + extra + "\n")

    return edit


def prepend(extra: str, path: str = "index.md") -> Edit:
    def edit(root: Path) -> None:
        (root / path).write_text(extra + (root / path).read_text(encoding="utf-8"), encoding="utf-8")

    return edit


def write(name: str, data: str | bytes) -> Edit:
    def edit(root: Path) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return edit


def raw_bytes(transform: Callable[[bytes], bytes], path: str = SOURCE) -> Edit:
    def edit(root: Path) -> None:
        (root / path).write_bytes(transform((root / path).read_bytes()))

    return edit


def symlink(name: str, target: str) -> Edit:
    return lambda root: (root / name).symlink_to(target)


def hard_linked(name: str) -> Edit:
    """``name`` becomes a second name (a hard link) for a file beside the project, outside
    it: the project's own file moved out when it has one, else a secret. No symlink on
    the way: the same file."""

    def edit(root: Path) -> None:
        target, outside = root / name, root.parent / f"secret-{root.name}-{Path(name).name}"
        if target.exists():
            shutil.move(target, outside)
        else:
            outside.write_text("# Secret\n\nSECRET-CANARY text from outside the book.\n", encoding="utf-8")
        os.link(outside, target)

    return edit


def moved_out(name: str) -> Edit:
    """``name`` becomes a symlink to a file or folder beside the project, outside it: the
    project's own when it has one (``source``), else a page (``extra.md``) or a folder
    holding one (``more``) that the project's pages may then list."""

    def edit(root: Path) -> None:
        target, outside = root / name, root.parent / f"outside-{root.name}-{name}"
        if target.exists():
            shutil.move(target, outside)
        elif name.endswith(".md"):
            outside.write_text("# Secret\n\nSecret text from outside the book.\n", encoding="utf-8")
        else:
            outside.mkdir()
            (outside / "extra.md").write_text("# Secret\n\nSecret text from outside the book.\n", encoding="utf-8")
        target.symlink_to(outside)

    return edit


def fifo(name: str) -> Edit:
    return lambda root: os.mkfifo(root / name)


#: The title line of ``test-checks``' root page.
TOP = "# Sample checks\n"


def inserted(text: str) -> Edit:
    """Put ``text`` right under the page title, where the whole page's citations support it."""
    return replace(TOP, TOP + "\n" + text + "\n")


# -- hostile payloads shared by the hostile-input table and the browser test ------------------

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
SCRIPTED_SVG = SVG_OPEN + "<script>alert('svg')</script><rect width='10' height='10'/></svg>"


def nested_list(depth: int) -> str:
    """A reST bullet list nested ``depth`` levels deep (item ``n`` stands at level n + 1)."""
    return "".join(f"{'  ' * level}- item {level}\n\n" for level in range(depth))


# -- serving a built site ------------------------------------------------------------------


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on loopback; yields its base address."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """Keep test output readable."""


# -- bounded work ------------------------------------------------------------------------------

#: Linear or n·log n work grows about 4× from a size to four times it, quadratic 16×.
GROWTH = 6.0


def best_time(work: Callable[[], object], tries: int = 3) -> float:
    """The least processor time of a few runs, without the garbage collector: processor time
    is this process's own, whatever else the machine runs, and the collector's pauses depend
    on what the process holds, not on the work."""
    timings = []
    gc.disable()
    try:
        for _ in range(tries):
            start = time.process_time()
            work()
            timings.append(time.process_time() - start)
    finally:
        gc.enable()
    return min(timings)


def growth(make: Callable[[int], Callable[[], object]], size: int, tries: int = 5) -> float:
    """The work's time at 4× ``size`` over its time at ``size`` (``make(n)`` prepares the work).
    The two sizes are timed in turn, so a spell of load from another test worker slows both
    rather than one (timed one after the other, the ratio swung from 4× to 7× under load)."""
    small, large = make(size), make(4 * size)
    smalls, larges = [], []
    for _ in range(tries):
        smalls.append(best_time(small, 1))
        larges.append(best_time(large, 1))
    return min(larges) / max(min(smalls), 1e-6)


def settled_growth(make: Callable[[int], Callable[[], object]], size: int, sweeps: int = 3) -> float:
    """The least :func:`growth` of up to ``sweeps`` sweeps, stopping at the first under
    :data:`GROWTH`. Another test worker can slow a measurement, never speed one up, so
    quadratic work never shows a growth under GROWTH; one sweep under load once read 6.4×
    for work that grows 4× alone."""
    ratio = growth(make, size)
    for _ in range(sweeps - 1):
        if ratio < GROWTH:
            break
        ratio = min(ratio, growth(make, size))
    return ratio
