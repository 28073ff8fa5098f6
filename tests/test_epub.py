"""This book's EPUB holds its chapters and the timeline graphic as an image file (EPUBCheck
itself runs in the toolkit's book checks, ``test_book_generic``)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from .conftest import warnings_of

pytestmark = [pytest.mark.book, pytest.mark.content]


def test_epub_holds_every_chapter_and_the_timeline_image(epub_file: Path) -> None:
    names = zipfile.ZipFile(epub_file).namelist()
    for page in ("readahead", "history", "training", "procurement", "risks", "timeline", "annex"):
        assert f"docs/{page}.xhtml" in names, page
    assert "_images/bb-timeline.svg" in names
    assert "_static/print.css" not in names


def test_a_changed_setting_leaves_the_next_epub_build_clean(make_app, project) -> None:
    """After a settings change Sphinx moves ``.buildinfo`` to ``.buildinfo.bak`` in the output
    folder; EPUB packs what it finds there, so every later strict build failed on it."""
    srcdir = project("basic")
    first = make_app("epub", srcdir=srcdir)
    first.build()
    first.cleanup()
    app = make_app("epub", srcdir=srcdir, confoverrides={"epub_title": "Another title"})
    app.build()
    assert (app.outdir / ".buildinfo.bak").exists(), "the setting change did not reach the build info"
    assert warnings_of(app) == ""
    assert ".buildinfo.bak" not in zipfile.ZipFile(app.outdir / f"{app.config.epub_basename}.epub").namelist()
