"""``make bench`` keeps working: its synthetic library passes the strict build it times.

The bench is a report and is not run by ``make test``; once its synthetic people stopped
passing the checks and the bench failed on its first build, unseen. This builds the
same library, small, the way the bench does."""

from __future__ import annotations

from pathlib import Path

from .bench import run, synthetic_library


def test_the_bench_library_builds_strictly(tmp_path: Path) -> None:
    library = synthetic_library(tmp_path / "lib", 3)
    assert run(library, tmp_path / "out") > 0
    assert (tmp_path / "out" / "docs" / "c3.html").is_file()
