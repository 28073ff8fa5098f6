"""Building the real book for tests and benchmarks: one function, the same flags as `make`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from sphinx_briefing.booktests import sphinx_command

REPO = Path(__file__).parent.parent
#: What a copy of the book needs (the extension itself is installed in the venv).
BOOK_FILES = ("conf.py", "index.md", "docs", "source")


def sphinx_build(builder: str, outdir: Path, *extra: str, srcdir: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run sphinx-build strictly (the toolkit's one command line) and return the finished
    process (never raises)."""
    command = sphinx_command(srcdir, builder, outdir, *extra)
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=900)


def built(builder: str, outdir: Path, *extra: str) -> Path:
    """Build and fail loudly, with Sphinx's own messages, if the build is not clean."""
    result = sphinx_build(builder, outdir, *extra)
    assert result.returncode == 0, f"{builder} build failed:\n{result.stdout}\n{result.stderr}"
    assert result.stderr.strip() == "", result.stderr
    return outdir


def copy_book(target: Path) -> Path:
    """A copy of the book's sources, to edit without touching the repository."""
    target.mkdir(parents=True, exist_ok=True)
    for name in BOOK_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


#: What a build writes for itself, not for readers: Sphinx's caches and its build record.
NOT_OUTPUT = (".buildinfo", ".doctrees")


def tree_outputs(outdir: Path) -> dict[str, bytes]:
    """Every file of an output tree (pages, search index, inventory, data, images, assets),
    without Sphinx's own caches."""
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
        and path.suffix != ".pickle"
        and not any(part in NOT_OUTPUT for part in path.relative_to(outdir).parts)
    }
