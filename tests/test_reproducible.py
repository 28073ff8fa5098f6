"""The same sources give the same book: clean, parallel and incremental builds agree byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .book import REPO, built, sphinx_build

pytestmark = pytest.mark.book

EPOCH = "1700000000"
BOOK_FILES = ("conf.py", "index.md", "docs", "source", "_templates")


def html_outputs(outdir: Path) -> dict[str, bytes]:
    files = [*outdir.rglob("*.html"), *outdir.glob("_data/*"), *outdir.glob("_static/briefing.*")]
    return {str(path.relative_to(outdir)): path.read_bytes() for path in files}


def copy_book(target: Path) -> Path:
    """A copy of the book's sources (the extension itself is installed)."""
    for name in BOOK_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.mark.parametrize(("builder", "artefact"), [
    ("epub", "us-mexico-security-cooperation.epub"),
    ("briefingpdf", "us-mexico-security-cooperation.pdf"),
    ("briefingpdf", "us-mexico-security-cooperation-readahead.pdf"),
])
def test_two_clean_builds_give_identical_files(tmp_path: Path, epoch: None, builder: str, artefact: str) -> None:
    first = built(builder, tmp_path / "one") / artefact
    second = built(builder, tmp_path / "two") / artefact
    assert first.read_bytes() == second.read_bytes()


def test_two_clean_html_builds_are_identical(tmp_path: Path, epoch: None) -> None:
    assert html_outputs(built("html", tmp_path / "one")) == html_outputs(built("html", tmp_path / "two"))


def test_parallel_build_of_the_book_matches_serial(tmp_path: Path, epoch: None) -> None:
    serial = built("html", tmp_path / "serial")
    parallel = built("html", tmp_path / "parallel", "-j", "4")
    assert html_outputs(parallel) == html_outputs(serial)


def test_editing_a_chapter_rebuilds_like_a_clean_build(tmp_path: Path, epoch: None) -> None:
    book = copy_book(tmp_path / "book")
    out = tmp_path / "incremental"
    first = sphinx_build("html", out, srcdir=book)
    assert first.returncode == 0, first.stderr
    chapter = book / "docs" / "operations.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nAn added closing line for the test.\n", encoding="utf-8")
    again = sphinx_build("html", out, srcdir=book)
    assert again.returncode == 0, again.stderr
    clean = sphinx_build("html", tmp_path / "clean", srcdir=book)
    assert clean.returncode == 0, clean.stderr
    assert "An added closing line" in (out / "docs" / "operations.html").read_text(encoding="utf-8")
    assert html_outputs(out) == html_outputs(tmp_path / "clean")


def test_changing_a_figure_in_the_source_fails_the_build(tmp_path: Path) -> None:
    book = copy_book(tmp_path / "book")
    article = book / "source" / "mexico-military-trust.md"
    article.write_text(article.read_text(encoding="utf-8").replace("$60 million", "$70 million"), encoding="utf-8")
    result = sphinx_build("html", tmp_path / "out", srcdir=book)
    assert result.returncode != 0
    assert "value '$60 million' is not written in the cited paragraph" in result.stderr
    assert "training.md" in result.stderr


def test_appending_a_paragraph_to_the_source_fails_the_build(tmp_path: Path) -> None:
    book = copy_book(tmp_path / "book")
    article = book / "source" / "mexico-military-trust.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n\nA new paragraph.\n", encoding="utf-8")
    result = sphinx_build("html", tmp_path / "out", srcdir=book)
    assert result.returncode != 0
    assert "¶33 of source 'mexico-military-trust' is placed in no chapter" in result.stderr
    assert "mexico-military-trust.md:" in result.stderr


def test_changing_a_word_in_a_quotation_fails_the_build(tmp_path: Path) -> None:
    book = copy_book(tmp_path / "book")
    chapter = book / "docs" / "history.md"
    text = chapter.read_text(encoding="utf-8")
    assert "was unimaginable 15 years ago" in text
    chapter.write_text(text.replace("was unimaginable 15 years ago", "was unthinkable 15 years ago", 1), encoding="utf-8")
    result = sphinx_build("html", tmp_path / "out", srcdir=book)
    assert result.returncode != 0
    assert "history.md:" in result.stderr and "[briefing.misquote]" in result.stderr
