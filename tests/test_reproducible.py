"""The same sources give the same book: clean, parallel and incremental builds agree byte for byte."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from .book import built, copy_book, sphinx_build, tree_outputs
from .conftest import warnings_of

pytestmark = pytest.mark.book

EPOCH = "1700000000"
@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.mark.parametrize(("builder", "suffix"), [("epub", ".epub"), ("briefingpdf", ".pdf")])
def test_two_clean_builds_give_identical_files(tmp_path: Path, epoch: None, builder: str, suffix: str) -> None:
    one, two = built(builder, tmp_path / "one"), built(builder, tmp_path / "two")
    artefacts = sorted(path.name for path in one.glob(f"*{suffix}"))
    assert artefacts, f"the {builder} build wrote no {suffix}"
    for artefact in artefacts:
        assert (one / artefact).read_bytes() == (two / artefact).read_bytes(), artefact


def test_two_clean_html_builds_are_identical(tmp_path: Path, epoch: None) -> None:
    one, two = (built("html", tmp_path / name) for name in ("one", "two"))
    assert tree_outputs(one) == tree_outputs(two)


def test_parallel_build_of_the_book_matches_serial(tmp_path: Path, epoch: None) -> None:
    serial = built("html", tmp_path / "serial")
    parallel = built("html", tmp_path / "parallel", "-j", "4")
    assert tree_outputs(parallel) == tree_outputs(serial)


@pytest.mark.content
def test_editing_a_chapter_rebuilds_like_a_clean_build(tmp_path: Path, epoch: None) -> None:
    book = copy_book(tmp_path / "book")
    out = tmp_path / "incremental"
    first = sphinx_build("html", out, srcdir=book)
    assert first.returncode == 0, first.stderr
    chapter = book / "docs" / "border.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nAn added closing line for the test.\n", encoding="utf-8")
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
MUTATIONS = {
    "figure changed in the source": (
        ARTICLE, "$60 million", "$70 million",
        ["value '$60 million' is not written in the cited paragraph", "training.md:"]),
    "paragraph appended to the source": (
        ARTICLE, 'have our backs?"', 'have our backs?"\n\nA new paragraph.',
        ["¶33 of source 'mexico-military-trust' is placed in no chapter", "mexico-military-trust.md:"]),
    "word changed in a quotation": (
        "docs/history.md", "was unimaginable 15 years ago", "was unthinkable 15 years ago",
        ["[briefing.misquote]", "history.md:"]),
}


@pytest.mark.content
@pytest.mark.parametrize("case", sorted(MUTATIONS))
def test_a_mutation_fails_the_strict_build_naming_the_file(tmp_path: Path, case: str) -> None:
    relative, old, new, expected = MUTATIONS[case]
    book = copy_book(tmp_path / "book")
    unchanged = sphinx_build("html", tmp_path / "before", srcdir=book)
    assert unchanged.returncode == 0, unchanged.stderr
    edit(book / relative, old, new)
    result = sphinx_build("html", tmp_path / "out", srcdir=book)
    assert result.returncode != 0
    for fragment in expected:
        assert fragment in result.stderr, result.stderr


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
