"""This book's EPUB holds its chapters and the timeline graphic as an image file (EPUBCheck
itself runs in the toolkit's book checks, ``test_book_generic``)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.book, pytest.mark.content]


def test_epub_holds_every_chapter_and_the_timeline_image(epub_file: Path) -> None:
    names = zipfile.ZipFile(epub_file).namelist()
    for page in ("readahead", "history", "training", "procurement", "risks", "timeline", "annex"):
        assert f"docs/{page}.xhtml" in names, page
    assert "_images/bb-timeline.svg" in names
