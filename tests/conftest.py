"""Shared fixtures: Sphinx's own testing fixtures, and variants of the test projects."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytest_plugins = "sphinx.testing.fixtures"

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
STRICT = {"nitpicky": True}


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where Sphinx's ``app`` fixture finds ``test-*`` projects."""
    return ROOTS


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """Copy a test root to a fresh folder, optionally applying edits to its files.

    ``edits`` maps a relative path to a function from old text (or None) to new
    text; each bad-input case is the clean project plus one edit.
    """

    def make(name: str = "basic", **edits: Callable[[str | None], str | bytes]) -> Path:
        target = tmp_path / name
        shutil.copytree(ROOTS / f"test-{name}", target)
        for relative, edit in edits.items():
            path = target / relative.replace("__", "/")
            old = path.read_text(encoding="utf-8") if path.exists() else None
            new = edit(old)
            path.write_bytes(new if isinstance(new, bytes) else new.encode("utf-8"))
        return target

    return make


def warnings_of(app) -> str:
    """The app's warnings, without colour codes and without the notes Sphinx prints
    when several apps are created in one test (node classes registered twice)."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return "\n".join(line for line in text.splitlines() if "is already registered" not in line)


@pytest.fixture(scope="session")
def printed_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book's PDFs, built once per test session with the same strict flags as ``make pdf``."""
    from .book import built

    return built("briefingpdf", tmp_path_factory.mktemp("printed") / "pdf")


@pytest.fixture(scope="session")
def rtd_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book's website, built with Read the Docs' own HTML command and nothing
    built before it: the web build prints the read-ahead it offers by itself."""
    tmp = tmp_path_factory.mktemp("rtd")
    command = [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-b", "html",
               "-d", str(tmp / "doctrees"), "-D", "language=en", ".", str(tmp / "html")]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "html"
