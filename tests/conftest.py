"""Shared fixtures: Sphinx's own testing fixtures, and variants of the test projects."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .harness import ROOTS, THIS_BOOK

#: Sphinx's own fixtures (``make_app``) and the toolkit's book checks' fixtures (the book
#: built once per session as HTML, PDF and EPUB, into temporary folders).
pytest_plugins = ["sphinx.testing.fixtures", "sphinx_briefing.booktests"]


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


#: How the tests start Debian's Chromium: headless, as root, with no background network.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from sphinx_briefing.booktests import (
        need_tool,  # a plugin of this suite: imported once pytest has loaded it
    )

    chromium = need_tool("chromium", "chromium-browser", install="apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
