"""The same sources give the same book: clean, parallel and incremental builds agree byte for byte."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sphinx_briefing.booktests import SHARED_EPOCH

from .book import built, copy_book, sphinx_build, tree_outputs

pytestmark = pytest.mark.book


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds claim the time the run's shared builds claim, so that they compare byte for byte."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SHARED_EPOCH)


def test_two_clean_pdf_builds_give_identical_files(pdf_dir: Path, tmp_path: Path, epoch: None) -> None:
    two = built("briefingpdf", tmp_path / "two")
    artefacts = sorted(path.name for path in pdf_dir.glob("*.pdf"))
    assert len(artefacts) == 2, "the book and its read-ahead"
    for artefact in artefacts:
        assert (pdf_dir / artefact).read_bytes() == (two / artefact).read_bytes(), artefact


def test_two_clean_epub_builds_give_identical_files(epub_file: Path, tmp_path: Path, epoch: None) -> None:
    two = built("epub", tmp_path / "two") / epub_file.name
    assert epub_file.read_bytes() == two.read_bytes()


def test_two_clean_html_builds_are_identical(html_site: Path, tmp_path: Path, epoch: None) -> None:
    """The run's shared build (made at the same claimed time) is one of the two."""
    assert tree_outputs(built("html", tmp_path / "two")) == tree_outputs(html_site)


def test_parallel_build_of_the_book_matches_serial(html_site: Path, tmp_path: Path, epoch: None) -> None:
    assert tree_outputs(built("html", tmp_path / "parallel", "-j", "4")) == tree_outputs(html_site)


@pytest.mark.content
def test_editing_a_chapter_rebuilds_like_a_clean_build(tmp_path: Path, epoch: None) -> None:
    book = copy_book(tmp_path / "book")
    out = tmp_path / "incremental"
    first = sphinx_build("html", out, srcdir=book)
    assert first.returncode == 0, first.stderr
    chapter = book / "docs" / "border.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\nAn added closing line for the test.\n", encoding="utf-8"
    )
    again = sphinx_build("html", out, srcdir=book)
    assert again.returncode == 0, again.stderr
    clean = sphinx_build("html", tmp_path / "clean", srcdir=book)
    assert clean.returncode == 0, clean.stderr
    assert "An added closing line" in (out / "docs" / "border.html").read_text(encoding="utf-8")
    assert tree_outputs(out) == tree_outputs(tmp_path / "clean")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ARTICLE = "source/mexico-military-trust.md"
#: Three mistakes made in one copy of the book, each in its own file: one strict build must
#: fail on all three, each warning naming its file.
MUTATIONS = {
    "figure changed in the source": (
        ARTICLE,
        "$60 million",
        "$70 million",
        ["value '$60 million' is not written in the cited paragraph", "training.md:"],
    ),
    "paragraph appended to the source": (
        ARTICLE,
        'have our backs?"',
        'have our backs?"\n\nA new paragraph.',
        ["¶33 of source 'mexico-military-trust' is placed in no chapter", "mexico-military-trust.md:"],
    ),
    "word changed in a quotation": (
        "docs/history.md",
        "was unimaginable 15 years ago",
        "was unthinkable 15 years ago",
        ["[briefing.misquote]", "history.md:"],
    ),
}


@pytest.fixture(scope="module")
def mutated(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """A copy of the book with every mutation made, built strictly once."""
    book = copy_book(tmp_path_factory.mktemp("mutated") / "book")
    for relative, old, new, _expected in MUTATIONS.values():
        edit(book / relative, old, new)
    return sphinx_build("html", book.parent / "out", srcdir=book)


@pytest.mark.content
@pytest.mark.parametrize("case", sorted(MUTATIONS))
def test_a_mutation_fails_the_strict_build_naming_the_file(
    mutated: subprocess.CompletedProcess[str], case: str
) -> None:
    assert mutated.returncode != 0
    for fragment in MUTATIONS[case][3]:
        assert fragment in mutated.stderr, mutated.stderr
