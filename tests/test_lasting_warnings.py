"""A warning lasts until it is fixed, whatever kills a build.

Each test builds ``test-checks`` with a real ``sphinx-build`` process. A tiny local
extension, switched on by ``BB_KILL_AT``, ends the process hard (``os._exit``) at a
chosen event, before the extension's own handlers run: right after Sphinx saves the
environment (``env-check-consistency``), while pages are written (``doctree-resolved``),
or as the build finishes (``build-finished``). The next build, with nothing changed,
must fail with the same warning, and say that it reads every page again.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_briefing.model.state import ATTRIBUTE

from .harness import append, replace

KILLED = 9
KILLER = """import os


def setup(app):
    event = os.environ.get("BB_KILL_AT")
    if event:
        app.connect(event, lambda *args: os._exit(9), priority=1)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""
MISQUOTE = replace(
    'Ann Lee said trust is "a very, very difficult thing', 'Ann Lee said trust is "a very, very easy thing'
)
UNPLACED = append("A paragraph nobody placed.", "source/sample.md")
SAYS_SO = "every page is read again"


@pytest.fixture
def book(project) -> Path:
    srcdir = project("checks")
    (srcdir / "killer.py").write_text(KILLER, encoding="utf-8")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + "\nimport sys, os\nsys.path.insert(0, os.path.dirname(__file__))\nextensions.append('killer')\n",
        encoding="utf-8",
    )
    return srcdir


def strict_build(srcdir: Path, kill_at: str = "") -> subprocess.CompletedProcess[str]:
    """``make html``'s strict build, into the project's ``_build`` (status shown, no colour)."""
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-n",
        "--no-color",
        "-d",
        str(srcdir / "_build" / "doctrees"),
        str(srcdir),
        str(srcdir / "_build" / "html"),
    ]
    env = {**os.environ, "BB_KILL_AT": kill_at}
    return subprocess.run(command, capture_output=True, text=True, cwd=srcdir, env=env, timeout=300)


@pytest.mark.parametrize("kill_at", ["env-check-consistency", "doctree-resolved", "build-finished"])
@pytest.mark.parametrize(
    "defect, subtype", [(MISQUOTE, "briefing.misquote"), (UNPLACED, "briefing.unplaced")], ids=["page", "whole book"]
)
def test_a_warning_outlives_a_killed_build(book: Path, kill_at: str, defect, subtype: str) -> None:
    defect(book)
    killed = strict_build(book, kill_at)
    assert killed.returncode == KILLED, f"the build was not killed at {kill_at}:\n{killed.stderr}"
    again = strict_build(book)
    assert again.returncode == 1 and f"[{subtype}]" in again.stderr, again.stderr
    assert SAYS_SO in again.stdout
    once_more = strict_build(book)
    assert once_more.returncode == 1 and f"[{subtype}]" in once_more.stderr, "and on every build after"
    assert SAYS_SO not in once_more.stdout, "a finished build owes only its warned pages"


def test_a_fixed_page_builds_clean_after_a_killed_build(book: Path) -> None:
    index = book / "index.md"
    good = index.read_text(encoding="utf-8")
    MISQUOTE(book)
    assert strict_build(book, "doctree-resolved").returncode == KILLED
    index.write_text(good, encoding="utf-8")
    clean = strict_build(book)
    assert clean.returncode == 0, clean.stderr


def test_a_record_that_cannot_be_read_rereads_every_page(book: Path) -> None:
    MISQUOTE(book)
    assert strict_build(book).returncode == 1
    pickled = book / "_build" / "doctrees" / "environment.pickle"
    env = pickle.loads(pickled.read_bytes())
    getattr(env, ATTRIBUTE).owed.pages = ["index"]  # not the record this version saves
    pickled.write_bytes(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))
    again = strict_build(book)
    assert "cannot be read" in again.stdout and SAYS_SO in again.stdout
    assert again.returncode == 1 and "[briefing.misquote]" in again.stderr


def test_a_finished_build_with_nothing_changed_reads_nothing(book: Path) -> None:
    """Outside those cases the state costs nothing: a clean book rebuilt reads no page."""
    assert strict_build(book).returncode == 0
    again = strict_build(book)
    assert again.returncode == 0 and "0 changed" in again.stdout and SAYS_SO not in again.stdout, again.stdout
