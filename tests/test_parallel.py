"""Serial and parallel builds give one answer: the same warnings and the same output tree.

``test-parallel`` declares one person id on eight pages. Whichever worker reads
which page, the first declaration in reading order wins, every other one is
warned about naming it, and the generated who's who and its data hold one entry.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .book import tree_outputs
from .harness import ROOTS, warnings_text


def build(make_app, tmp_path: Path, parallel: int) -> tuple[list[str], dict[str, bytes]]:
    srcdir = tmp_path / f"parallel-{parallel}"
    shutil.copytree(ROOTS / "test-parallel", srcdir)
    app = make_app("html", srcdir=srcdir, parallel=parallel, freshenv=True)
    app.build()
    app.cleanup()  # the next app of the same test registers its directives afresh
    relative = warnings_text(app).replace(str(srcdir), "SRC")
    return sorted(relative.splitlines()), tree_outputs(Path(app.outdir))


@pytest.fixture
def serial(make_app, tmp_path: Path) -> tuple[list[str], dict[str, bytes]]:
    return build(make_app, tmp_path, 1)


def test_a_repeated_id_is_judged_once_the_book_is_merged(serial) -> None:
    warnings, files = serial
    assert len(warnings) == 7 and all("[briefing.duplicate-id]" in line for line in warnings), warnings
    assert all("first declared at SRC/page1.md:5" in line for line in warnings)
    assert files["_data/persons.json"].count(b'"id": "lee"') == 1
    assert b"as page 1 has it" in files["records.html"] and b"as page 2 has it" not in files["records.html"]


@pytest.mark.parametrize("parallel", [2, 4])
def test_parallel_builds_match_the_serial_build(make_app, tmp_path: Path, serial, parallel: int) -> None:
    warnings, files = build(make_app, tmp_path, parallel)
    assert warnings == serial[0]
    assert files == serial[1]
