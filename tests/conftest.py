"""Shared fixtures: Sphinx's own testing fixtures, and variants of the test projects."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

#: Sphinx's own fixtures (``make_app``) and the toolkit's book checks' fixtures (the book
#: built once per session as HTML, PDF and EPUB, into temporary folders).
pytest_plugins = ["sphinx.testing.fixtures", "sphinx_briefing.booktests"]

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
    """The app's warnings, without colour codes. Nothing is filtered: a test that makes
    several apps cleans each one up before the next (``app.cleanup()``)."""
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


#: The source of record of this book; its own content tests need it.
THIS_BOOK = REPO / "source" / "mexico-military-trust.md"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``content`` check this book's own article and pages. When the book's
    content is replaced (by a book made with ``make new``), they are skipped, saying why;
    every other test checks the toolkit or any book, and still runs."""
    if THIS_BOOK.exists():
        return
    skip = pytest.mark.skip(reason="this book's own content tests: the book's content was replaced")
    for item in items:
        if "content" in item.keywords:
            item.add_marker(skip)
