"""Bounded work of the checks that read a file before Sphinx does (a page's front matter)
or before it is published (PDF, SVG, CSV): each grows with the file, on the worst file
known for it, as :mod:`test_bounded_work` asserts for the prose checks (a growth under
:data:`harness.GROWTH` for 4× the input)."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_briefing.checks.files import IMAGE_TYPES, judge
from sphinx_briefing.checks.pdf_actions import scanned_problem
from sphinx_briefing.checks.spreadsheet import csv_problem
from sphinx_briefing.checks.svg import svg_problem
from sphinx_briefing.checks.syntax import refuse_front_matter

from .harness import GROWTH, settled_growth


def unended_streams(size: int) -> Callable[[], object]:
    """Stream keywords with no ``endstream``: each stream once read to the end of the
    file, so the file was read once per keyword (18 s for 800 KB)."""
    data = b"%PDF-1.4\n" + b"1 0 obj stream\n414243>~>\n" * size
    return lambda: scanned_problem(data)


def keywords_in_ascii85(size: int) -> Callable[[], object]:
    """Stream keywords in text an ASCII85 stream may hold, with one ``~>`` at the end: each
    stream is read to the end of its encoding, so each would read the rest of the file."""
    data = b"%PDF-1.4\n" + b"1 0 obj stream\nABCDEFGH\n" * size + b"~>\n"
    return lambda: scanned_problem(data)


def streams_in_streams(size: int) -> Callable[[], object]:
    """Flate streams each stored inside the one before (a stored block holds the next stream's
    keyword and data): read to its end, each stream reads all those inside it."""
    inner = b""
    for _ in range(size):
        inner = b"stream\n" + zlib.compress(inner, 0)
    data = b"%PDF-1.4\n1 0 obj " + inner
    return lambda: scanned_problem(data)


def reused_chain(size: int) -> Callable[[], object]:
    """A chain of groups, each drawing the one before twice: counted once per element."""
    groups = "".join(f'<g id="g{n}"><use href="#g{n - 1}"/><use href="#g{n - 1}"/></g>' for n in range(1, size))
    data = f'<svg xmlns="http://www.w3.org/2000/svg"><g id="g0"/>{groups}</svg>'.encode()
    return lambda: svg_problem(data)


def many_cells(size: int) -> Callable[[], object]:
    data = b"year,value\n" + b"2015,-5\n" * size
    return lambda: csv_problem(data)


@pytest.mark.parametrize(
    ("make", "size"),
    [
        (unended_streams, 2_000),
        (keywords_in_ascii85, 2_000),
        (streams_in_streams, 300),
        (reused_chain, 1_000),
        (many_cells, 10_000),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_a_file_check_grows_with_the_file_not_faster(make: Callable[[int], Callable[[], object]], size: int) -> None:
    ratio = settled_growth(make, size)
    assert ratio < GROWTH, f"{make.__name__}: 4× the input took {ratio:.1f}× the time"


def test_refused_front_matter_keys_cost_grows_with_the_page_not_faster(make_app, project) -> None:
    """Red team H: each refused key's line was searched for with its own pass over the
    front matter, and each was a warning (30,000 keys: 143 s)."""
    app = make_app("html", srcdir=project())

    def refused_keys(size: int) -> Callable[[], object]:
        text = "---\n" + "".join(f"k{index}: 1\n" for index in range(size)) + "---\n# Page\n"
        return lambda: refuse_front_matter(app, "index", [text])

    ratio = settled_growth(refused_keys, 1_000)
    assert ratio < GROWTH, f"4× the keys took {ratio:.1f}× the time"


def drawing(rectangles: int) -> bytes:
    """A harmless SVG of ``rectangles`` squares: the SVG check reads every element."""
    squares = "".join(f'<rect x="{n % 100}" y="{n // 100 % 100}" width="1" height="1"/>' for n in range(rectangles))
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">{squares}</svg>'.encode()


def test_a_file_named_again_and_again_is_judged_once_a_build(make_app, project) -> None:
    """Red team R's kind (a product of two inputs): a page naming one picture n times had it
    read and checked n times, so 200 uses of a 3 MB SVG took 173 s. A file's judgment is
    kept for the build, so n uses of a file of size n grow as n, not n²."""
    app = make_app("html", srcdir=project())
    outputs = (Path(app.outdir), Path(app.doctreedir))
    app.env.prepare_settings("index")  # as Sphinx does before reading the page

    def uses_of_a_drawing(size: int) -> Callable[[], object]:
        data, copies = drawing(size), iter(range(1_000))

        def work() -> object:
            name = f"drawing-{size}-{next(copies)}.svg"  # a file this build has not judged
            Path(app.srcdir, name).write_bytes(data)
            return [judge(app.env, "index", name, IMAGE_TYPES, outputs) for _ in range(size)]

        return work

    assert uses_of_a_drawing(10)() == [None] * 10
    ratio = settled_growth(uses_of_a_drawing, 60)
    assert ratio < GROWTH, f"4× the uses of a drawing 4× the size took {ratio:.1f}× the time"
